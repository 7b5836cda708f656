// Shifts: the planted shifts of tests/data/themes (make_corpus.py) are found and
// the unchanged theme gives none; the seed corpus's 2021 -> 2024 changes; the G^2
// test against scipy; the command's JSON.
#include "refrain/shifts.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "refrain/corpus.h"
#include "refrain/lexicon.h"
#include "refrain/periods.h"
#include "refrain/speakers.h"
#include "refrain/themes.h"
#include "run_command.h"
#include "test_corpus.h"

namespace refrain {
namespace {

namespace fs = std::filesystem;

const fs::path kSynthetic = fs::path(REFRAIN_SOURCE_DIR) / "tests" / "data" / "themes";
const fs::path kSeed = fs::path(REFRAIN_SOURCE_DIR) / "corpus" / "seed";

struct Fixture {
  Corpus corpus;
  ThemeModel model;
  std::vector<Shift> shifts;
};

// The lexicon of scripts/install-deps, opened once.
const Lexicon* SharedLexicon() {
  static Result<Lexicon> lexicon = Lexicon::Open({});
  if (!lexicon.ok()) FAIL(lexicon.status().message());
  return &*lexicon;
}

// `lemmas`: theme terms are lemmas through it (ThemeOptions::lemmas), else stems.
Fixture Run(const fs::path& path, const Periods* split = nullptr, ShiftOptions options = {},
            const WordRelations* lemmas = nullptr) {
  Fixture f;
  Result<Corpus> corpus = LoadCorpus({path}, CorpusOptions{});
  REQUIRE(corpus.ok());
  f.corpus = std::move(corpus).value();
  ThemeOptions theme_options;
  theme_options.threads = 1;
  theme_options.lemmas = lemmas;
  Periods periods = split ? *split : GroupByPeriod(f.corpus, PeriodBy::kYear);
  REQUIRE(FindThemes(f.corpus, periods, theme_options, &f.model).ok());
  Result<std::vector<Shift>> shifts = FindShifts(f.corpus, f.model, options);
  REQUIRE(shifts.ok());
  f.shifts = std::move(shifts).value();
  return f;
}

bool Has(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// The shifts of the theme that has `term` among its terms.
std::vector<const Shift*> ShiftsOf(const Fixture& f, const std::string& term) {
  std::vector<const Shift*> out;
  for (const Shift& s : f.shifts)
    if (Has(f.model.themes[s.theme].terms, term)) out.push_back(&s);
  return out;
}

std::string Text(const Fixture& f, uint32_t statement) {
  return f.corpus.statements[statement].text;
}

TEST_CASE("G^2 matches scipy's log-likelihood chi2_contingency", "[shifts]") {
  // scipy.stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")
  CHECK(LogLikelihood(10, 100, 30, 100) == Approx(12.971514326006812).epsilon(1e-12));
  CHECK(LogLikelihoodP(12.971514326006812) == Approx(0.0003162661143462802).epsilon(1e-9));
  CHECK(LogLikelihood(0, 47, 5, 16) == Approx(15.054443191839617).epsilon(1e-12));
  CHECK(LogLikelihood(3, 8, 0, 7) == Approx(4.427060895617924).epsilon(1e-12));
  CHECK(LogLikelihood(5, 50, 5, 50) == Approx(0).margin(1e-12));
  CHECK(LogLikelihood(1, 0, 1, 10) == 0);
}

TEST_CASE("p-values: never printed as 0; log10 p past the underflow; the effect size", "[shifts]") {
  // log10 of erfc(sqrt(G^2 / 2)) by mpmath at 30 digits (scipy's chi2.logsf is -inf past ~1400).
  CHECK(LogLikelihoodLog10P(1000) == Approx(-218.745734104205).epsilon(1e-9));
  CHECK(LogLikelihoodLog10P(1500) == Approx(-327.407256044166).epsilon(1e-4));
  CHECK(LogLikelihoodLog10P(5000) == Approx(-1087.68383651432).epsilon(1e-4));
  CHECK(LogLikelihoodP(5000) == 0);                    // the double underflows ...
  CHECK(FormatP(LogLikelihoodP(5000)) == "< 1e-300");  // ... and the report says so
  CHECK(FormatP(0.0031) == "0.0031");
  CHECK(FormatP(1.7958e-219) == "1.8e-219");
  // (b + 0.5) / (m + 1) over (a + 0.5) / (n + 1): doubled share = 1, emerged finite.
  CHECK(ShareLog2Ratio(10, 99, 20, 99) == Approx(std::log2(20.5 / 10.5)));
  CHECK(ShareLog2Ratio(0, 99, 7, 99) == Approx(std::log2(15.0)));
  CHECK(ShareLog2Ratio(5, 0, 7, 99) == 0);
}

TEST_CASE("shifts: planted emerged, faded, grew, reframed; unchanged gives none", "[shifts]") {
  // With stems and with lemmas (what the CLI uses): the same shifts.
  const bool lemmas = GENERATE(false, true);
  CAPTURE(lemmas);
  Fixture f = Run(kSynthetic, nullptr, {}, lemmas ? SharedLexicon() : nullptr);
  REQUIRE(f.model.periods.labels == std::vector<std::string>{"2019", "2023"});

  auto space = ShiftsOf(f, "space station");
  REQUIRE(space.size() == 1);
  CHECK(space[0]->kind == ShiftKind::kFaded);
  CHECK(space[0]->from_count == 12);
  CHECK(space[0]->to_count == 0);
  REQUIRE_FALSE(space[0]->before.empty());
  CHECK(space[0]->after.empty());
  CHECK(Text(f, space[0]->before[0]).find("space station") != std::string::npos);

  auto rail = ShiftsOf(f, "railway corridor");
  REQUIRE(rail.size() == 1);
  CHECK(rail[0]->kind == ShiftKind::kEmerged);
  REQUIRE_FALSE(rail[0]->after.empty());
  CHECK(Text(f, rail[0]->after[0]).find("railway corridor") != std::string::npos);

  auto solar = ShiftsOf(f, "solar panels");
  REQUIRE(solar.size() == 1);
  CHECK(solar[0]->kind == ShiftKind::kGrew);
  CHECK(solar[0]->p < 0.01);

  // The water dispute: monitoring and data sharing in 2019, dam and arbitration in 2023.
  auto water = ShiftsOf(f, "water treaty");
  REQUIRE(water.size() == 1);
  const Shift& reframed = *water[0];
  CHECK(reframed.kind == ShiftKind::kReframed);
  INFO("gained: " << nlohmann::json(reframed.gained).dump());
  INFO("lost: " << nlohmann::json(reframed.lost).dump());
  CHECK((Has(reframed.gained, "upstream dam") || Has(reframed.gained, "dam construction")));
  CHECK(Has(reframed.gained, "international arbitration"));
  CHECK(Has(reframed.lost, "joint monitoring"));
  CHECK((Has(reframed.lost, "hydrological data") || Has(reframed.lost, "data exchange")));
  for (const std::string& t : reframed.gained) CHECK_FALSE(Has(reframed.lost, t));
  REQUIRE_FALSE(reframed.before.empty());
  REQUIRE_FALSE(reframed.after.empty());
  CHECK(Text(f, reframed.after[0]).find("dam") != std::string::npos);

  // Fishing: the same in both periods, so nothing.
  CHECK(ShiftsOf(f, "fish stocks").empty());
  CHECK(ShiftsOf(f, "fishing quotas").empty());
  // Ranked by score.
  for (size_t i = 1; i < f.shifts.size(); ++i) CHECK(f.shifts[i - 1].score >= f.shifts[i].score);
}

TEST_CASE("shifts: a planted stance change (supports -> opposes) is found as such", "[shifts]") {
  // The border agreement: supported in every 2019 readout, opposed in every 2023 one, the
  // subject's share the same. WordNet has no antonym for "support": the built-in opposed
  // stances find it, with or without a lexicon.
  // The opposed stances are brought to the terms' form: stems, or lemmas.
  const bool lemmas = GENERATE(false, true);
  CAPTURE(lemmas);
  ShiftOptions with_lexicon;
  with_lexicon.relations = SharedLexicon();
  for (const ShiftOptions& options : {ShiftOptions{}, with_lexicon}) {
    Fixture f = Run(kSynthetic, nullptr, options, lemmas ? SharedLexicon() : nullptr);
    auto border = ShiftsOf(f, "border agreement");
    REQUIRE(border.size() == 1);
    const Shift& stance = *border[0];
    CHECK(stance.kind == ShiftKind::kStanceChanged);
    CHECK(ShiftKindName(stance.kind) == "stance changed");
    CHECK(stance.stance_before == "support");
    CHECK(stance.stance_after == "oppose");
    REQUIRE_FALSE(stance.before.empty());
    REQUIRE_FALSE(stance.after.empty());
    for (uint32_t s : stance.before)
      CHECK(Text(f, s).find("support the border") != std::string::npos);
    for (uint32_t s : stance.after)
      CHECK(Text(f, s).find("oppose the border") != std::string::npos);
    // The water dispute changes what is said, not a stance: reframed.
    auto water = ShiftsOf(f, "water treaty");
    REQUIRE(water.size() == 1);
    CHECK(water[0]->kind == ShiftKind::kReframed);
    CHECK(ShiftsOf(f, "fish stocks").empty());
  }
}

TEST_CASE("shifts: one extra sentence is not a shift", "[shifts]") {
  // Solar grows from 1 statement to 16 (p ~ 1e-4): a shift at the default p < 0.01,
  // none when the test asks for p < 1e-6. The planted single-period themes (12 vs 0)
  // stay emerged / faded.
  ShiftOptions strict;
  strict.p_value = 1e-6;
  Fixture f = Run(kSynthetic, nullptr, strict);
  auto solar = ShiftsOf(f, "solar panels");
  CHECK(solar.empty());
  CHECK(ShiftsOf(f, "space station").size() == 1);
}

TEST_CASE("shifts: --split gives the same as the two years", "[shifts]") {
  Result<Corpus> corpus = LoadCorpus({kSynthetic}, CorpusOptions{});
  REQUIRE(corpus.ok());
  Periods split = SplitAt(*corpus, *Date::Parse("2021-01-01"));
  Fixture by_split = Run(kSynthetic, &split);
  Fixture by_year = Run(kSynthetic);
  REQUIRE(by_split.shifts.size() == by_year.shifts.size());
  for (size_t i = 0; i < by_split.shifts.size(); ++i) {
    CHECK(by_split.shifts[i].kind == by_year.shifts[i].kind);
    CHECK(by_split.shifts[i].score == by_year.shifts[i].score);
  }
  CHECK(by_split.model.periods.labels[0] == "before 2021-01-01");
}

TEST_CASE("shifts: seed corpus, 2021 -> 2024", "[shifts]") {
  // What a reader of the five reports sees: Afghanistan (the Taliban, the "Afghan issue")
  // and COVID-19 origins are 2021 subjects that the 2024 meeting does not mention; the
  // Asia-Pacific is named in both years, but in 2024 as ASEAN-centred East Asia
  // cooperation (2021: the "Indo-Pacific Strategy" to resist); the SCO is named in both
  // years, in the same way.
  Fixture f = Run(kSeed);
  auto kinds = [&](const std::string& term) {
    std::vector<ShiftKind> out;
    for (const Shift* s : ShiftsOf(f, term)) out.push_back(s->kind);
    return out;
  };
  CHECK(kinds("afghan issue") == std::vector<ShiftKind>{ShiftKind::kFaded});
  CHECK(kinds("taliban") == std::vector<ShiftKind>{ShiftKind::kFaded});
  CHECK(kinds("covid 19") == std::vector<ShiftKind>{ShiftKind::kFaded});
  auto asia = ShiftsOf(f, "asia pacific");
  REQUIRE(asia.size() == 1);
  CHECK(asia[0]->kind == ShiftKind::kReframed);
  // "east asia" itself falls just under --context-p once the Asia-Pacific theme is merged with
  // its near-duplicate ("peace stability"): its word "east" is gained.
  CHECK((Has(asia[0]->gained, "east asia") || Has(asia[0]->gained, "east")));
  CHECK(Has(asia[0]->gained, "asean"));
  CHECK(kinds("sco").empty());
}

TEST_CASE("shifts: per speaker", "[shifts][speakers]") {
  Result<Corpus> corpus = LoadCorpus({kSeed}, CorpusOptions{});
  REQUIRE(corpus.ok());
  std::vector<std::string> speakers = AttributeSpeakers(*corpus);
  ShiftOptions lavrov;
  lavrov.include.assign(corpus->statements.size(), false);
  size_t kept = 0;
  for (size_t i = 0; i < speakers.size(); ++i)
    if (SpeakerMatches(speakers[i], "Lavrov")) lavrov.include[i] = true, ++kept;
  CHECK(kept >= 8);
  Fixture f = Run(kSeed, nullptr, lavrov);
  for (const Shift& s : f.shifts) {
    CHECK(s.from_statements + s.to_statements <= static_cast<int64_t>(kept));
    for (const auto* list : {&s.before, &s.after})
      for (uint32_t id : *list) CHECK(lavrov.include[id]);
  }
  ShiftOptions wrong_size;
  wrong_size.include.assign(3, true);
  CHECK(FindShifts(f.corpus, f.model, wrong_size).status().code() == Status::Code::kBadUsage);
}

TEST_CASE("shifts: --baseline compares every period against one", "[shifts]") {
  // The planted corpus against 2023: the baseline is `from`, so what only 2019 has emerged.
  ShiftOptions against_2023;
  against_2023.baseline = 1;
  Fixture planted = Run(kSynthetic, nullptr, against_2023);
  REQUIRE(planted.model.periods.labels[1] == "2023");
  auto space = ShiftsOf(planted, "space station");
  REQUIRE(space.size() == 1);
  CHECK(space[0]->kind == ShiftKind::kEmerged);
  auto rail = ShiftsOf(planted, "railway corridor");
  REQUIRE(rail.size() == 1);
  CHECK(rail[0]->kind == ShiftKind::kFaded);

  // The seed by quarter against its first quarter: every shift starts there, the other quarters
  // are each compared with it, and against the next one the same shifts as consecutive periods.
  Result<Corpus> seed = LoadCorpus({kSeed}, CorpusOptions{});
  REQUIRE(seed.ok());
  const Periods quarters = GroupByPeriod(*seed, PeriodBy::kQuarter);
  Fixture consecutive = Run(kSeed, &quarters);
  const std::vector<std::string>& labels = consecutive.model.periods.labels;
  REQUIRE(labels.size() >= 3);
  ShiftOptions against_first;
  against_first.baseline = 0;
  Fixture baseline = Run(kSeed, &quarters, against_first);
  std::set<int32_t> compared;
  for (const Shift& s : baseline.shifts) {
    CHECK(s.from == 0);
    CHECK(s.to != 0);
    compared.insert(s.to);
  }
  CHECK(compared.size() >= 2);
  auto pair_of = [](const Fixture& f, int32_t from, int32_t to) {
    std::vector<std::tuple<size_t, ShiftKind, double>> out;
    for (const Shift& s : f.shifts)
      if (s.from == from && s.to == to) out.emplace_back(s.theme, s.kind, s.score);
    return out;
  };
  CHECK(pair_of(baseline, 0, 1) == pair_of(consecutive, 0, 1));
  CHECK_FALSE(pair_of(baseline, 0, 1).empty());

  ShiftOptions out_of_range;
  out_of_range.baseline = static_cast<int32_t>(labels.size());
  CHECK(FindShifts(baseline.corpus, baseline.model, out_of_range).status().code() ==
        Status::Code::kBadUsage);
}

using testing::CommandRun;
using testing::RunRefrain;

TEST_CASE("refrain shifts and themes: JSON as documented, usage errors", "[shifts][cli]") {
  CommandRun shifts = RunRefrain("shifts " + kSynthetic.string() + " --format json");
  REQUIRE(shifts.exit_code == 0);
  auto j = nlohmann::json::parse(shifts.out);
  REQUIRE(j["shifts"].size() >= 4);
  for (const auto& s : j["shifts"]) {
    for (const char* key :
         {"theme", "terms", "kind", "from", "to", "score", "gained", "lost", "before", "after"})
      CHECK(s.contains(key));
    for (const auto* side : {&s["before"], &s["after"]})
      for (const auto& stmt : *side)
        for (const char* key : {"doc", "date", "start", "end", "text"}) CHECK(stmt.contains(key));
  }
  CommandRun themes = RunRefrain("themes " + kSynthetic.string() + " --format json");
  REQUIRE(themes.exit_code == 0);
  auto t = nlohmann::json::parse(themes.out);
  for (const auto& theme : t["themes"])
    for (const char* key : {"id", "label", "terms", "periods", "docs"}) CHECK(theme.contains(key));
  CHECK(RunRefrain("themes " + kSynthetic.string() + " --format csv")
            .out.rfind("id,label,period", 0) == 0);
  CHECK(RunRefrain("shifts " + kSynthetic.string() + " --format md").out.find("| reframed |") !=
        std::string::npos);
  CommandRun help = RunRefrain("shifts --help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("(=0.01)") != std::string::npos);
  CHECK(help.out.find("Examples:") != std::string::npos);
  CHECK(RunRefrain("shifts " + kSynthetic.string() + " --by week").exit_code == 2);
  CHECK(RunRefrain("shifts " + kSynthetic.string() + " --split 2021 --by month").exit_code == 2);
  CHECK(RunRefrain("shifts " + kSynthetic.string() + " --split notadate").exit_code == 2);
  CHECK(RunRefrain("shifts " + kSynthetic.string() + " --speaker Nobody").exit_code == 1);
  // Statements in one period have no shifts to show: stderr says why and what to try, exit 0
  // (issue 14: a speaker whose files are all of one year). The seed has 2021 and 2024.
  CommandRun one_year = RunRefrain("shifts " + kSeed.string() + " --from 2021 --to 2021-12-31");
  CHECK(one_year.exit_code == 0);
  CHECK(one_year.err.find("statements fall in one year (2021); try --by quarter or --by month") !=
        std::string::npos);
  CommandRun two_years = RunRefrain("shifts " + kSeed.string());
  CHECK(two_years.exit_code == 0);
  CHECK(two_years.err.find("fall in one") == std::string::npos);
  CommandRun by_quarter =
      RunRefrain("shifts " + kSeed.string() + " --from 2021 --to 2021-12-31 --by quarter");
  CHECK(by_quarter.err.find("fall in one") == std::string::npos);
  CommandRun baseline =
      RunRefrain("shifts " + kSynthetic.string() + " --baseline 2023 --format json");
  REQUIRE(baseline.exit_code == 0);
  auto b = nlohmann::json::parse(baseline.out);
  REQUIRE_FALSE(b["shifts"].empty());
  for (const auto& s : b["shifts"]) CHECK(s["from"] == "2023");
  CHECK(help.out.find("--baseline 2015") != std::string::npos);
  CommandRun no_period = RunRefrain("shifts " + kSynthetic.string() + " --baseline 2020");
  CHECK(no_period.exit_code == 2);
  CHECK(no_period.err.find("--baseline 2020: no such period") != std::string::npos);
  CHECK(RunRefrain("shifts " + kSynthetic.string() + " --baseline 2019 --split 2021").exit_code ==
        2);
}

// Regression (issue 17 rating): the wh-briefings theme "rate, unemployment, unemployment rate"
// was "reframed" after 2025-01-20 into "tariff rate": its later statements named it only by the
// word "rate", in its other sense. Reframing compares the statements that name a theme plainly
// (ShiftOptions::strong_mentions); off, the old reframing comes back.
TEST_CASE("shifts: one word of a theme in its other sense is no reframing", "[shifts]") {
  Result<Lexicon> lexicon = Lexicon::Open({});
  if (!lexicon.ok()) FAIL(lexicon.status().message());
  const Corpus corpus = testing::MakeCorpus({
      {"wh/2022-05.md",
       "",
       "2022-05-20",
       {"The unemployment rate is 3.9% – four years faster than projected because of the "
        "American Rescue Plan.",
        "The unemployment rate ticked down to 3.8 percent.",
        "Over the last year, the unemployment rate dropped in every state and many states have "
        "reached historic lows.",
        "And, the unemployment rate for veterans with a service-connected disability declined to "
        "3.4 percent.",
        "And, since President Biden took office, our economy has added a record 7.9 million jobs "
        "and the unemployment rate has fallen to 3.6 percent."}},
      {"wh/2025-10.md",
       "",
       "2025-10-26",
       {"On request of the United Kingdom, the United States will consider reducing its applied "
        "tariff rates for a UK territory or territories on a preferential basis.",
        "In return, the United States will reallocate to the United Kingdom 13,000 mt of its "
        "existing \"Other Countries\" tariff rate quota (TRQ) for beef.",
        "(i) The United States will create a quota of 100,000 vehicles for UK automotive imports "
        "at a 10 percent tariff rate.",
        "Most Favored Nation (MFN) tariff rate or a tariff rate of 15 percent, comprised of the "
        "MFN tariff and a reciprocal tariff, on originating goods of the European Union."}},
  });
  ThemeOptions theme_options;
  theme_options.lemmas = &*lexicon;
  theme_options.min_share = 0;
  theme_options.max_df = 1;  // nine statements: every term is in a large share
  theme_options.threads = 1;
  ThemeModel model;
  REQUIRE(FindThemes(corpus, GroupByPeriod(corpus, PeriodBy::kYear), theme_options, &model).ok());
  const auto unemployment =
      std::find_if(model.themes.begin(), model.themes.end(), [&](const Theme& t) {
        return std::find(t.terms.begin(), t.terms.end(), "unemployment rate") != t.terms.end();
      });
  REQUIRE(unemployment != model.themes.end());
  const size_t theme = static_cast<size_t>(unemployment - model.themes.begin());
  auto reframings = [&](bool strong) {
    ShiftOptions options;
    options.strong_mentions = strong;
    Result<std::vector<Shift>> shifts = FindShifts(corpus, model, options);
    REQUIRE(shifts.ok());
    std::vector<Shift> out;
    for (const Shift& s : *shifts)
      if (s.theme == theme && s.kind == ShiftKind::kReframed) out.push_back(s);
    return out;
  };
  CHECK(reframings(true).empty());
  const std::vector<Shift> weak = reframings(false);
  REQUIRE(weak.size() == 1);
  auto has = [](const std::vector<std::string>& terms, std::string_view prefix) {
    return std::any_of(terms.begin(), terms.end(),
                       [&](const std::string& t) { return t.rfind(prefix, 0) == 0; });
  };
  CHECK(has(weak[0].gained, "tariff"));
}

// The HTML page on the seed holds what the JSON holds: a section per theme with a shift, its
// timeline as an SVG with a dot per period and a mark per shift, and each shift with its quoted
// statements (document, offsets, text). Standalone: no script, nothing fetched.
TEST_CASE("refrain shifts --format html: timelines, marks and evidence of the seed",
          "[shifts][cli]") {
  const std::string args = "shifts " + kSeed.string() + " --by quarter";
  CommandRun json_run = RunRefrain(args + " --format json");
  REQUIRE(json_run.exit_code == 0);
  CommandRun html_run = RunRefrain(args + " --format html");
  REQUIRE(html_run.exit_code == 0);
  const std::string& page = html_run.out;
  auto count = [&](std::string_view what) {
    size_t n = 0;
    for (size_t at = page.find(what); at != std::string::npos; at = page.find(what, at + 1)) ++n;
    return n;
  };
  auto j = nlohmann::json::parse(json_run.out);
  const auto& shifts = j["shifts"];
  REQUIRE(shifts.size() >= 4);
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(page.find("</html>") != std::string::npos);
  CHECK(count("<script") == 0);
  CHECK(count("src=") == 0);
  CHECK(count("http") == 0);
  std::set<std::string> themes;
  for (const auto& s : shifts) themes.insert(s["theme"].get<std::string>());
  CHECK(count("<section class=\"theme\"") == themes.size());
  CHECK(count("<svg class=\"chart\"") == themes.size());
  CHECK(count("<circle class=\"dot\"") == themes.size() * j["periods"].size());
  CHECK(count("<g class=\"mark ") == shifts.size());
  CHECK(count("<div class=\"shift\"") == shifts.size());
  for (size_t i = 0; i < shifts.size(); ++i) {
    const auto& s = shifts[i];
    const std::string id = fmt::format(
        "id=\"shift-{}\" data-kind=\"{}\" data-from=\"{}\" "
        "data-to=\"{}\"",
        i + 1, s["kind"].get<std::string>(), s["from"].get<std::string>(),
        s["to"].get<std::string>());
    const size_t at = page.find(id);
    REQUIRE(at != std::string::npos);
    // The shift's section is its theme's; its mark links to it.
    const size_t section = page.rfind("<section class=\"theme\" id=\"theme-", at);
    REQUIRE(section != std::string::npos);
    CHECK(page.compare(section + 33, s["theme"].get<std::string>().size() + 1,
                       s["theme"].get<std::string>() + "\"") == 0);
    CHECK(page.find(fmt::format("<a href=\"#shift-{}\">", i + 1)) != std::string::npos);
    // Each quoted statement, in order, with its document, offsets and text.
    size_t from = at;
    for (const char* side : {"before", "after"})
      for (const auto& st : s[side]) {
        const std::string where = fmt::format(
            "<div class=\"stmt {}\" data-doc=\"{}\" data-start=\"{}\" data-end=\"{}\">", side,
            st["doc"].get<std::string>(), st["start"].get<uint64_t>(), st["end"].get<uint64_t>());
        const size_t found = page.find(where, from);
        REQUIRE(found != std::string::npos);
        CHECK(page.find(fmt::format("<code>{}:{}-{}</code>", st["doc"].get<std::string>(),
                                    st["start"].get<uint64_t>(), st["end"].get<uint64_t>()),
                        found) != std::string::npos);
        from = found + 1;
      }
  }
  // The chart is the theme's weight: the seed's Afghan theme is mentioned in 2021 and not in
  // 2024-Q3, so one of its dots sits on the axis (0%).
  CHECK(page.find("0.00% (0 statements)") != std::string::npos);
}

// Regression: an unknown --baseline was reported only after every theme had been found. It is
// now checked against the periods first: with a theme option that FindThemes would reject
// (--cohesion 5), the baseline's error is the one reported, and it lists the valid labels.
TEST_CASE("refrain shifts: an unknown --baseline is refused before themes are found",
          "[shifts][cli]") {
  CommandRun early = RunRefrain("shifts " + kSynthetic.string() + " --baseline 2020 --cohesion 5");
  CHECK(early.exit_code == 2);
  CHECK(early.err.find("--baseline 2020: no such period with --by year (periods: 2019, 2023)") !=
        std::string::npos);
  CHECK(early.err.find("--cohesion") == std::string::npos);
  // A known baseline passes the check, and the theme option is then refused as before.
  CommandRun later = RunRefrain("shifts " + kSynthetic.string() + " --baseline 2023 --cohesion 5");
  CHECK(later.exit_code == 2);
  CHECK(later.err.find("--cohesion must be in (0, 1]") != std::string::npos);
}

}  // namespace
}  // namespace refrain
