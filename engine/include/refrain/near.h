// Stage similarity (src/similarity/): where something like a given text was said before. The
// corpus's statements are vectorized (TF-IDF, the corpus's idf), the query with the same
// vocabulary, and every statement whose cosine with it reaches the threshold is found, best
// first, exactly.
#ifndef REFRAIN_NEAR_H_
#define REFRAIN_NEAR_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "refrain/similarity.h"
#include "refrain/status.h"
#include "refrain/types.h"
#include "refrain/vectorizer.h"

namespace refrain {

struct NearOptions {
  // A statement is near when its cosine with the query is at least this, in (0, 1].
  double threshold = 0.5;
  // At most this many statements, best first (0 = all that reach the threshold).
  size_t top = 10;
  // How statements and the query become vectors (scikit-learn's TfidfVectorizer defaults);
  // its `progress` is called while the corpus is vectorized.
  VectorizerOptions vectorizer;
};

struct NearResult {
  std::string query;
  double threshold = 0;
  std::vector<Neighbor> neighbors;    // rows are indices into Corpus::statements, best first
  bool query_has_known_word = false;  // false: no word of the query occurs in the corpus
};

// Usage error for a threshold outside (0, 1]; bad input for a corpus with no statements.
Status Validate(const NearOptions& options);

// The statements of `corpus` near `query`.
Result<NearResult> FindNear(const Corpus& corpus, std::string_view query,
                            const NearOptions& options = {});

}  // namespace refrain

#endif  // REFRAIN_NEAR_H_
