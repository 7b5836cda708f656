// Stage similarity (src/similarity/): where something like a given text was said before. The
// corpus's statements are vectorized (TF-IDF, the corpus's idf), each is cut into the clauses
// the matcher cuts (matcher.h: "Units"), the query is vectorized with the same vocabulary, and
// every statement whose best span reaches the threshold is found, best first, exactly. A span is
// a clause, or a run of words inside a clause as long as the query to twice as long (in the
// query's counted words: stemmed, stop words dropped), so that a phrase quoted inside a long
// sentence or a 50-word clause is found by the words around it, not lost in the rest. Spans
// cost O(words x lengths tried) per clause (at most 9 lengths), and only clauses holding
// enough of the query to reach the threshold are looked into.
#ifndef REFRAIN_NEAR_H_
#define REFRAIN_NEAR_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "refrain/matcher.h"
#include "refrain/status.h"
#include "refrain/types.h"
#include "refrain/vectorizer.h"

namespace refrain {

struct NearOptions {
  // A statement is near when its best span's cosine with the query is at least this, in (0, 1].
  double threshold = 0.5;
  // At most this many statements, best first (0 = all that reach the threshold).
  size_t top = 10;
  // Score the clauses of each statement (the matcher's cut, MatchOptions::clauses); off scores
  // whole statements only.
  bool clauses = true;
  // Also score runs of words inside each clause, from the query's length to twice it (in counted
  // words); off scores clauses (or statements) only. Needs unigrams and l2 rows (the default
  // `vectorizer`); other vectorizers score clauses only.
  bool spans = true;
  // How statements, clauses and the query become vectors: as the matcher's units (stemmed, stop
  // words dropped, unigrams: UnitVectorizerOptions of MatchOptions' defaults), so that a
  // phrase's "and", "on" and bigrams do not pull it down; `progress` is called while the corpus
  // is vectorized, `threads` also score the clauses.
  VectorizerOptions vectorizer = UnitVectorizerOptions(MatchOptions{});
};

// A statement near the query, the span of it that is nearest and the clause that holds the span.
struct NearHit {
  uint32_t statement = 0;      // index into Corpus::statements
  double score = 0;            // the best span's cosine with the query: what ranks
  double clause_score = 0;     // the cosine of the whole clause that holds that span
  double statement_score = 0;  // the whole statement's cosine with the query
  uint64_t clause_start = 0;   // [clause_start, clause_end): the clause in Document::bytes
  uint64_t clause_end = 0;
  size_t clause_text_begin = 0;  // [begin, end): the clause in Statement::text
  size_t clause_text_end = 0;
  // [span_start, span_end): the span in Document::bytes (the clause's when it scored best).
  uint64_t span_start = 0;
  uint64_t span_end = 0;
  size_t span_text_begin = 0;  // [begin, end): the span in Statement::text
  size_t span_text_end = 0;
};

struct NearResult {
  std::string query;
  double threshold = 0;
  std::vector<NearHit> hits;          // best first (ties: statement score, then corpus order)
  bool query_has_known_word = false;  // false: no word of the query occurs in the corpus
  double best_score = 0;  // the best score of any candidate, passed or not (a clause whose
                          // spans cannot reach the threshold is scored whole only)
};

// Usage error for a threshold outside (0, 1]; bad input for a corpus with no statements.
Status Validate(const NearOptions& options);

// The statements of `corpus` near `query`.
Result<NearResult> FindNear(const Corpus& corpus, std::string_view query,
                            const NearOptions& options = {});

}  // namespace refrain

#endif  // REFRAIN_NEAR_H_
