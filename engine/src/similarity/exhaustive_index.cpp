// The reference kernel: every row against every row, as a plain Eigen sparse
// product in blocks of rows, as scikit-learn users do. Quadratic in time (but
// not in memory); it shares no scoring code with the pruned kernel so that the
// tests comparing the two prove something.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <new>

#include "similarity_kernels.h"

namespace refrain::internal {
namespace {

using DoubleRows = Eigen::SparseMatrix<double, Eigen::RowMajor, int32_t>;

// Product entries per block, about: bounds memory to a few hundred MB whatever the corpus.
constexpr int64_t kBlockEntries = int64_t{1} << 24;

class ExhaustiveIndex final : public SimilarityIndex {
 public:
  explicit ExhaustiveIndex(const TfidfMatrix& matrix)
      : rows_(static_cast<int32_t>(matrix.rows())),
        matrix_(matrix.cast<double>()),
        transposed_(matrix_.transpose()),
        norm_(rows_) {
    for (int32_t row = 0; row < rows_; ++row) norm_[row] = matrix_.row(row).norm();
  }

  int32_t rows() const override { return rows_; }

  Status AllPairs(double threshold, const PairSink& sink) const override {
    REFRAIN_RETURN_IF_ERROR(CheckThreshold(threshold, "the threshold"));
    const int32_t block =
        static_cast<int32_t>(std::max<int64_t>(1, kBlockEntries / std::max(1, rows_)));
    std::vector<ScoredPair> pairs;
    try {
      for (int32_t begin = 0; begin < rows_; begin += block) {
        const int32_t size = std::min(block, rows_ - begin);
        DoubleRows product = matrix_.middleRows(begin, size) * transposed_;
        pairs.clear();
        for (int32_t r = 0; r < size; ++r) {
          const int32_t a = begin + r;
          const size_t first = pairs.size();
          for (DoubleRows::InnerIterator it(product, r); it; ++it) {
            const int32_t b = it.col();
            if (b <= a || norm_[a] == 0 || norm_[b] == 0) continue;
            const double score = std::min(1.0, it.value() / (norm_[a] * norm_[b]));
            if (score >= threshold - kScoreSlack) pairs.push_back({a, b, score});
          }
          std::sort(pairs.begin() + first, pairs.end(),
                    [](const ScoredPair& x, const ScoredPair& y) { return x.b < y.b; });
        }
        if (!pairs.empty()) REFRAIN_RETURN_IF_ERROR(sink(std::span<const ScoredPair>(pairs)));
      }
    } catch (const std::bad_alloc&) {
      return Status::IoError("similarity: out of memory in the exhaustive product");
    }
    return Status::Ok();
  }

  Result<std::vector<Neighbor>> Near(const QueryVector& query, double threshold,
                                     size_t top_k) const override {
    REFRAIN_RETURN_IF_ERROR(CheckThreshold(threshold, "the threshold"));
    Eigen::VectorXd dense = Eigen::VectorXd::Zero(matrix_.cols());
    double squares = 0;
    for (QueryVector::InnerIterator it(query); it; ++it) {
      squares += static_cast<double>(it.value()) * it.value();
      if (it.index() < matrix_.cols()) dense[it.index()] = it.value();
    }
    const double query_norm = std::sqrt(squares);
    std::vector<Neighbor> found;
    if (query_norm == 0) return found;
    const Eigen::VectorXd dots = matrix_ * dense;
    for (int32_t row = 0; row < rows_; ++row) {
      if (norm_[row] == 0) continue;
      const double score = std::min(1.0, dots[row] / (query_norm * norm_[row]));
      if (score >= threshold - kScoreSlack) found.push_back({row, score});
    }
    std::sort(found.begin(), found.end(), [](const Neighbor& a, const Neighbor& b) {
      return a.score != b.score ? a.score > b.score : a.row < b.row;
    });
    if (top_k > 0 && found.size() > top_k) found.resize(top_k);
    return found;
  }

 private:
  int32_t rows_;
  DoubleRows matrix_;
  DoubleRows transposed_;  // RowMajor too, so each block product needs no conversion
  std::vector<double> norm_;
};

}  // namespace

Result<std::unique_ptr<SimilarityIndex>> BuildExhaustiveIndex(const TfidfMatrix& matrix,
                                                              const SimilarityOptions&) {
  try {
    return std::unique_ptr<SimilarityIndex>(std::make_unique<ExhaustiveIndex>(matrix));
  } catch (const std::bad_alloc&) {
    return Status::IoError("similarity: out of memory copying the matrix");
  }
}

}  // namespace refrain::internal
