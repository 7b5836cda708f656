// Comparing two meetings: the word diff on a table of real phrasings, the
// one-to-one matching of two seed reports (every statement accounted for once,
// best matches kept), and the command's text columns and JSON as a user gets them.
#include "refrain/compare.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "refrain/corpus.h"
#include "refrain/matcher.h"
#include "refrain/points_report.h"
#include "refrain/talking_points.h"
#include "run_command.h"

namespace refrain {
namespace {

std::string Join(const std::vector<DiffRun>& runs) {
  std::string out;
  for (const DiffRun& r : runs) out += r.text;
  return out;
}

std::string Changed(const std::vector<DiffRun>& runs) {
  std::string out;
  for (const DiffRun& r : runs)
    if (r.changed) out += (out.empty() ? "" : "|") + std::string(r.text.substr(r.text[0] == ' '));
  return out;
}

TEST_CASE("DiffWords marks the words only one side has", "[compare]") {
  struct Case {
    const char* a;
    const char* b;
    const char* changed_a;  // changed runs, '|' between runs
    const char* changed_b;
  };
  const Case cases[] = {
      {"Russia supports China in hosting the Winter Olympics in Beijing",
       "Russia supports China in hosting the Beijing Winter Olympics", "in Beijing", "Beijing"},
      // Case and punctuation around a word do not make it another word.
      {"within multilateral frameworks such as BRICS, the SCO and the UN.",
       "within multilateral mechanisms such as the SCO and BRICS", "frameworks|BRICS,|the UN.",
       "mechanisms|BRICS"},
      {"The Russian side opposes it.", "the russian side OPPOSES it", "", ""},
      {"", "Something new.", "", "Something new."},
      {"Dropped entirely.", "", "Dropped entirely.", ""},
      {"“Afghan owned and Afghan led,”", "Afghan-owned and Afghan-led",
       "“Afghan owned|Afghan led,”", "Afghan-owned|Afghan-led"},
  };
  for (const Case& c : cases) {
    INFO(c.a << "\n" << c.b);
    WordDiff diff = DiffWords(c.a, c.b);
    CHECK(Changed(diff.a) == c.changed_a);
    CHECK(Changed(diff.b) == c.changed_b);
  }
}

TEST_CASE("DiffWords keeps both texts whole, spaces collapsed", "[compare]") {
  const std::string a = "  China  and Russia\tshould firmly\nuphold the UN Charter. ";
  const std::string b = "China and Russia should uphold genuine multilateralism.";
  WordDiff diff = DiffWords(a, b);
  CHECK(Join(diff.a) == "China and Russia should firmly uphold the UN Charter.");
  CHECK(Join(diff.b) == b);
  // Runs alternate: two neighbours never have the same mark.
  for (const auto* side : {&diff.a, &diff.b})
    for (size_t i = 1; i < side->size(); ++i) CHECK((*side)[i].changed != (*side)[i - 1].changed);
}

TEST_CASE("DiffWords on texts too long for its table: bounded, common ends kept", "[compare]") {
  // Two 55k-word texts (330 KB each, as in #18): a table of 3e9 cells, 12 GB, before.
  const size_t n = 55000;
  std::string head, middle_a, middle_b, tail;
  for (size_t i = 0; i < 100; ++i) head += "head" + std::to_string(i) + " ";
  for (size_t i = 0; i < n; ++i) middle_a += "a" + std::to_string(i) + " ";
  for (size_t i = 0; i < n; ++i) middle_b += "b" + std::to_string(i % 977) + " ";
  for (size_t i = 0; i < 100; ++i) tail += " tail" + std::to_string(i);
  WordDiff diff = DiffWords(head + middle_a + tail, head + middle_b + tail);
  CHECK(diff.whole_middle_changed);
  REQUIRE(diff.a.size() == 3);
  REQUIRE(diff.b.size() == 3);
  CHECK(!diff.a[0].changed);
  CHECK(diff.a[0].text == head.substr(0, head.size() - 1));
  CHECK(diff.a[1].changed);
  CHECK(diff.b[1].changed);
  CHECK(!diff.a[2].changed);
  CHECK(diff.a[2].text == tail);

  // A long text changed in a few words: the common ends bring the middle within the table,
  // so the diff is word by word and not flagged.
  std::string long_a, long_b;
  for (size_t i = 0; i < n; ++i) long_a += "w" + std::to_string(i) + " ";
  long_b = long_a;
  long_a += "the old ending here";
  long_b += "a new ending here";
  WordDiff near = DiffWords(long_a, long_b);
  CHECK(!near.whole_middle_changed);
  CHECK(Changed(near.a) == "the old");
  CHECK(Changed(near.b) == "a new");
}

struct SeedPair {
  Corpus corpus;
  std::optional<Matcher> matcher;
  Comparison comparison;

  SeedPair() {
    Result<Corpus> loaded = LoadCorpus({std::string(REFRAIN_SOURCE_DIR) + "/corpus/seed"}, {});
    REQUIRE(loaded.ok());
    corpus = std::move(*loaded);
    Result<Matcher> built = Matcher::Build(corpus, MatchOptions{});
    REQUIRE(built.ok());
    matcher.emplace(std::move(*built));
    Result<uint32_t> a = FindDocument(corpus, "003_58374e1ec3d5b376");  // 2021-07-15 Tashkent
    Result<uint32_t> b = FindDocument(corpus, "000_0f0b367ac9a6d8a8");  // 2021-09-16 Dushanbe
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    Result<Comparison> compared = CompareDocuments(corpus, *matcher, *a, *b);
    REQUIRE(compared.ok());
    comparison = std::move(*compared);
  }
};

const SeedPair& TheSeedPair() {
  static const SeedPair pair;
  return pair;
}

TEST_CASE("compare: every statement once, one to one, best first", "[compare][seed]") {
  const SeedPair& s = TheSeedPair();
  const Comparison& c = s.comparison;
  std::multiset<uint32_t> seen_a, seen_b;
  for (const MatchedStatements& m : c.matched) {
    seen_a.insert(m.a);
    seen_b.insert(m.b);
    CHECK(s.corpus.statements[m.a].doc == c.doc_a);
    CHECK(s.corpus.statements[m.b].doc == c.doc_b);
    CHECK(m.score >= c.threshold - 1e-9);
    // The score is the best clause pair's, as the matcher explains it.
    CHECK(s.matcher->Explain(m.unit_a, m.unit_b).score == Approx(m.score));
    auto [ua0, ua1] = s.matcher->UnitsOf(m.a);
    auto [ub0, ub1] = s.matcher->UnitsOf(m.b);
    for (uint32_t ua = ua0; ua < ua1; ++ua)
      for (uint32_t ub = ub0; ub < ub1; ++ub)
        CHECK(s.matcher->Explain(ua, ub).score <= m.score + 1e-12);
  }
  for (uint32_t a : c.only_a) seen_a.insert(a);
  for (uint32_t b : c.only_b) seen_b.insert(b);
  // Ceremony is apart, and every statement is in exactly one list.
  for (const MatchedStatements& m : c.ceremony_matched) {
    seen_a.insert(m.a);
    seen_b.insert(m.b);
  }
  for (uint32_t a : c.ceremony_a) seen_a.insert(a);
  for (uint32_t b : c.ceremony_b) seen_b.insert(b);
  std::multiset<uint32_t> all_a, all_b;
  for (const Statement& st : s.corpus.statements) {
    if (st.doc == c.doc_a) all_a.insert(static_cast<uint32_t>(st.id));
    if (st.doc == c.doc_b) all_b.insert(static_cast<uint32_t>(st.id));
  }
  CHECK(seen_a == all_a);
  CHECK(seen_b == all_b);
  // Greedy best first: an unmatched pair never beats both of its statements' matches.
  for (size_t i = 1; i < c.matched.size(); ++i) CHECK(c.matched[i - 1].a < c.matched[i].a);

  // The Winter Olympics sentence of July is matched with September's, its words marked.
  const MatchedStatements* olympics = nullptr;
  for (const MatchedStatements& m : c.matched)
    if (s.corpus.statements[m.a].text.find("Winter Olympics") != std::string::npos) olympics = &m;
  REQUIRE(olympics != nullptr);
  CHECK(s.corpus.statements[olympics->b].text.find("Winter Olympics in Beijing") !=
        std::string::npos);
  CHECK(!olympics->shared.empty());
  CHECK(Changed(olympics->diff.b).find("in Beijing") != std::string::npos);
  // The Xinjiang sentence shares the frame "Russian side ... supports China" but not the point.
  for (const MatchedStatements& m : c.matched)
    if (s.corpus.statements[m.b].text.find("Xinjiang") != std::string::npos)
      CHECK(s.corpus.statements[m.a].text.find("Olympics") == std::string::npos);
}

TEST_CASE("compare: JSON has a, b, matched, only_a, only_b with full statements",
          "[compare][seed]") {
  const SeedPair& s = TheSeedPair();
  std::ostringstream out;
  REQUIRE(WriteComparison(out, s.corpus, s.comparison, ReportFormat::kJson).ok());
  nlohmann::json j = nlohmann::json::parse(out.str());
  CHECK(j["schema"] == 1);
  CHECK(j["a"]["doc"] == "003_58374e1ec3d5b376.txt");
  CHECK(j["b"]["doc"] == "000_0f0b367ac9a6d8a8.txt");
  REQUIRE(j["matched"].size() == s.comparison.matched.size());
  CHECK(j["only_a"].size() == s.comparison.only_a.size());
  CHECK(j["only_b"].size() == s.comparison.only_b.size());
  auto check_statement = [&](const nlohmann::json& st) {
    for (const char* key : {"id", "doc", "date", "start", "end", "text", "title", "place"})
      CHECK(st.contains(key));
  };
  for (const auto& m : j["matched"]) {
    check_statement(m["a"]);
    check_statement(m["b"]);
    CHECK(m["score"].get<double>() >= s.comparison.threshold - 1e-9);
  }
  for (const auto& st : j["only_a"]) check_statement(st);
  for (const auto& st : j["only_b"]) check_statement(st);
}

TEST_CASE("compare: text columns fit the width, every statement shown", "[compare][seed]") {
  const SeedPair& s = TheSeedPair();
  for (int width : {60, 100, 161}) {
    INFO("width " << width);
    std::ostringstream out;
    REQUIRE(WriteComparison(out, s.corpus, s.comparison, ReportFormat::kText, width).ok());
    std::istringstream lines(out.str());
    std::string line;
    std::string flat;  // the output's words, for finding each statement
    size_t separators = 0;
    while (std::getline(lines, line)) {
      CHECK(DisplayWidth(line) <= width);
      const int column = (width - 3) / 2;
      if (line.size() > static_cast<size_t>(column) &&
          line.compare(static_cast<size_t>(column), 3, " | ") == 0)
        ++separators;
    }
    CHECK(separators > 20);  // two columns, split at the same place on every line
    // The first and last word of every statement are in the output.
    for (const Statement& st : s.corpus.statements) {
      if (st.doc != s.comparison.doc_a && st.doc != s.comparison.doc_b) continue;
      std::string first = st.text.substr(0, st.text.find(' '));
      CHECK(out.str().find(first) != std::string::npos);
    }
  }
}

TEST_CASE("DisplayWidth counts wide characters twice, marks none", "[compare]") {
  CHECK(DisplayWidth("Lavrov") == 6);
  CHECK(DisplayWidth("просмотров") == 10);
  CHECK(DisplayWidth("王毅") == 4);
  CHECK(DisplayWidth("e\u0301") == 1);
}

// ---- the command ----

using testing::CommandRun;
using testing::RunCommand;

const std::string kSeed = std::string(REFRAIN_SOURCE_DIR) + "/corpus/seed";

TEST_CASE("refrain compare: COLUMNS sets the width; bad names are usage errors", "[compare][cli]") {
  CommandRun run = RunCommand("COLUMNS=72 " + std::string(REFRAIN_CLI) + " compare " + kSeed +
                              " 003_58374e1ec3d5b376 000_0f0b367ac9a6d8a8.txt");
  REQUIRE(run.exit_code == 0);
  CHECK(run.err.empty());
  std::istringstream lines(run.out);
  std::string line;
  size_t count = 0;
  while (std::getline(lines, line)) {
    CHECK(DisplayWidth(line) <= 72);
    ++count;
  }
  CHECK(count > 20);
  CHECK_THAT(run.out, Catch::Contains("== Only in A"));

  run = RunCommand(std::string(REFRAIN_CLI) + " compare " + kSeed +
                   " 003_58374e1ec3d5b376 nosuchdoc");
  CHECK(run.exit_code == 2);
  CHECK(run.out.empty());
  CHECK_THAT(run.err, Catch::Contains("nosuchdoc"));

  run = RunCommand(std::string(REFRAIN_CLI) + " compare " + kSeed +
                   " 003_58374e1ec3d5b376 000_0f0b367ac9a6d8a8 --format csv");
  CHECK(run.exit_code == 2);
  CHECK_THAT(run.err, Catch::Contains("unknown format"));

  // A huge $COLUMNS is clamped (it made 1.8 GB of padding); a huge --width is bad usage.
  run = RunCommand("COLUMNS=99999999999 " + std::string(REFRAIN_CLI) + " compare " + kSeed +
                   " 003_58374e1ec3d5b376 000_0f0b367ac9a6d8a8.txt");
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.size() < 1000000);
  run = RunCommand(std::string(REFRAIN_CLI) + " compare " + kSeed +
                   " 003_58374e1ec3d5b376 000_0f0b367ac9a6d8a8.txt --width 100000");
  CHECK(run.exit_code == 2);
  CHECK_THAT(run.err, Catch::Contains("--width"));

  run = RunCommand("{ " + std::string(REFRAIN_CLI) + " compare " + kSeed +
                   " 003_58374e1ec3d5b376 000_0f0b367ac9a6d8a8 | head -n 1; }");
  CHECK(run.exit_code == 0);
  CHECK(run.err.empty());
}

TEST_CASE("refrain talking-points: --help shows the defaults; json through the command",
          "[compare][cli]") {
  CommandRun help = RunCommand(std::string(REFRAIN_CLI) + " talking-points --help");
  CHECK(help.exit_code == 0);
  const std::string texts[] = {
      fmt::format("--threshold ] arg (={})", MatchOptions{}.threshold),
      fmt::format("--min-events arg (={})", TalkingPointsOptions{}.min_events),
      fmt::format("--stock-share arg (={})", TalkingPointsOptions{}.stock_min_share),
      "--format arg (=text)",
      "--aliases",
      "--exclude",
      "Examples:"};
  for (const std::string& text : texts) CHECK_THAT(help.out, Catch::Contains(text));
  CommandRun run =
      RunCommand(std::string(REFRAIN_CLI) + " talking-points " + kSeed + " --format json");
  REQUIRE(run.exit_code == 0);
  nlohmann::json j = nlohmann::json::parse(run.out);
  CHECK(j["schema"] == 1);
  CHECK(j["talking_points"].size() >= 2);
  for (const char* format : {"text", "csv", "md"}) {
    CommandRun other =
        RunCommand(std::string(REFRAIN_CLI) + " talking-points " + kSeed + " --format " + format);
    CHECK(other.exit_code == 0);
    CHECK_THAT(other.out, Catch::Contains("Winter Olympics"));
  }
  run =
      RunCommand("{ " + std::string(REFRAIN_CLI) + " talking-points " + kSeed + " | head -n 1; }");
  CHECK(run.exit_code == 0);
  CHECK(run.err.empty());
  run = RunCommand(std::string(REFRAIN_CLI) + " talking-points " + kSeed + " --min-events 0");
  CHECK(run.exit_code == 2);
}

}  // namespace
}  // namespace refrain
