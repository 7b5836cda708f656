#include "match_graph.h"

#include <algorithm>

namespace refrain::internal {

// Two passes over the index's pairs would cost two searches; one pass into a pair
// list and a counting sort costs the pairs' memory once more, which is the cheaper.
Result<Graph> BuildGraph(std::span<const Unit> units, const SimilarityIndex& index,
                         double threshold, const UnitScoreFn& score,
                         const std::vector<char>& no_point) {
  std::vector<ScoredPair> pairs;
  Status status = index.AllPairs(threshold, [&](std::span<const ScoredPair> batch) {
    for (ScoredPair p : batch) {
      // Clauses of one sentence are never two variants of a point.
      if (units[p.a].statement == units[p.b].statement) continue;
      if (no_point[p.a] || no_point[p.b]) continue;
      if (score) {
        p.score = score(static_cast<uint32_t>(p.a), static_cast<uint32_t>(p.b));
        if (p.score < threshold - kScoreSlack) continue;
      }
      pairs.push_back(p);
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  Graph graph;
  graph.offsets.assign(units.size() + 1, 0);
  for (const ScoredPair& p : pairs) {
    ++graph.offsets[p.a + 1];
    ++graph.offsets[p.b + 1];
  }
  for (size_t u = 0; u < units.size(); ++u) graph.offsets[u + 1] += graph.offsets[u];
  graph.edges.resize(graph.offsets.back());
  std::vector<size_t> next(graph.offsets.begin(), graph.offsets.end() - 1);
  // Pairs arrive ordered by (a, b), so every list ends up ordered by unit.
  for (const ScoredPair& p : pairs) graph.edges[next[p.a]++] = {p.b, p.score};
  for (const ScoredPair& p : pairs) graph.edges[next[p.b]++] = {p.a, p.score};
  for (size_t u = 0; u < units.size(); ++u)
    std::sort(graph.edges.begin() + graph.offsets[u], graph.edges.begin() + graph.offsets[u + 1],
              [](const Edge& x, const Edge& y) { return x.unit < y.unit; });
  return graph;
}

}  // namespace refrain::internal
