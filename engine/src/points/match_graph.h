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

// Copies of one statement that match each other and nothing else (identical rows with
// no pair outside their group, one copy per statement, the same text): every copy is a
// neighbour of every other, so the graph holds them as one node instead of copies x
// copies edges. Grouped, they make the point the full graph would: the first copy the
// core, every other a variant.
struct Clique {
  std::vector<Edge> members;  // the first copy (score 1), then the others with their score to it
};

// The graph of units at or above the threshold, as adjacency lists (CSR): the
// neighbours of unit u are edges[offsets[u], offsets[u + 1]), by unit index; a unit of
// a clique has no list there, its clique holds its pairs.
struct Graph {
  std::vector<size_t> offsets;
  std::vector<Edge> edges;
  std::vector<Clique> cliques;
  std::vector<int32_t> clique_of;  // unit -> its clique, -1 for none (empty: no cliques)

  std::span<const Edge> Neighbors(int32_t u) const {
    return {edges.data() + offsets[u], edges.data() + offsets[u + 1]};
  }
  // The clique unit u is the first copy of, or null.
  const Clique* CliqueLedBy(int32_t u) const {
    if (clique_of.empty() || clique_of[u] < 0) return nullptr;
    const Clique& c = cliques[static_cast<size_t>(clique_of[u])];
    return c.members.front().unit == u ? &c : nullptr;
  }
  // Whether unit u can be a core: it has a neighbour, or leads a clique.
  bool CanLead(int32_t u) const { return offsets[u] != offsets[u + 1] || CliqueLedBy(u); }
};

// The graph over `units` of the index's pairs at or above `threshold`: never two clauses
// of one statement, never a unit marked in `no_point`; with `score`, each pair rescored
// and kept when the new score is still at the threshold (kScoreSlack allowed). When the
// index groups identical rows, their copies that make a Clique are held as one.
Result<Graph> BuildGraph(std::span<const Unit> units, const SimilarityIndex& index,
                         double threshold, const UnitScoreFn& score,
                         const std::vector<char>& no_point);

}  // namespace refrain::internal

#endif  // REFRAIN_SRC_POINTS_MATCH_GRAPH_H_
