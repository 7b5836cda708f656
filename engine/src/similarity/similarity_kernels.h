// The two kernels behind refrain::SimilarityIndex, one file each, chosen by
// BuildSimilarityIndex (similarity.cpp). They share no scoring code on purpose:
// the exhaustive one is the reference the pruned one is tested against.
#ifndef REFRAIN_SIMILARITY_KERNELS_H_
#define REFRAIN_SIMILARITY_KERNELS_H_

#include <memory>

#include "refrain/similarity.h"

namespace refrain::internal {

// Inverted index over rare terms with prefix and l2-norm pruning (pruned_index.cpp).
Result<std::unique_ptr<SimilarityIndex>> BuildPrunedIndex(const TfidfMatrix& matrix,
                                                          const SimilarityOptions& options);

// Eigen sparse products in row blocks (exhaustive_index.cpp).
Result<std::unique_ptr<SimilarityIndex>> BuildExhaustiveIndex(const TfidfMatrix& matrix,
                                                              const SimilarityOptions& options);

}  // namespace refrain::internal

#endif  // REFRAIN_SIMILARITY_KERNELS_H_
