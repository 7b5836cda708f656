#include "refrain/near.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "match/clauses.h"
#include "refrain/matcher.h"
#include "refrain/tokenizer.h"
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

// The best run of words inside a clause: [begin, end) in the clause's text.
struct Span {
  double score = -1;
  size_t begin = 0, end = 0;
};

// What a span is scored with: the fitted vocabulary, the query spread out (l2-normalised), and
// the query's length in counted words (tokens in the vocabulary, repeats counted).
struct SpanScorer {
  const Vocabulary* vocabulary = nullptr;
  const std::vector<float>* query = nullptr;
  bool use_idf = true, sublinear_tf = true;
  size_t query_words = 0;

  double Tf(int count) const {
    if (count <= 0) return 0;
    return sublinear_tf ? 1 + std::log(static_cast<double>(count)) : count;
  }

  // The best run of `query_words` to 2 x `query_words` counted words of `text` (a clause, one
  // line of single-spaced words), scored as Transform would score it alone, by a sliding window
  // per length: O(words x lengths). No span when the clause has no more words than the
  // shortest run (the clause is scored whole already).
  Span Best(std::string_view text, Tokenizer& tokenizer, TokenList& tokens) const {
    struct Counted {
      int32_t column;
      size_t begin, end;  // the word it comes from, in `text`
    };
    std::vector<Counted> counted;
    for (size_t i = 0; i < text.size();) {
      while (i < text.size() && text[i] == ' ') ++i;
      const size_t b = i;
      while (i < text.size() && text[i] != ' ') ++i;
      if (i == b) continue;
      tokenizer.Tokenize(text.substr(b, i - b), &tokens);
      for (size_t t = 0; t < tokens.size(); ++t)
        if (std::optional<int32_t> column = vocabulary->Find(tokens[t]))
          counted.push_back({*column, b, i});
    }
    Span best;
    const size_t shortest = std::max<size_t>(query_words, 1);
    if (counted.size() <= shortest) return best;
    const size_t longest = std::min(counted.size(), 2 * shortest);
    // Columns renumbered 0..k-1 for the window's counts.
    std::vector<int32_t> columns;
    for (const Counted& c : counted) columns.push_back(c.column);
    std::sort(columns.begin(), columns.end());
    columns.erase(std::unique(columns.begin(), columns.end()), columns.end());
    std::vector<uint32_t> local(counted.size());
    std::vector<double> idf(columns.size()), weight(columns.size());
    for (size_t k = 0; k < columns.size(); ++k) {
      idf[k] = use_idf ? vocabulary->idf(columns[k]) : 1.0;
      weight[k] = (*query)[columns[k]];
    }
    for (size_t n = 0; n < counted.size(); ++n)
      local[n] = static_cast<uint32_t>(
          std::lower_bound(columns.begin(), columns.end(), counted[n].column) - columns.begin());
    std::vector<int> count(columns.size(), 0);
    // At most 9 lengths: every one for a short query, evenly spread for a long one.
    const size_t step = std::max<size_t>(1, (longest - shortest + 7) / 8);
    for (size_t length = shortest; length <= longest; length += step) {
      std::fill(count.begin(), count.end(), 0);
      double dot = 0, squares = 0;
      const auto add = [&](size_t n, int by) {
        const uint32_t k = local[n];
        const double before = Tf(count[k]);
        count[k] += by;
        const double after = Tf(count[k]);
        dot += (after - before) * idf[k] * weight[k];
        squares += (after * after - before * before) * idf[k] * idf[k];
      };
      for (size_t n = 0; n < counted.size(); ++n) {
        add(n, +1);
        if (n >= length) add(n - length, -1);
        if (n + 1 < length || squares <= 0) continue;
        const double score = std::min(dot / std::sqrt(squares), 1.0);
        if (score > best.score + 1e-12) {
          best.score = score;
          best.begin = counted[n + 1 - length].begin;
          best.end = counted[n].end;
        }
      }
    }
    // A span ends before the comma, semicolon or colon after its last word.
    while (best.end > best.begin &&
           (text[best.end - 1] == ',' || text[best.end - 1] == ';' || text[best.end - 1] == ':'))
      --best.end;
    return best;
  }
};

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

  // Spans are scored with the vectorizer's own weights, which a window can keep up to date
  // word by word only for unigrams and l2 rows.
  const VectorizerOptions& vectorizing = vectorizer.options();
  const bool spans = options.spans && vectorizing.ngram_max == 1 && vectorizing.norm == Norm::kL2;
  SpanScorer scorer;
  scorer.vocabulary = &vectorizer.vocabulary();
  scorer.query = &dense;
  scorer.use_idf = vectorizing.use_idf;
  scorer.sublinear_tf = vectorizing.sublinear_tf;
  if (spans) {
    Result<Tokenizer> tokenizer = Tokenizer::Create(vectorizing.tokenizer);
    if (!tokenizer.ok()) return tokenizer.status();
    for (const std::string& token : tokenizer->Tokenize(query))
      if (vectorizer.vocabulary().Find(token)) ++scorer.query_words;
  }

  // Each clause's cosine with the query, and its best span's, a chunk of clauses per task
  // (Transform is safe to call from several threads on a fitted vectorizer).
  constexpr size_t kChunk = 4096;
  std::vector<double> scores(units.size(), 0);
  std::vector<Span> best_spans(units.size());
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
    std::optional<Tokenizer> tokenizer;  // made when a clause first needs its spans
    TokenList tokens;
    for (size_t u = begin; u < end; ++u) {
      const Eigen::Index row = static_cast<Eigen::Index>(u - begin);
      scores[u] = RowDot(*rows, row, dense);
      if (!spans) continue;
      // No span of the clause scores more than the share of the query it holds (Cauchy-Schwarz:
      // a span's terms are the clause's), so a clause whose share is below the threshold, or
      // no better than the clause's own score, is not looked into.
      double held = 0;
      for (TfidfMatrix::InnerIterator it(*rows, row); it; ++it)
        if (static_cast<size_t>(it.index()) < dense.size())
          held += static_cast<double>(dense[it.index()]) * dense[it.index()];
      held = std::sqrt(held);
      if (held < options.threshold || held <= scores[u]) continue;
      if (!tokenizer) {
        Result<Tokenizer> made = Tokenizer::Create(vectorizing.tokenizer);
        if (!made.ok()) {
          failed[chunk] = made.status();
          return;
        }
        tokenizer.emplace(std::move(made).value());
      }
      best_spans[u] = scorer.Best(units[u].text, *tokenizer, tokens);
    }
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
    const Statement& statement = corpus.statements[unit.statement];
    const std::string& text = statement.text;
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
    const Span& span = best_spans[u];
    const double score = std::max(scores[u], span.score);
    NearHit& hit = best.back();
    if (score > hit.score) {
      hit.score = score;
      hit.clause_score = scores[u];
      hit.clause_start = hit.span_start = unit.start;
      hit.clause_end = hit.span_end = unit.end;
      hit.clause_text_begin = hit.span_text_begin = begin;
      hit.clause_text_end = hit.span_text_end = begin + unit.text.size();
      if (span.score > scores[u]) {
        hit.span_text_begin = begin + span.begin;
        hit.span_text_end = begin + span.end;
        // A span whose bytes cannot be found in the file keeps the clause's (as CutUnits keeps
        // a statement's when a clause's cannot be).
        uint64_t span_start = 0, span_end = 0;
        if (internal::MapToOriginal(corpus.documents[statement.doc], statement, hit.span_text_begin,
                                    hit.span_text_end, &span_start, &span_end)) {
          hit.span_start = span_start;
          hit.span_end = span_end;
        }
      }
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
