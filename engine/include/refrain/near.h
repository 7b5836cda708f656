// Stage similarity (src/similarity/): where something like a given text was said before. The
// corpus's statements are vectorized (TF-IDF, the corpus's idf), each is cut into the clauses
// the matcher cuts (matcher.h: "Units"), the query is vectorized with the same vocabulary, and
// every statement whose best clause reaches the threshold is found, best first, exactly. A
// phrase quoted inside a long sentence is found by its clause, not lost in the sentence.
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
  // A statement is near when its best clause's cosine with the query is at least this, in (0, 1].
  double threshold = 0.5;
  // At most this many statements, best first (0 = all that reach the threshold).
  size_t top = 10;
  // Score the clauses of each statement (the matcher's cut, MatchOptions::clauses); off scores
  // whole statements only.
  bool clauses = true;
  // How statements, clauses and the query become vectors: as the matcher's units (stemmed, stop
  // words dropped, unigrams: UnitVectorizerOptions of MatchOptions' defaults), so that a
  // phrase's "and", "on" and bigrams do not pull it down; `progress` is called while the corpus
  // is vectorized, `threads` also score the clauses.
  VectorizerOptions vectorizer = UnitVectorizerOptions(MatchOptions{});
};

// A statement near the query, and the clause of it that is nearest.
struct NearHit {
  uint32_t statement = 0;      // index into Corpus::statements
  double score = 0;            // the best clause's cosine with the query: what ranks
  double statement_score = 0;  // the whole statement's cosine with the query
  uint64_t clause_start = 0;   // [clause_start, clause_end): the clause in Document::bytes
  uint64_t clause_end = 0;
  size_t clause_text_begin = 0;  // [begin, end): the clause in Statement::text
  size_t clause_text_end = 0;
};

struct NearResult {
  std::string query;
  double threshold = 0;
  std::vector<NearHit> hits;          // best first (ties: statement score, then corpus order)
  bool query_has_known_word = false;  // false: no word of the query occurs in the corpus
  double best_score = 0;  // the best clause score of any candidate, whether or not it passed
};

// Usage error for a threshold outside (0, 1]; bad input for a corpus with no statements.
Status Validate(const NearOptions& options);

// The statements of `corpus` near `query`.
Result<NearResult> FindNear(const Corpus& corpus, std::string_view query,
                            const NearOptions& options = {});

}  // namespace refrain

#endif  // REFRAIN_NEAR_H_
