// Shifts between periods. Counts are statements: a theme's statements against all
// statements of the period for its share, and, inside the theme's statements, the
// statements with a context term for reframing. Both are 2x2 tables tested with
// Dunning's log-likelihood ratio G^2, which behaves on the small counts of short
// corpora where the chi-square approximation of Pearson's test does not.
#include "refrain/shifts.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <unordered_map>

#include "refrain/tokenizer.h"

namespace refrain {
namespace {

struct TermTest {
  int32_t column;
  double g2;
};

constexpr std::pair<ShiftKind, std::string_view> kKindNames[] = {
    {ShiftKind::kEmerged, "emerged"},   {ShiftKind::kFaded, "faded"},
    {ShiftKind::kGrew, "grew"},         {ShiftKind::kShrank, "shrank"},
    {ShiftKind::kReframed, "reframed"}, {ShiftKind::kStanceChanged, "stance changed"},
};

// Stances that oppose each other, where WordNet has no antonym ("support" / "oppose": see
// tests/lexicon_test.cpp): what a speaker does about a subject turned around. Compared in the
// form the model's terms take (ThemeModel::tokenizer: lemmas or Snowball stems).
constexpr std::pair<std::string_view, std::string_view> kOpposedStances[] = {
    {"support", "oppose"},        {"support", "reject"},
    {"welcome", "condemn"},       {"accept", "reject"},
    {"endorse", "oppose"},        {"praise", "criticize"},
    {"praise", "condemn"},        {"cooperation", "confrontation"},
    {"agree", "disagree"},        {"approve", "disapprove"},
    {"lift", "impose"},           {"ease", "tighten"},
    {"dialogue", "confrontation"}};

// kOpposedStances as pairs of terms made by `term_options` (the model's), each pair both ways
// round, sorted.
std::vector<std::pair<std::string, std::string>> OpposedTerms(
    const TokenizerOptions& term_options) {
  std::vector<std::pair<std::string, std::string>> out;
  TokenizerOptions options = term_options;
  options.stop_words = false;
  Result<Tokenizer> tokenizer = Tokenizer::Create(options);
  if (!tokenizer.ok()) return out;
  for (const auto& [a, b] : kOpposedStances) {
    std::vector<std::string> x = tokenizer->Tokenize(a), y = tokenizer->Tokenize(b);
    if (x.size() != 1 || y.size() != 1) continue;
    out.emplace_back(x[0], y[0]);
    out.emplace_back(y[0], x[0]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Stance-change candidates per kind of list: the strongest one-word terms gained and lost.
constexpr size_t kStanceWords = 24;

// The one-word terms of `tests`, strongest first, at most kStanceWords.
std::vector<int32_t> StanceWords(std::vector<TermTest> tests, const Vocabulary& vocab) {
  std::sort(tests.begin(), tests.end(), [](const TermTest& a, const TermTest& b) {
    return a.g2 != b.g2 ? a.g2 > b.g2 : a.column < b.column;
  });
  std::vector<int32_t> out;
  for (const TermTest& t : tests)
    if (out.size() < kStanceWords && vocab.term(t.column).find(' ') == std::string::npos)
      out.push_back(t.column);
  return out;
}

// How many of the sorted `columns` row `row` has.
int Hits(const TfidfMatrix& matrix, uint32_t row, const std::vector<int32_t>& columns) {
  int hits = 0;
  for (TfidfMatrix::InnerIterator it(matrix, row); it; ++it)
    hits += std::binary_search(columns.begin(), columns.end(), it.col());
  return hits;
}

// Up to `count` of `statements` with the most of `columns` (at least one when
// `need_hit`), earlier first on ties, no two with the same text: a release and its reprint, or
// a treaty's clause repeated per partner, would quote one sentence twice.
std::vector<uint32_t> Evidence(const Corpus& corpus, const TfidfMatrix& matrix,
                               const std::vector<uint32_t>& statements,
                               std::vector<int32_t> columns, int count, bool need_hit) {
  std::sort(columns.begin(), columns.end());
  std::vector<std::pair<int, uint32_t>> ranked;
  for (uint32_t s : statements) {
    int hits = Hits(matrix, s, columns);
    if (need_hit && hits == 0) continue;
    ranked.emplace_back(-hits, s);
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<uint32_t> out;
  for (size_t i = 0; i < ranked.size() && static_cast<int>(out.size()) < count; ++i) {
    const std::string_view text = corpus.statements[ranked[i].second].text;
    if (std::none_of(out.begin(), out.end(),
                     [&](uint32_t s) { return corpus.statements[s].text == text; }))
      out.push_back(ranked[i].second);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Significant terms, strongest first, without a word that a listed bigram shows.
std::vector<int32_t> Pick(std::vector<TermTest> tests, const Vocabulary& vocab, int max_terms) {
  std::sort(tests.begin(), tests.end(), [](const TermTest& a, const TermTest& b) {
    return a.g2 != b.g2 ? a.g2 > b.g2 : a.column < b.column;
  });
  std::vector<int32_t> out;
  for (const TermTest& t : tests) {
    const std::string& term = vocab.term(t.column);
    bool covered = false;
    if (term.find(' ') == std::string::npos)
      for (const TermTest& other : tests) {
        const std::string& bigram = vocab.term(other.column);
        size_t space = bigram.find(' ');
        if (space != std::string::npos &&
            (bigram.compare(0, space, term) == 0 ||
             bigram.compare(space + 1, std::string::npos, term) == 0)) {
          covered = true;
          break;
        }
      }
    if (covered) continue;
    out.push_back(t.column);
    if (static_cast<int>(out.size()) >= max_terms) break;
  }
  return out;
}

}  // namespace

std::string_view ShiftKindName(ShiftKind kind) {
  for (const auto& [k, name] : kKindNames)
    if (k == kind) return name;
  return "?";
}

double LogLikelihood(int64_t a, int64_t n, int64_t b, int64_t m) {
  if (n <= 0 || m <= 0) return 0;
  const double total = static_cast<double>(n + m);
  const double hits = static_cast<double>(a + b), misses = total - hits;
  auto part = [](double observed, double expected) {
    return observed > 0 && expected > 0 ? observed * std::log(observed / expected) : 0.0;
  };
  const double g2 = 2 * (part(a, n * hits / total) + part(b, m * hits / total) +
                         part(n - a, n * misses / total) + part(m - b, m * misses / total));
  return std::max(0.0, g2);
}

double LogLikelihoodP(double g2) { return std::erfc(std::sqrt(std::max(0.0, g2) / 2)); }

double LogLikelihoodLog10P(double g2) {
  const double p = LogLikelihoodP(g2);
  if (p > 1e-300) return std::log10(p);
  // erfc(x) ~ exp(-x^2) / (x sqrt(pi)) for large x (relative error below 1 / (2 x^2)).
  const double x = std::sqrt(std::max(0.0, g2) / 2);
  return (-x * x - std::log(x * std::sqrt(std::numbers::pi))) / std::log(10.0);
}

std::string FormatP(double p) {
  if (!(p > 1e-300)) return "< 1e-300";
  return fmt::format("{:.2g}", p);
}

double ShareLog2Ratio(int64_t a, int64_t n, int64_t b, int64_t m) {
  if (n <= 0 || m <= 0) return 0;
  const double before = (static_cast<double>(a) + 0.5) / (static_cast<double>(n) + 1);
  const double after = (static_cast<double>(b) + 0.5) / (static_cast<double>(m) + 1);
  return std::log2(after / before);
}

Result<std::vector<Shift>> FindShifts(const Corpus& corpus, const ThemeModel& model,
                                      const ShiftOptions& options) {
  if (!(options.p_value > 0 && options.p_value <= 1) ||
      !(options.presence_p_value > 0 && options.presence_p_value <= 1) ||
      !(options.context_p_value > 0 && options.context_p_value <= 1))
    return Status::BadUsage("p-values must be in (0, 1]");
  if (options.min_statements < 1 || options.min_context_statements < 1 ||
      options.min_term_count < 1 || options.min_reframed_terms < 1 || options.max_terms < 1 ||
      options.evidence < 0)
    return Status::BadUsage("shift counts (--min-count, ...) must be at least 1");
  const size_t n = corpus.statements.size();
  if (!options.include.empty() && options.include.size() != n)
    return Status::BadUsage("the statement filter does not match the corpus");
  // The statements themes count (no questions unless the model took them), of those asked for.
  auto included = [&](uint32_t s) {
    return (options.include.empty() || options.include[s]) &&
           TakesPartInThemes(corpus.statements[s], model.include_questions);
  };
  const Periods& periods = model.periods;
  const size_t period_count = periods.labels.size();
  std::vector<int64_t> totals(period_count, 0);
  for (uint32_t s = 0; s < n; ++s) {
    const int32_t p = periods.of_document[corpus.statements[s].doc];
    if (p >= 0 && included(s)) ++totals[p];
  }
  std::vector<int32_t> nonempty;
  for (size_t p = 0; p < period_count; ++p)
    if (totals[p] > 0) nonempty.push_back(static_cast<int32_t>(p));
  // The (before, after) pairs of periods compared.
  std::vector<std::pair<int32_t, int32_t>> compared;
  if (options.baseline >= 0) {
    if (static_cast<size_t>(options.baseline) >= period_count)
      return Status::BadUsage(
          fmt::format("baseline period {} is not one of the {}", options.baseline, period_count));
    if (totals[options.baseline] == 0)
      return Status::BadUsage(
          fmt::format("baseline period {} has no statements", periods.labels[options.baseline]));
    for (int32_t p : nonempty)
      if (p != options.baseline) compared.emplace_back(options.baseline, p);
  } else {
    for (size_t i = 0; i + 1 < nonempty.size(); ++i)
      compared.emplace_back(nonempty[i], nonempty[i + 1]);
  }

  const TfidfMatrix& matrix = model.matrix;
  std::vector<Shift> shifts;
  std::vector<std::pair<std::vector<int32_t>, std::vector<int32_t>>> term_columns;  // per shift
  // Per shift: the theme's statements before and after, and the one-word terms gained and lost
  // that may be a stance change (reframed shifts only).
  struct StanceCandidates {
    const std::vector<uint32_t>* before = nullptr;
    const std::vector<uint32_t>* after = nullptr;
    std::vector<int32_t> gained, lost;
  };
  std::vector<StanceCandidates> stance;
  std::vector<std::vector<std::vector<uint32_t>>> by_theme_period(model.themes.size());
  // The statements that name the theme plainly (ShiftOptions::strong_mentions), per period.
  std::vector<std::vector<std::vector<uint32_t>>> strong_by_theme_period(model.themes.size());
  for (size_t t = 0; t < model.themes.size(); ++t) {
    const Theme& theme = model.themes[t];
    std::vector<int32_t> own = theme.columns;
    std::sort(own.begin(), own.end());
    std::vector<int32_t> phrases;  // the theme's terms of two words or more, sorted
    for (int32_t c : own)
      if (model.vocabulary.term(c).find(' ') != std::string::npos) phrases.push_back(c);
    const bool strong_only = options.strong_mentions && !theme.pinned;
    auto strong = [&](uint32_t s) {
      return !strong_only || Hits(matrix, s, own) >= 2 || Hits(matrix, s, phrases) >= 1;
    };
    std::vector<std::vector<uint32_t>>& by_period = by_theme_period[t];
    std::vector<std::vector<uint32_t>>& strong_by_period = strong_by_theme_period[t];
    by_period.resize(period_count);
    strong_by_period.resize(period_count);
    for (uint32_t s : theme.statements) {
      const int32_t p = periods.of_document[corpus.statements[s].doc];
      if (p < 0 || !included(s)) continue;
      by_period[p].push_back(s);
      if (strong(s)) strong_by_period[p].push_back(s);
    }
    for (const std::pair<int32_t, int32_t>& pair : compared) {
      const int32_t a = pair.first, b = pair.second;
      const std::vector<uint32_t>& before = by_period[a];
      const std::vector<uint32_t>& after = by_period[b];
      Shift base;
      base.theme = t;
      base.from = a;
      base.to = b;
      base.from_count = static_cast<int64_t>(before.size());
      base.from_statements = totals[a];
      base.to_count = static_cast<int64_t>(after.size());
      base.to_statements = totals[b];
      const double g2 =
          LogLikelihood(base.from_count, base.from_statements, base.to_count, base.to_statements);
      base.p = LogLikelihoodP(g2);
      base.log10_p = LogLikelihoodLog10P(g2);
      base.effect =
          ShareLog2Ratio(base.from_count, base.from_statements, base.to_count, base.to_statements);
      const int64_t ca = base.from_count, cb = base.to_count;
      std::optional<ShiftKind> kind;
      if (ca == 0 && cb >= options.min_statements && base.p < options.presence_p_value)
        kind = ShiftKind::kEmerged;
      else if (cb == 0 && ca >= options.min_statements && base.p < options.presence_p_value)
        kind = ShiftKind::kFaded;
      else if (ca > 0 && cb > 0 && base.p < options.p_value &&
               std::max(ca, cb) >= options.min_statements)
        kind = cb * base.from_statements > ca * base.to_statements ? ShiftKind::kGrew
                                                                   : ShiftKind::kShrank;
      if (kind) {
        Shift s = base;
        s.kind = *kind;
        s.score = g2;
        s.before = Evidence(corpus, matrix, before, own, options.evidence, false);
        s.after = Evidence(corpus, matrix, after, own, options.evidence, false);
        shifts.push_back(std::move(s));
        term_columns.emplace_back();
        stance.emplace_back();
      }

      // Reframed: the words in the theme's statements (those that name it plainly). The theme's
      // own terms take part: words that always come with the subject in one period (the
      // "upstream dam" of a water dispute) cluster into the theme, and their coming or going is
      // the reframing.
      const std::vector<uint32_t>& framed_before = strong_by_period[a];
      const std::vector<uint32_t>& framed_after = strong_by_period[b];
      const int64_t fa = static_cast<int64_t>(framed_before.size());
      const int64_t fb = static_cast<int64_t>(framed_after.size());
      if (fa < options.min_context_statements || fb < options.min_context_statements) continue;
      std::unordered_map<int32_t, std::pair<int64_t, int64_t>> context;
      for (int side = 0; side < 2; ++side)
        for (uint32_t s : side == 0 ? framed_before : framed_after)
          for (TfidfMatrix::InnerIterator it(matrix, s); it; ++it) {
            auto& counts = context[it.col()];
            (side == 0 ? counts.first : counts.second) += 1;
          }
      std::vector<TermTest> gained, lost;
      for (const auto& [column, counts] : context) {
        if (!model.never_terms.empty() && model.never_terms[column]) continue;
        const auto [x, y] = counts;
        const double g = LogLikelihood(x, fa, y, fb);
        if (LogLikelihoodP(g) >= options.context_p_value) continue;
        if (y * fa > x * fb) {
          if (y >= options.min_term_count) gained.push_back({column, g});
        } else if (x >= options.min_term_count) {
          lost.push_back({column, g});
        }
      }
      std::vector<int32_t> gained_columns = Pick(gained, model.vocabulary, options.max_terms);
      std::vector<int32_t> lost_columns = Pick(lost, model.vocabulary, options.max_terms);
      if (static_cast<int>(gained_columns.size() + lost_columns.size()) <
          options.min_reframed_terms)
        continue;
      Shift s = base;
      s.kind = ShiftKind::kReframed;
      for (const auto* list : {&gained, &lost})
        for (const TermTest& test : *list)
          if (std::find(gained_columns.begin(), gained_columns.end(), test.column) !=
                  gained_columns.end() ||
              std::find(lost_columns.begin(), lost_columns.end(), test.column) !=
                  lost_columns.end())
            s.score += test.g2;
      s.before = Evidence(corpus, matrix, framed_before, lost_columns, options.evidence, true);
      s.after = Evidence(corpus, matrix, framed_after, gained_columns, options.evidence, true);
      shifts.push_back(std::move(s));
      term_columns.emplace_back(std::move(gained_columns), std::move(lost_columns));
      stance.emplace_back();
      stance.back() = {&framed_before, &framed_after, StanceWords(gained, model.vocabulary),
                       StanceWords(lost, model.vocabulary)};
    }
  }

  // Surface forms of all gained and lost terms in one pass over the corpus.
  std::vector<int32_t> wanted;
  for (const auto& [g, l] : term_columns) {
    wanted.insert(wanted.end(), g.begin(), g.end());
    wanted.insert(wanted.end(), l.begin(), l.end());
  }
  for (const StanceCandidates& c : stance) {
    wanted.insert(wanted.end(), c.gained.begin(), c.gained.end());
    wanted.insert(wanted.end(), c.lost.begin(), c.lost.end());
  }
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  std::vector<std::string> surfaces = SurfaceForms(corpus, model, wanted);
  auto surface = [&](int32_t column) {
    return surfaces[std::lower_bound(wanted.begin(), wanted.end(), column) - wanted.begin()];
  };
  for (size_t i = 0; i < shifts.size(); ++i) {
    for (int32_t c : term_columns[i].first) shifts[i].gained.push_back(surface(c));
    for (int32_t c : term_columns[i].second) shifts[i].lost.push_back(surface(c));
  }
  // Stance changes: the strongest pair of a lost and a gained word that oppose each other
  // (kOpposedStances, or WordNet verb antonyms through options.relations).
  const std::vector<std::pair<std::string, std::string>> opposed = OpposedTerms(model.tokenizer);
  auto oppose = [&](int32_t lost, int32_t gained) {
    const std::pair<std::string, std::string> terms(model.vocabulary.term(lost),
                                                    model.vocabulary.term(gained));
    if (std::binary_search(opposed.begin(), opposed.end(), terms)) return true;
    return options.relations &&
           options.relations->Relate(surface(lost), surface(gained), WordClass::kVerb).relation ==
               WordRelation::kAntonym;
  };
  for (size_t i = 0; i < shifts.size(); ++i) {
    const StanceCandidates& c = stance[i];
    bool found = false;
    for (size_t g = 0; g < c.gained.size() && !found; ++g)
      for (size_t l = 0; l < c.lost.size() && !found; ++l) {
        const std::string& after = surface(c.gained[g]);
        const std::string& before = surface(c.lost[l]);
        if (!oppose(c.lost[l], c.gained[g])) continue;
        found = true;
        Shift& s = shifts[i];
        s.kind = ShiftKind::kStanceChanged;
        s.stance_before = before;
        s.stance_after = after;
        if (std::find(s.gained.begin(), s.gained.end(), after) == s.gained.end())
          s.gained.insert(s.gained.begin(), after);
        if (std::find(s.lost.begin(), s.lost.end(), before) == s.lost.end())
          s.lost.insert(s.lost.begin(), before);
        s.before = Evidence(corpus, matrix, *c.before, {c.lost[l]}, options.evidence, true);
        s.after = Evidence(corpus, matrix, *c.after, {c.gained[g]}, options.evidence, true);
      }
  }
  std::stable_sort(shifts.begin(), shifts.end(),
                   [](const Shift& a, const Shift& b) { return a.score > b.score; });
  return shifts;
}

}  // namespace refrain
