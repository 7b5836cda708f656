// Index::Match on a wh-briefings sample (../shared/corpora; exits 77, skipped, when absent):
// each document matched against an index of the two months (as the golden wh-talking-points) finds
// the points talking-points finds for it over two months, with and without the claims parser.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "refrain/claims.h"
#include "refrain/corpus.h"
#include "refrain/index.h"
#include "refrain/match_report.h"
#include "refrain/matcher.h"
#include "refrain/parser.h"
#include "refrain/talking_points.h"
#include "shared_corpora.h"

namespace refrain {
namespace {

namespace fs = std::filesystem;

using testing::Corpora;

using PhrasingKey = std::tuple<std::string, uint64_t, uint64_t>;
using PointsOfDoc = std::map<std::pair<uint64_t, uint64_t>, std::set<PhrasingKey>>;

TEST_CASE("wh-briefings: match finds what talking-points finds over two months",
          "[index][shared]") {
  const fs::path wh = Corpora("wh-briefings");
  CorpusOptions options;
  options.reader.glob = "briefings-statements/2025-0[12]/*";
  Result<Corpus> month = LoadCorpus({wh}, options);
  REQUIRE(month.ok());
  REQUIRE(month->documents.size() > 40);
  Result<Matcher> matcher = Matcher::Build(*month, {});
  REQUIRE(matcher.ok());
  // The same points options at Build as over the two months: the engine's default (no
  // claims reader) and talking-points' (the parser reads the cores, the variants verified:
  // ceremony told apart, variants making another claim rejected).
  Result<Parser> parser = Parser::Load();
  REQUIRE(parser.ok());
  const AliasTable aliases = AliasTable::Builtin();
  const ClaimReader reader(&*parser, nullptr, ClaimOptions{.aliases = &aliases});
  for (const bool claims : {false, true}) {
    INFO((claims ? "claims" : "no claims"));
    IndexOptions index_options;
    index_options.corpus = options;
    if (claims) index_options.points.claims = &reader;
    Result<TalkingPoints> points = FindTalkingPoints(*month, *matcher, index_options.points);
    REQUIRE(points.ok());
    if (claims) CHECK(points->ceremony.size() > 0);

    const fs::path file =
        fs::temp_directory_path() / fmt::format("refrain-wh-{}.refrain", getpid());
    Result<Index> index = Index::Build({wh}, file, index_options);
    REQUIRE(index.ok());
    CHECK(index->documents() == month->documents.size());

    // The documents that carry the most points, and one that carries none.
    std::map<uint32_t, PointsOfDoc> expected;
    for (const auto* list : {&points->points, &points->ceremony, &points->stock_phrases})
      for (const TalkingPoint& p : *list)
        for (const PointVariant& v : p.variants) {
          auto& others = expected[v.unit.doc][{v.unit.start, v.unit.end}];
          for (const PointVariant& w : p.variants)
            if (w.unit.doc != v.unit.doc)
              others.insert({month->documents[w.unit.doc].path, w.unit.start, w.unit.end});
        }
    std::vector<std::pair<size_t, uint32_t>> by_points;
    for (const auto& [doc, units] : expected) by_points.emplace_back(units.size(), doc);
    std::sort(by_points.rbegin(), by_points.rend());
    REQUIRE(by_points.size() >= 3);
    std::vector<uint32_t> docs = {by_points[0].second, by_points[1].second, by_points[2].second};
    for (uint32_t d = 0; d < month->documents.size(); ++d)
      if (!expected.count(d)) {
        docs.push_back(d);
        break;
      }

    for (uint32_t d : docs) {
      const Document& doc = month->documents[d];
      INFO(doc.path);
      Result<IndexMatch> match = index->Match(doc.file, {}, {});
      REQUIRE(match.ok());
      CHECK(match->document.path == doc.path);
      CHECK(match->indexed_documents == month->documents.size() - 1);
      PointsOfDoc found;
      for (const MatchedStatement& s : match->statements)
        for (const MatchedUnit& u : s.units)
          for (const RepeatedPoint& r : u.repeats) {
            auto& others = found[{u.start, u.end}];
            for (const PointPhrasing& p : r.phrasings) others.insert({p.doc, p.start, p.end});
          }
      CHECK(found == expected[d]);
    }
    fs::remove(file);
  }
}

TEST_CASE("wh-briefings: the candidate bound gives what scoring every candidate gives",
          "[index][shared]") {
  // An index of January 2025; February's first documents are new to it, so searched.
  const fs::path wh = Corpora("wh-briefings");
  IndexOptions index_options;
  index_options.corpus.reader.glob = "briefings-statements/2025-01/*";
  const fs::path file =
      fs::temp_directory_path() / fmt::format("refrain-wh-bound-{}.refrain", getpid());
  Result<Index> index = Index::Build({wh}, file, index_options);
  REQUIRE(index.ok());
  std::vector<fs::path> february;
  for (const auto& entry : fs::directory_iterator(wh / "briefings-statements" / "2025-02"))
    february.push_back(entry.path());
  std::sort(february.begin(), february.end());
  REQUIRE(february.size() >= 8);
  IndexMatchOptions all;
  all.bound_candidates = false;
  size_t repeated = 0;
  for (size_t f = 0; f < 8; ++f) {
    INFO(february[f].string());
    Result<IndexMatch> fast = index->Match(february[f], {}, {});
    Result<IndexMatch> slow = index->Match(february[f], {}, all);
    REQUIRE(fast.ok());
    REQUIRE(slow.ok());
    std::ostringstream bounded, scored;
    REQUIRE(WriteIndexMatch(bounded, *fast, ReportFormat::kJson).ok());
    REQUIRE(WriteIndexMatch(scored, *slow, ReportFormat::kJson).ok());
    CHECK(bounded.str() == scored.str());
    repeated += fast->repeated_units;
  }
  CHECK(repeated > 0);  // the comparison covers units that join stored points
  fs::remove(file);
}

}  // namespace
}  // namespace refrain
