#include "refrain/similarity.h"

#include <fmt/format.h>

#include <cmath>

#include "similarity_kernels.h"

namespace refrain {

Status CheckThreshold(double threshold, const char* what) {
  if (!(threshold > 0.0 && threshold <= 1.0))  // also rejects NaN
    return Status::BadUsage(fmt::format("{} must be in (0, 1], not {}", what, threshold));
  return Status::Ok();
}

Result<std::unique_ptr<SimilarityIndex>> BuildSimilarityIndex(const TfidfMatrix& matrix,
                                                              const SimilarityOptions& options) {
  REFRAIN_RETURN_IF_ERROR(CheckThreshold(options.min_threshold, "the minimum threshold"));
  if (options.threads < 0)
    return Status::BadUsage(fmt::format("threads must be >= 0, not {}", options.threads));
  if (options.block_rows < 1)
    return Status::BadUsage(fmt::format("block_rows must be >= 1, not {}", options.block_rows));
  for (int32_t row = 0; row < matrix.outerSize(); ++row) {
    for (TfidfMatrix::InnerIterator it(matrix, row); it; ++it) {
      if (!(it.value() >= 0.0f) || std::isinf(it.value()))
        return Status::BadInput(fmt::format(
            "similarity: row {} column {} has weight {}; weights must be finite and >= 0", row,
            it.col(), it.value()));
    }
  }
  const internal::KernelBuilder build =
      [&options](const TfidfMatrix& rows) -> Result<std::unique_ptr<SimilarityIndex>> {
    switch (options.kernel) {
      case SimilarityKernel::kPruned:
        return internal::BuildPrunedIndex(rows, options);
      case SimilarityKernel::kExhaustive:
        return internal::BuildExhaustiveIndex(rows, options);
    }
    return Status::BadUsage("unknown similarity kernel");
  };
  if (options.collapse_identical) return internal::BuildCollapsedIndex(matrix, build);
  return build(matrix);
}

}  // namespace refrain
