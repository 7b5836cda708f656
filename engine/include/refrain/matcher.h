// Stage match (src/match/): "do these two say the same thing?" The matching pipeline behind
// talking points, comparisons and `refrain eval`. Statements are cut into
// point-sized units (clauses), acronyms and aliases are mapped to one term,
// words are stemmed and stop words dropped, and units are compared by the
// cosine of their TF-IDF vectors, with every match able to explain itself.
#ifndef REFRAIN_MATCHER_H_
#define REFRAIN_MATCHER_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "refrain/matrix.h"
#include "refrain/progress.h"
#include "refrain/similarity.h"
#include "refrain/status.h"
#include "refrain/types.h"
#include "refrain/vectorizer.h"

namespace refrain {

// Terms that mean the same: acronyms and their long forms ("SCO" = "Shanghai
// Cooperation Organization"), and synonyms the user declares. Each group maps
// to one canonical term before vectorizing.
class AliasTable {
 public:
  // The documented built-in list of the best-known acronyms (UN, EU, WWII, ...) and of
  // countries named by adjective or capital ("Chinese", "Moscow").
  static AliasTable Builtin();
  // Reads a user file: one group per line, forms separated by tabs or " = ",
  // '#' starts a comment. Errors name the file and line.
  static Result<AliasTable> Load(const std::filesystem::path& file);
  // Learns "Long Form (ABBR)" definitions from the statements of `corpus`.
  static AliasTable Learn(const Corpus& corpus);
  // The table whose Groups() are `groups` (as an index stores them); groups sharing a form
  // are joined, as Merge joins them.
  static AliasTable FromGroups(const std::vector<std::vector<std::string>>& groups);

  // Adds the groups of `other` (a form in two groups joins them).
  void Merge(const AliasTable& other);
  size_t size() const;
  // Each group: its forms as written, canonical form first.
  std::vector<std::vector<std::string>> Groups() const;

  // `text` with every form of a group replaced by the group's one-word term ("the
  // Shanghai Cooperation Organization (SCO)" -> "the sco (sco)"): what the vectorizer
  // reads. Acronyms match only in capitals ("US", not "us"); long forms in any case.
  std::string Rewrite(std::string_view text) const;
  // The canonical form, lower case, of the group whose term is `term`; "" if none.
  std::string Display(std::string_view term) const;

 private:
  friend class Matcher;
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

struct MatchOptions {
  // Two units make the same point when their score is at least this (tuned on
  // tests/data/eval/labels-tune.tsv; see engine/README.md for how).
  double threshold = 0.4;
  // Cut sentences into clauses so that a point embedded in a long sentence matches.
  bool clauses = true;
  // Snowball stemming ("opposes", "opposed" -> one term).
  bool stem = true;
  // Drop English stop words.
  bool stop_words = true;
  // Word n-grams (1..ngram_max). Bigrams count every changed word twice: paraphrases
  // score lower and shared frames ("the leaders discussed") no lower.
  int ngram_max = 1;
  // Learn "Long Form (ABBR)" from the corpus; use the built-in acronym list.
  bool learn_aliases = true;
  bool builtin_aliases = true;
  // User alias file (--aliases), empty for none.
  std::filesystem::path aliases_file;
  // Phrases that are never a point (--exclude): one per line; units containing one are
  // left out of matching and reported as excluded.
  std::filesystem::path exclude_file;
  // Two units that each name something the other does not (a proper noun: a word the
  // corpus capitalises mid-sentence at least proper_noun_share of the time, or an
  // acronym) make a claim about different objects ("the defense of Japan" / "of the
  // Philippines"): their cosine is multiplied by this. 1 turns the rule off.
  double object_mismatch_factor = 0.25;
  double proper_noun_share = 0.8;
  // Worker threads; 0 = one per core.
  int threads = 0;
  ProgressFn progress;
};

// How the matcher turns a unit into terms and weights under `options` (stem, stop_words,
// unigrams to ngram_max, threads, progress; TfidfVectorizer's weights): what `near` uses too,
// so that the two agree on what a word is.
VectorizerOptions UnitVectorizerOptions(const MatchOptions& options);

// A point-sized piece of a statement: a clause, or the whole statement.
struct Unit {
  uint32_t statement = 0;  // index into Corpus::statements
  uint32_t doc = 0;        // index into Corpus::documents
  uint64_t start = 0;      // [start, end): byte offsets into Document::bytes
  uint64_t end = 0;
  std::string text;       // the unit's normalised text
  bool excluded = false;  // holds an exclude_file phrase: an empty vector, never matches
};

// One shared term of a match and what it adds to the score (the products of
// its weights in the two vectors); contributions sum to the score.
struct TermContribution {
  std::string term;  // as read: "shanghai cooperation organization", "oppos"
  double contribution = 0;
};

struct Explanation {
  double score = 0;                      // cosine * factor
  std::vector<TermContribution> shared;  // largest contribution first
  double cosine = 0;
  // object_mismatch_factor when each side names something the other does not, else 1;
  // `different` then lists those proper nouns (side A's first).
  double factor = 1;
  std::vector<std::string> different;
};

// Built once over a corpus: its units, their vectors and a similarity index.
class Matcher {
 public:
  static Result<Matcher> Build(const Corpus& corpus, const MatchOptions& options);
  // The same over units already cut (CutUnits of these statements, as an index stores
  // them). Requires: units in statement order, every statement with at least one.
  static Result<Matcher> Build(const Corpus& corpus, std::vector<Unit> units,
                               const MatchOptions& options);
  // The single-word terms `corpus` writes capitalised inside sentences at least
  // options.proper_noun_share of the time: the proper nouns of Explain's object-mismatch rule.
  static Result<std::set<std::string>> ProperNouns(const Corpus& corpus,
                                                   const MatchOptions& options);
  // The units of `corpus` as Build cuts them (options.clauses), nothing vectorised.
  static std::vector<Unit> CutUnits(const Corpus& corpus, const MatchOptions& options);

  const MatchOptions& options() const;
  const std::vector<Unit>& units() const;
  // The units of statement `s`, as [first, last) indices into units().
  std::pair<uint32_t, uint32_t> UnitsOf(uint32_t statement) const;
  const TfidfMatrix& matrix() const;  // one row per unit
  const Vocabulary& vocabulary() const;
  const AliasTable& aliases() const;
  // Whether vocabulary column `column` is a proper noun or an alias term, the terms that
  // Explain's object-mismatch rule compares (see MatchOptions::proper_noun_share).
  bool IsProperNoun(int32_t column) const;
  // The index over matrix(), built for thresholds >= options().threshold / 2 on first
  // use (callers that only Explain or Compare never pay for it). Its scores are cosines:
  // apply Explain's factor to a pair it finds.
  const SimilarityIndex& index() const;

  // Score and shared terms of two units.
  Explanation Explain(uint32_t unit_a, uint32_t unit_b) const;
  // Best-matching unit pair between two texts (cut into units, vectorised with this
  // corpus's vocabulary and idf): the score is the best clause-pair score.
  Explanation Compare(std::string_view text_a, std::string_view text_b) const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

}  // namespace refrain

#endif  // REFRAIN_MATCHER_H_
