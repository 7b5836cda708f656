// Talking points on identical statements (issue 18): the grouping holds copies that match
// only each other as one node (points/match_graph.h, Clique) instead of copies x copies
// edges. Its output must be what the full graph gives: the same points, variants, scores
// and order, with an index that scores identical rows once (collapse_identical, whose
// identical_rows() the grouping reads) and one that scores every row apart.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "refrain/corpus.h"
#include "refrain/matcher.h"
#include "refrain/similarity.h"
#include "refrain/talking_points.h"

// The graph itself, to see the copies held as one clique (tests include engine/src).
#include "points/match_graph.h"
#include "points/no_point.h"
#include "test_corpus.h"

namespace refrain {
namespace {

// Documents dated over five years, one a month; each path its own event.
Corpus MakeCorpus(const std::vector<std::pair<std::string, std::vector<std::string>>>& docs) {
  std::vector<testing::DocSpec> specs;
  int n = 0;
  for (const auto& [path, statements] : docs) {
    specs.push_back({path, "", fmt::format("{}-{:02}-01", 2019 + n % 5, 1 + n % 12), statements});
    ++n;
  }
  return testing::MakeCorpus(specs);
}

// Everything a point says, one line a variant, so two results compare as text (a mismatch
// shows where).
std::string Describe(const TalkingPoints& found) {
  std::string out = fmt::format("threshold {}\n", found.threshold);
  const std::pair<const char*, const std::vector<TalkingPoint>*> lists[] = {
      {"point", &found.points}, {"ceremony", &found.ceremony}, {"stock", &found.stock_phrases}};
  for (const auto& [name, list] : lists) {
    for (const TalkingPoint& p : *list) {
      out += fmt::format(
          "{}: core {} events {} documents {} {}..{} years {} claim {} {} {} {} {}\n", name, p.core,
          p.events, p.documents, p.first.ToString(), p.last.ToString(), p.years, p.claim_words,
          p.stock_reason, p.source, p.source_documents, p.source_carrying);
      for (const PointVariant& v : p.variants)
        out += fmt::format("  {} {:.17g}{} {}\n", v.index, v.score, v.core ? " core" : "",
                           v.unit.text);
    }
  }
  return out;
}

// The grouping over the matcher's units and vectors, rescored by Explain as the matcher's
// overload does, with an index that collapses identical rows or not.
Result<TalkingPoints> Group(const Corpus& corpus, const Matcher& matcher, bool collapse,
                            const TalkingPointsOptions& options) {
  SimilarityOptions similarity;
  similarity.min_threshold = matcher.options().threshold;
  similarity.collapse_identical = collapse;
  Result<std::unique_ptr<SimilarityIndex>> index =
      BuildSimilarityIndex(matcher.matrix(), similarity);
  REQUIRE(index.ok());
  // The test is about the collapsed path: the index must have grouped the copies.
  CHECK(((*index)->identical_rows() != nullptr) == collapse);
  return FindTalkingPoints(
      corpus, matcher.units(), **index, matcher.options().threshold, options,
      [&matcher](uint32_t a, uint32_t b) { return matcher.Explain(a, b).score; });
}

const std::string kPeace =
    "China is willing to work with all parties to uphold peace and stability in the region.";

TEST_CASE("identical statements alone: one point of every copy, as without collapsing",
          "[talking_points]") {
  // 10 sources, one document each, 30 copies each (scripts/identical-statements.sh, small).
  std::vector<std::pair<std::string, std::vector<std::string>>> docs;
  for (int s = 0; s < 10; ++s)
    docs.push_back(
        {fmt::format("source{}/statement.txt", s), std::vector<std::string>(30, kPeace)});
  const Corpus corpus = MakeCorpus(docs);
  Result<Matcher> matcher = Matcher::Build(corpus, MatchOptions{});
  REQUIRE(matcher.ok());
  REQUIRE(matcher->units().size() == 300);
  const TalkingPointsOptions options;
  Result<TalkingPoints> collapsed = Group(corpus, *matcher, true, options);
  Result<TalkingPoints> full = Group(corpus, *matcher, false, options);
  REQUIRE(collapsed.ok());
  REQUIRE(full.ok());
  const std::vector<TalkingPoint>& list =
      collapsed->points.empty() ? collapsed->stock_phrases : collapsed->points;
  REQUIRE(list.size() == 1);
  CHECK(list[0].variants.size() == 300);
  CHECK(list[0].events == 10);
  CHECK(Describe(*collapsed) == Describe(*full));
  // The collapsed graph holds the 300 copies as one clique and no edge (the full graph: 44,850
  // pairs, each as two edges).
  SimilarityOptions similarity;
  similarity.min_threshold = matcher->options().threshold;
  Result<std::unique_ptr<SimilarityIndex>> index =
      BuildSimilarityIndex(matcher->matrix(), similarity);
  REQUIRE(index.ok());
  const std::vector<char> no_point = internal::UnitsMakingNoPoint(
      corpus, matcher->units(), options.min_words, options.include_questions);
  Result<internal::Graph> graph = internal::BuildGraph(
      matcher->units(), **index, matcher->options().threshold, nullptr, no_point);
  REQUIRE(graph.ok());
  REQUIRE(graph->cliques.size() == 1);
  CHECK(graph->cliques[0].members.size() == 300);
  CHECK(graph->edges.empty());
  // And what the command runs.
  Result<TalkingPoints> command = FindTalkingPoints(corpus, *matcher, options);
  REQUIRE(command.ok());
  CHECK(Describe(*command) == Describe(*full));
}

TEST_CASE("identical statements among others: the same points as without collapsing",
          "[talking_points]") {
  // Copies that match only each other (a clique), copies that also match a variant of them
  // (their group has pairs: expanded), copies of a claimless courtesy, copies too short to
  // make a point, two copies in one document, and statements of their own.
  const std::string echoed =
      "The United States must stop interfering in the internal affairs of other countries.";
  const std::string variant =
      "The United States must stop interfering in the internal affairs of other countries at once.";
  const std::string courtesy = "Thank you very much for your question.";
  const std::string brief = "Next question.";
  std::vector<std::pair<std::string, std::vector<std::string>>> docs;
  const char* own[] = {
      "The two sides signed agreements on trade, energy and the digital economy.",
      "Grain exports through the corridor resumed after talks in the capital.",
      "The minister will attend the summit of the regional bloc next month.",
      "Floods in the south displaced thousands of families this week.",
      "The central bank kept its lending rate unchanged for the third time.",
      "Our position on the maritime boundary has not changed and will not change.",
  };
  for (int s = 0; s < 4; ++s) {
    for (int d = 0; d < 3; ++d) {
      std::vector<std::string> lines = {kPeace, echoed, courtesy, brief, own[(s + d) % 6]};
      if (d == 1) lines.push_back(kPeace);
      if (s == 2) lines.push_back(variant);
      docs.push_back({fmt::format("source{}/{}.txt", s, d), lines});
    }
  }
  const Corpus corpus = MakeCorpus(docs);
  Result<Matcher> matcher = Matcher::Build(corpus, MatchOptions{});
  REQUIRE(matcher.ok());
  for (bool keep_ceremony : {false, true}) {
    for (int stock_min_docs : {2, 100}) {
      CAPTURE(keep_ceremony, stock_min_docs);
      TalkingPointsOptions options;
      options.keep_ceremony = keep_ceremony;
      options.stock_min_docs = stock_min_docs;
      Result<TalkingPoints> collapsed = Group(corpus, *matcher, true, options);
      Result<TalkingPoints> full = Group(corpus, *matcher, false, options);
      REQUIRE(collapsed.ok());
      REQUIRE(full.ok());
      CHECK(collapsed->points.size() + collapsed->ceremony.size() +
                collapsed->stock_phrases.size() >=
            2);
      CHECK(Describe(*collapsed) == Describe(*full));
      Result<TalkingPoints> command = FindTalkingPoints(corpus, *matcher, options);
      REQUIRE(command.ok());
      CHECK(Describe(*command) == Describe(*full));
    }
  }
}

}  // namespace
}  // namespace refrain
