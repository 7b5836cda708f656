#include "match_graph.h"

#include <algorithm>

namespace refrain::internal {
namespace {

// The copies of group g as a Clique, when they make one (see Clique): the same text, one
// copy per statement, each a unit that can make a point, each still at the threshold with
// the first when rescored. Requires: g has no pair with another group.
bool MakeClique(std::span<const Unit> units, const IdenticalRows& identical, int32_t g,
                double threshold, const UnitScoreFn& score, const std::vector<char>& no_point,
                Clique* clique) {
  const std::span<const int32_t> rows = identical.rows_of(g);
  const int32_t first = rows.front();
  std::vector<uint32_t> statements;
  statements.reserve(rows.size());
  for (int32_t row : rows) {
    if (no_point[row] || units[row].text != units[first].text) return false;
    statements.push_back(units[row].statement);
  }
  std::sort(statements.begin(), statements.end());
  if (std::adjacent_find(statements.begin(), statements.end()) != statements.end()) return false;
  clique->members.clear();
  clique->members.reserve(rows.size());
  clique->members.push_back({first, 1.0});
  for (int32_t row : rows.subspan(1)) {
    const double s =
        score ? score(static_cast<uint32_t>(first), static_cast<uint32_t>(row)) : identical.self[g];
    if (s < threshold - kScoreSlack) return false;
    clique->members.push_back({row, s});
  }
  return true;
}

}  // namespace

// Two passes over the index's pairs would cost two searches; one pass into a pair
// list and a counting sort costs the pairs' memory once more, which is the cheaper.
Result<Graph> BuildGraph(std::span<const Unit> units, const SimilarityIndex& index,
                         double threshold, const UnitScoreFn& score,
                         const std::vector<char>& no_point) {
  std::vector<ScoredPair> pairs;
  const auto keep = [&](ScoredPair p) {
    // Clauses of one sentence are never two variants of a point.
    if (units[p.a].statement == units[p.b].statement) return;
    if (no_point[p.a] || no_point[p.b]) return;
    if (score) {
      p.score = score(static_cast<uint32_t>(p.a), static_cast<uint32_t>(p.b));
      if (p.score < threshold - kScoreSlack) return;
    }
    pairs.push_back(p);
  };
  Graph graph;
  const IdenticalRows* identical = index.identical_rows();
  if (identical == nullptr) {
    Status status = index.AllPairs(threshold, [&](std::span<const ScoredPair> batch) {
      for (ScoredPair p : batch) keep(p);
      return Status::Ok();
    });
    if (!status.ok()) return status;
  } else {
    // The groups' pairs, then each group's rows: a group pairs with no other is a clique
    // when its copies make one, and every other group's pairs are its rows' pairs.
    std::vector<ScoredPair> group_pairs;
    std::vector<char> paired(identical->first.size(), 0);
    Status status = index.AllGroupPairs(threshold, [&](std::span<const ScoredPair> batch) {
      for (const ScoredPair& p : batch) {
        group_pairs.push_back(p);
        paired[p.a] = paired[p.b] = 1;
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    graph.clique_of.assign(units.size(), -1);
    const auto groups = static_cast<int32_t>(identical->first.size());
    Clique clique;
    for (int32_t g = 0; g < groups; ++g) {
      if (identical->size(g) < 2 || paired[g] || identical->self[g] < threshold - kScoreSlack)
        continue;
      if (!MakeClique(units, *identical, g, threshold, score, no_point, &clique)) continue;
      for (const Edge& m : clique.members)
        graph.clique_of[m.unit] = static_cast<int32_t>(graph.cliques.size());
      graph.cliques.push_back(std::move(clique));
      clique = Clique();
    }
    for (const ScoredPair& p : group_pairs)
      for (int32_t a : identical->rows_of(p.a))
        for (int32_t b : identical->rows_of(p.b)) keep({std::min(a, b), std::max(a, b), p.score});
    std::vector<ScoredPair>().swap(group_pairs);
    for (int32_t g = 0; g < groups; ++g) {
      const std::span<const int32_t> rows = identical->rows_of(g);
      if (rows.size() < 2 || graph.clique_of[rows.front()] >= 0 ||
          identical->self[g] < threshold - kScoreSlack)
        continue;
      for (size_t i = 0; i < rows.size(); ++i)
        for (size_t j = i + 1; j < rows.size(); ++j) keep({rows[i], rows[j], identical->self[g]});
    }
  }
  graph.offsets.assign(units.size() + 1, 0);
  for (const ScoredPair& p : pairs) {
    ++graph.offsets[p.a + 1];
    ++graph.offsets[p.b + 1];
  }
  for (size_t u = 0; u < units.size(); ++u) graph.offsets[u + 1] += graph.offsets[u];
  graph.edges.resize(graph.offsets.back());
  std::vector<size_t> next(graph.offsets.begin(), graph.offsets.end() - 1);
  for (const ScoredPair& p : pairs) graph.edges[next[p.a]++] = {p.b, p.score};
  for (const ScoredPair& p : pairs) graph.edges[next[p.b]++] = {p.a, p.score};
  // Every list ordered by unit (the pairs of expanded groups arrive out of order).
  for (size_t u = 0; u < units.size(); ++u)
    std::sort(graph.edges.begin() + graph.offsets[u], graph.edges.begin() + graph.offsets[u + 1],
              [](const Edge& x, const Edge& y) { return x.unit < y.unit; });
  return graph;
}

}  // namespace refrain::internal
