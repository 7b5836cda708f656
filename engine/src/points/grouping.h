// Internal to talking points: grouping the match graph into points, each a core and its
// variants (no chaining), best groups first, stock phrasing apart.
#ifndef REFRAIN_SRC_POINTS_GROUPING_H_
#define REFRAIN_SRC_POINTS_GROUPING_H_

#include <span>
#include <vector>

#include "match_graph.h"
#include "refrain/matcher.h"
#include "refrain/similarity.h"
#include "refrain/status.h"
#include "refrain/talking_points.h"
#include "refrain/types.h"

namespace refrain::internal {

// FindTalkingPoints once its arguments are checked: the match graph (BuildGraph over `units`
// at `threshold`) grouped greedily, the best core left first (events, then years, variants,
// score), each point a core, its best unassigned neighbour per other statement and every
// other pair of it no point holds yet (a unit cores one point at most), stock phrasing apart
// (IsStock), both lists ranked. Takes the graph and frees it once grouped, before the
// variants' check (the parser's memory).
TalkingPoints GroupPoints(const Corpus& corpus, std::span<const Unit> units, Graph graph,
                          double threshold, const TalkingPointsOptions& options);

}  // namespace refrain::internal

#endif  // REFRAIN_SRC_POINTS_GROUPING_H_
