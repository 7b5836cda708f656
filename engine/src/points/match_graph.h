// Internal to talking points: the graph of units that make the same point, the pairs
// the similarity index finds at or above the threshold less those no point can be made
// of, rescored by the matcher when it is given.
#ifndef REFRAIN_SRC_POINTS_MATCH_GRAPH_H_
#define REFRAIN_SRC_POINTS_MATCH_GRAPH_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "refrain/matcher.h"
#include "refrain/similarity.h"
#include "refrain/status.h"
#include "refrain/talking_points.h"

namespace refrain::internal {

// A neighbour of a unit in the similarity graph.
struct Edge {
  int32_t unit = 0;
  double score = 0;
};

// The graph of units at or above the threshold, as adjacency lists (CSR): the
// neighbours of unit u are edges[offsets[u], offsets[u + 1]), by unit index.
struct Graph {
  std::vector<size_t> offsets;
  std::vector<Edge> edges;

  std::span<const Edge> Neighbors(int32_t u) const {
    return {edges.data() + offsets[u], edges.data() + offsets[u + 1]};
  }
};

// The graph over `units` of the index's pairs at or above `threshold`: never two clauses
// of one statement, never a unit marked in `no_point`; with `score`, each pair rescored
// and kept when the new score is still at the threshold (kScoreSlack allowed).
Result<Graph> BuildGraph(std::span<const Unit> units, const SimilarityIndex& index,
                         double threshold, const UnitScoreFn& score,
                         const std::vector<char>& no_point);

}  // namespace refrain::internal

#endif  // REFRAIN_SRC_POINTS_MATCH_GRAPH_H_
