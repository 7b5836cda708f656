// Internal to talking points: grouping the match graph into points, each a core and its
// variants (no chaining), best groups first, stock phrasing apart.
#ifndef REFRAIN_SRC_POINTS_GROUPING_H_
#define REFRAIN_SRC_POINTS_GROUPING_H_

#include <span>
#include <vector>

#include "refrain/matcher.h"
#include "refrain/similarity.h"
#include "refrain/status.h"
#include "refrain/talking_points.h"
#include "refrain/types.h"

namespace refrain::internal {

// FindTalkingPoints once its arguments are checked: the match graph (BuildGraph) grouped
// greedily, the best core left first (events, then years, variants, score), each point a
// core, its best unassigned neighbour per other statement and every other pair of it no
// point holds yet (a unit cores one point at most), stock phrasing apart
// (IsStock), both lists ranked. Requires: `no_point` from UnitsMakingNoPoint over `units`.
Result<TalkingPoints> GroupPoints(const Corpus& corpus, std::span<const Unit> units,
                                  const SimilarityIndex& index, double threshold,
                                  const TalkingPointsOptions& options, const UnitScoreFn& score,
                                  const std::vector<char>& no_point);

}  // namespace refrain::internal

#endif  // REFRAIN_SRC_POINTS_GROUPING_H_
