// Talking points in four steps, each in its own file: the units that make no point
// (no_point), the graph of units that make the same point (match_graph), grouping it
// into points around cores (grouping), and stock phrasing set apart (stock_phrasing).
#include "refrain/talking_points.h"

#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "grouping.h"
#include "no_point.h"

namespace refrain {

Status Validate(const TalkingPointsOptions& options) {
  if (options.min_events < 1) return Status::BadUsage("--min-events must be 1 or more");
  if (options.claims_min_events < 1)
    return Status::BadUsage("--claims-min-events must be 1 or more");
  if (options.min_words < 0) return Status::BadUsage("--min-words must be 0 or more");
  if (!(options.stock_edge_share > 0 && options.stock_edge_share <= 1))
    return Status::BadUsage("the stock phrase edge share must be in (0, 1]");
  if (!(options.stock_min_share > 0 && options.stock_min_share <= 1))
    return Status::BadUsage("the stock phrase share must be in (0, 1]");
  if (options.stock_edge_statements < 1)
    return Status::BadUsage("the stock phrase edge must be 1 statement or more");
  if (!(options.join_formula_min_idf >= 0) || !std::isfinite(options.join_formula_min_idf))
    return Status::BadUsage("the join's formula idf must be a finite number, 0 or more");
  if (options.stock_min_docs < 2)
    return Status::BadUsage("a source needs at least 2 documents to have stock phrasing");
  return Status::Ok();
}

Result<TalkingPoints> FindTalkingPoints(const Corpus& corpus, std::span<const Unit> units,
                                        const SimilarityIndex& index, double threshold,
                                        const TalkingPointsOptions& options,
                                        const UnitScoreFn& score) {
  REFRAIN_RETURN_IF_ERROR(Validate(options));
  REFRAIN_RETURN_IF_ERROR(CheckThreshold(threshold, "--threshold"));
  if (static_cast<size_t>(index.rows()) != units.size())
    return Status::BadUsage(
        fmt::format("the index has {} rows for {} units", index.rows(), units.size()));
  for (const Unit& u : units)
    if (u.statement >= corpus.statements.size() || u.doc >= corpus.documents.size())
      return Status::BadUsage("a unit points outside the corpus");
  Result<internal::Graph> graph = internal::BuildGraph(
      units, index, threshold, score,
      internal::UnitsMakingNoPoint(corpus, units, options.min_words, options.include_questions));
  if (!graph.ok()) return graph.status();
  return internal::GroupPoints(corpus, units, std::move(*graph), threshold, options);
}

namespace {

// The match graph of the matcher's units, over an index built for exactly its threshold
// (which prunes more than the matcher's own, answering down to half of it). The index and
// the pruned copy of the vectors it is built from go when the graph is made: the grouping
// and the variants' check that follow are the run's peak of memory.
Result<internal::Graph> MatcherGraph(const Matcher& matcher, const TalkingPointsOptions& options,
                                     const std::vector<char>& no_point) {
  // Units that make no point (too short, headings, list openings) are left out of it (their
  // rows emptied): short generic clauses are where most pairs are, and the grouping would
  // drop them all.
  std::unique_ptr<SimilarityIndex> index;
  {
    TfidfMatrix rows = matcher.matrix();
    rows.prune([&no_point](TfidfMatrix::Index row, TfidfMatrix::Index, float) {
      return !no_point[static_cast<size_t>(row)];
    });
    SimilarityOptions similarity;
    similarity.min_threshold = matcher.options().threshold;
    similarity.threads = matcher.options().threads;
    similarity.progress = options.progress;
    Result<std::unique_ptr<SimilarityIndex>> built = BuildSimilarityIndex(rows, similarity);
    if (!built.ok()) return built.status();
    index = std::move(*built);  // it copies the rows it needs
  }
  return internal::BuildGraph(
      matcher.units(), *index, matcher.options().threshold,
      [&matcher](uint32_t a, uint32_t b) { return matcher.Explain(a, b).score; }, no_point);
}

}  // namespace

Result<TalkingPoints> FindTalkingPoints(const Corpus& corpus, const Matcher& matcher,
                                        const TalkingPointsOptions& options) {
  REFRAIN_RETURN_IF_ERROR(Validate(options));
  const std::vector<Unit>& units = matcher.units();
  Result<internal::Graph> graph = MatcherGraph(
      matcher, options,
      internal::UnitsMakingNoPoint(corpus, units, options.min_words, options.include_questions));
  if (!graph.ok()) return graph.status();
  // The matcher's units and threshold need none of the other overload's checks.
  TalkingPointsOptions grouping = options;
  if (grouping.threads == 0) grouping.threads = matcher.options().threads;
  return internal::GroupPoints(corpus, units, std::move(*graph), matcher.options().threshold,
                               grouping);
}

std::string PointLabel(const TalkingPoint& point, size_t max_words) {
  std::string_view text = point.representative().unit.text;
  std::string label;
  size_t words = 0;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t j = i;
    while (j < text.size() && text[j] != ' ') ++j;
    if (i == j) break;
    if (words == max_words) {
      label += "…";
      return label;
    }
    if (!label.empty()) label += ' ';
    label.append(text.substr(i, j - i));
    ++words;
    i = j;
  }
  return label;
}

}  // namespace refrain
