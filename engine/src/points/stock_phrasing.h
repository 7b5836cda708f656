// Internal to talking points: stock phrasing, points a source repeats at the start or the
// end of its documents (datelines, sign-offs), listed apart from the points made.
#ifndef REFRAIN_SRC_POINTS_STOCK_PHRASING_H_
#define REFRAIN_SRC_POINTS_STOCK_PHRASING_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "refrain/talking_points.h"
#include "refrain/types.h"

namespace refrain::internal {

// Where each statement sits in its document: its index and the document's count.
struct Placement {
  std::vector<uint32_t> index;  // per statement
  std::vector<uint32_t> count;  // per document
};

Placement Place(const Corpus& corpus);

// Marks `point` as stock phrasing when it keeps to one end of its documents, or when
// enough documents of one source carry it at either end (the source with the largest
// share is named).
bool IsStock(const Corpus& corpus, std::span<const uint32_t> source_of_doc,
             std::span<const size_t> source_size, const Placement& place,
             const TalkingPointsOptions& options, TalkingPoint* point);

}  // namespace refrain::internal

#endif  // REFRAIN_SRC_POINTS_STOCK_PHRASING_H_
