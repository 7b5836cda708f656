// The two kernels behind refrain::SimilarityIndex, one file each, chosen by
// BuildSimilarityIndex (similarity.cpp). They share no scoring code on purpose:
// the exhaustive one is the reference the pruned one is tested against.
#ifndef REFRAIN_SIMILARITY_KERNELS_H_
#define REFRAIN_SIMILARITY_KERNELS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "refrain/similarity.h"

namespace refrain::internal {

// The rows whose pairs a pruned index's AllPairs streams: [begin, end), end -1 = the last row.
// One process of a join split across several takes a range (src/distributed/).
struct ProbeRows {
  int32_t begin = 0;
  int32_t end = -1;
};

// Inverted index over rare terms with prefix and l2-norm pruning (pruned_index.cpp). With a
// probe range, AllPairs streams only the pairs (a, b) with a in it, and the index leaves out
// the postings of rows before it (no such pair reads them); Near then needs the whole range.
Result<std::unique_ptr<SimilarityIndex>> BuildPrunedIndex(const TfidfMatrix& matrix,
                                                          const SimilarityOptions& options,
                                                          ProbeRows probe = {});

// What the pruned kernel's AllPairs is predicted to spend on each row at min_threshold: the
// postings its probe walks (its terms' postings of later rows) plus its length. Row i's cost
// grows with the rows after it and with its terms' postings, so equal row counts are not
// equal work; a split across processes balances these sums instead.
std::vector<int64_t> PredictProbeCost(const TfidfMatrix& matrix, double min_threshold);

// Eigen sparse products in row blocks (exhaustive_index.cpp).
Result<std::unique_ptr<SimilarityIndex>> BuildExhaustiveIndex(const TfidfMatrix& matrix,
                                                              const SimilarityOptions& options);

// Builds a kernel over a matrix.
using KernelBuilder =
    std::function<Result<std::unique_ptr<SimilarityIndex>>(const TfidfMatrix& matrix)>;

// The kernel `build_kernel` makes, over one row per group of identical rows, its pairs and
// neighbours expanded back to every row (collapsed_index.cpp). With no identical rows, the
// kernel itself.
Result<std::unique_ptr<SimilarityIndex>> BuildCollapsedIndex(const TfidfMatrix& matrix,
                                                             const KernelBuilder& build_kernel);

}  // namespace refrain::internal

#endif  // REFRAIN_SIMILARITY_KERNELS_H_
