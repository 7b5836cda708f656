// What WordNet 3.0 says about one word, read through Debian's libwordnet. libwordnet keeps
// global state (open files, static buffers) and is not thread-safe: every call into it here
// takes one process-wide lock, and a word's facts are read once and then shared read-only.
#ifndef REFRAIN_MEANING_WORDNET_H_
#define REFRAIN_MEANING_WORDNET_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "refrain/status.h"

namespace refrain::meaning {

// A synset is (part of speech, byte offset in its data file): offsets are unique per file. A
// sense is a synset and a word's place in it (1-based), as WordNet's lexical pointers name it.
using SynsetId = uint64_t;
using SenseId = uint64_t;

// One word in one word class; every id list is sorted and without repeats.
struct ClassFacts {
  // Its base forms: libwordnet's morphstr (exceptions first: "better" -> "good", "well"), then
  // the word itself when WordNet lists it in this class.
  std::vector<std::string> lemmas;
  std::vector<SynsetId> synsets;    // every sense of every lemma
  std::vector<SenseId> senses;      // the same, with the lemma's place in each synset
  std::vector<SynsetId> hypernyms;  // direct hypernyms and instance hypernyms of those synsets
  std::vector<SynsetId> antonyms;   // synsets holding an antonym of a lemma (ANTPTR "!")
  std::vector<SenseId> derived;     // senses a lemma's derivation pointers reach (DERIVATION "+")
};

// Indexed by WordClass: noun, verb, adjective, adverb, then kAny (the union of the four).
using WordFacts = std::array<ClassFacts, 5>;

// Opens the database once per process (wninit); an error names the folder libwordnet looked in
// and the command that installs it. Safe to call again and from several threads.
Status OpenWordNet();

// The facts of `word` (lower case; spaces become WordNet's underscores). Requires: OpenWordNet
// succeeded. Takes the process-wide lock.
WordFacts ReadWordFacts(std::string_view word);

// The one lemma of `word` (lower case) for a term that has no word class, as theme terms are:
// the word itself when WordNet lists it as a common noun ("arms", "talks", "better"; not the
// name "Sessions"); else its first
// base form by libwordnet's morphstr, trying noun, verb, adjective, adverb ("countries" ->
// "country", "supported" -> "support", "greater" -> "great"), except that a noun plural whose
// base WordNet knows mostly as an adjective stays itself ("goods", "rights": an adjective has
// no plural, so the plural is the noun's other sense); else the word itself when WordNet lists
// it in any class ("firmly"). Empty when WordNet does not know the word ("covid", names).
// Requires: OpenWordNet succeeded. Takes the process-wide lock.
std::string ReadTermLemma(std::string_view word);

// Whether WordNet knows `lemma` (lower case, a dictionary form) more as a verb, adjective or
// adverb than as a noun: more senses in one of those classes than noun senses ("remind", "stay",
// "global", "high"; not "growth", "control" 11 noun / 8 verb, nor a word it does not know).
// Requires: OpenWordNet succeeded. Takes the process-wide lock.
bool ReadMostlyNotNoun(std::string_view lemma);

}  // namespace refrain::meaning

#endif  // REFRAIN_MEANING_WORDNET_H_
