// The two kernels behind refrain::SimilarityIndex, one file each, chosen by
// BuildSimilarityIndex (similarity.cpp). They share no scoring code on purpose:
// the exhaustive one is the reference the pruned one is tested against.
#ifndef REFRAIN_SIMILARITY_KERNELS_H_
#define REFRAIN_SIMILARITY_KERNELS_H_

#include <functional>
#include <memory>

#include "refrain/similarity.h"

namespace refrain::internal {

// Inverted index over rare terms with prefix and l2-norm pruning (pruned_index.cpp).
Result<std::unique_ptr<SimilarityIndex>> BuildPrunedIndex(const TfidfMatrix& matrix,
                                                          const SimilarityOptions& options);

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
