#include "refrain/near.h"

#include <fmt/format.h>

#include <algorithm>

#include "refrain/matcher.h"
#include "util/parallel.h"

namespace refrain {
namespace {

// The cosine of row `row` of `matrix` with `query` (both l2-normalised), spread out as `dense`.
double RowDot(const TfidfMatrix& matrix, Eigen::Index row, const std::vector<float>& dense) {
  double dot = 0;
  for (TfidfMatrix::InnerIterator it(matrix, row); it; ++it)
    if (static_cast<size_t>(it.index()) < dense.size())
      dot += static_cast<double>(it.value()) * dense[it.index()];
  return std::min(dot, 1.0);  // rounding can take equal rows a hair above 1
}

}  // namespace

Status Validate(const NearOptions& options) {
  if (!(options.threshold > 0 && options.threshold <= 1))
    return Status::BadUsage(
        fmt::format("the threshold must be in (0, 1], not {}", options.threshold));
  return Validate(options.vectorizer);
}

Result<NearResult> FindNear(const Corpus& corpus, std::string_view query,
                            const NearOptions& options) {
  REFRAIN_RETURN_IF_ERROR(Validate(options));
  if (corpus.statements.empty()) return Status::BadInput("the corpus has no statements");
  Vectorizer vectorizer(options.vectorizer);
  TfidfMatrix statements;
  REFRAIN_RETURN_IF_ERROR(vectorizer.FitTransform(corpus.statements, &statements));
  std::string_view texts[] = {query};
  Result<TfidfMatrix> query_matrix = vectorizer.Transform(texts);
  if (!query_matrix.ok()) return query_matrix.status();
  std::vector<float> dense(vectorizer.vocabulary().size(), 0.0f);
  for (TfidfMatrix::InnerIterator it(*query_matrix, 0); it; ++it) dense[it.index()] = it.value();

  // The clauses the matcher cuts (one home for clause cutting).
  MatchOptions cut;
  cut.clauses = options.clauses;
  const std::vector<Unit> units = Matcher::CutUnits(corpus, cut);
  // Each clause's cosine with the query, a chunk of clauses per task (Transform is safe to
  // call from several threads on a fitted vectorizer).
  constexpr size_t kChunk = 4096;
  std::vector<double> scores(units.size(), 0);
  std::vector<Status> failed((units.size() + kChunk - 1) / kChunk);
  parallel::For(failed.size(), options.vectorizer.threads, [&](size_t chunk, size_t) {
    const size_t begin = chunk * kChunk, end = std::min(units.size(), begin + kChunk);
    std::vector<std::string_view> texts;
    texts.reserve(end - begin);
    for (size_t u = begin; u < end; ++u) texts.push_back(units[u].text);
    Result<TfidfMatrix> rows = vectorizer.Transform(texts);
    if (!rows.ok()) {
      failed[chunk] = rows.status();
      return;
    }
    for (size_t u = begin; u < end; ++u)
      scores[u] = RowDot(*rows, static_cast<Eigen::Index>(u - begin), dense);
  });
  for (const Status& s : failed) REFRAIN_RETURN_IF_ERROR(s);

  NearResult result;
  result.query = std::string(query);
  result.threshold = options.threshold;
  result.query_has_known_word = query_matrix->row(0).nonZeros() > 0;
  std::vector<NearHit> best;  // one per candidate statement, in corpus order
  size_t searched_from = 0;   // where the next clause of the same statement is looked for
  for (size_t u = 0; u < units.size(); ++u) {
    const Unit& unit = units[u];
    const std::string& text = corpus.statements[unit.statement].text;
    if (best.empty() || best.back().statement != unit.statement) {
      NearHit hit;
      hit.statement = unit.statement;
      hit.statement_score = RowDot(statements, unit.statement, dense);
      hit.score = -1;
      best.push_back(hit);
      searched_from = 0;
    }
    // A unit's text is a piece of its statement's, and the pieces come in order.
    size_t begin = text.find(unit.text, searched_from);
    if (begin == std::string::npos) begin = 0;
    searched_from = begin + unit.text.size();
    const double score = scores[u];
    NearHit& hit = best.back();
    if (score > hit.score) {
      hit.score = score;
      hit.clause_start = unit.start;
      hit.clause_end = unit.end;
      hit.clause_text_begin = begin;
      hit.clause_text_end = begin + unit.text.size();
    }
  }
  for (const NearHit& hit : best) {
    result.best_score = std::max(result.best_score, hit.score);
    if (hit.score >= options.threshold && hit.score > 0) result.hits.push_back(hit);
  }
  std::stable_sort(result.hits.begin(), result.hits.end(), [](const NearHit& a, const NearHit& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.statement_score > b.statement_score;
  });
  if (options.top > 0 && result.hits.size() > options.top) result.hits.resize(options.top);
  return result;
}

}  // namespace refrain
