// The sparse matrix type every vector stage shares: one row per statement,
// one column per vocabulary term, rows l2-normalised by the vectorizer.
#ifndef REFRAIN_MATRIX_H_
#define REFRAIN_MATRIX_H_

#include <Eigen/SparseCore>
#include <cstdint>

namespace refrain {

using TfidfMatrix = Eigen::SparseMatrix<float, Eigen::RowMajor, int32_t>;

}  // namespace refrain

#endif  // REFRAIN_MATRIX_H_
