// refrain near on clauses: the clause that holds a phrase is found inside a long sentence,
// ranks the statement, and is marked; nothing passing the threshold says what the best was.
// The sentences are wh-briefings releases (CC0, U.S. government works), quoted.
#include "refrain/near.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "refrain/corpus.h"
#include "run_command.h"
#include "shared_corpora.h"

namespace refrain {
namespace {

namespace fs = std::filesystem;
using testing::CommandRun;
using testing::RunRefrain;

const char kQuery[] = "Russia's unprovoked and unjustified attack on Ukraine";

// Statements of wh-briefings releases of February and March 2022, and others beside them.
const char* const kReleases[] = {
    // 2022-02-24, G7 leaders: the phrase in the first clause of a long sentence.
    "The President and G7 Leaders reaffirmed their resolve to respond swiftly to President "
    "Putin\xE2\x80\x99s unprovoked and unjustified attack on Ukraine and expressed their "
    "solidarity with the people of Ukraine.",
    // 2022-03-11, Sullivan and Truss: the phrase is nearly the whole sentence.
    "They discussed Russia\xE2\x80\x99s unprovoked and unjustified war in Ukraine.",
    // 2022-03-24: the phrase's words, none of its point.
    "President Biden will join an extraordinary NATO summit on March 24 to discuss ongoing "
    "deterrence and defense efforts.",
    "The President and the Prime Minister discussed trade and climate change.",
    "The leaders agreed to meet again in the autumn.",
};

fs::path WriteCorpus(const std::string& name, const std::vector<std::string>& paragraphs) {
  const fs::path dir = fs::temp_directory_path() / ("refrain_near_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream out(dir / "2022-03-01-releases.txt");
  for (const std::string& p : paragraphs) out << p << "\n\n";
  return dir;
}

Corpus Load(const fs::path& dir) {
  Result<Corpus> corpus = LoadCorpus({dir}, CorpusOptions{});
  REQUIRE(corpus.ok());
  return std::move(corpus).value();
}

TEST_CASE("near ranks a statement by the clause that holds the phrase", "[near]") {
  const fs::path dir = WriteCorpus("clauses", {std::begin(kReleases), std::end(kReleases)});
  const Corpus corpus = Load(dir);
  REQUIRE(corpus.statements.size() == 5);
  NearOptions options;
  options.threshold = 0.3;
  Result<NearResult> near = FindNear(corpus, kQuery, options);
  REQUIRE(near.ok());
  REQUIRE(near->hits.size() >= 2);
  // Both statements with the phrase come first, the others after them if at all.
  std::vector<uint32_t> first{near->hits[0].statement, near->hits[1].statement};
  std::sort(first.begin(), first.end());
  CHECK(first == std::vector<uint32_t>{0, 1});

  const auto hit = std::find_if(near->hits.begin(), near->hits.end(),
                                [](const NearHit& h) { return h.statement == 0; });
  REQUIRE(hit != near->hits.end());
  const Statement& s = corpus.statements[0];
  const std::string clause =
      s.text.substr(hit->clause_text_begin, hit->clause_text_end - hit->clause_text_begin);
  INFO(clause);
  // The clause is the first half, up to "and expressed": it holds the phrase, not the rest.
  CHECK(clause.find("unprovoked and unjustified attack on Ukraine") != std::string::npos);
  CHECK(clause.find("solidarity") == std::string::npos);
  CHECK(hit->score > hit->statement_score);  // the clause is nearer than the whole sentence
  // Its offsets are the clause's bytes in the file.
  const std::string& bytes = corpus.documents[s.doc].bytes;
  CHECK(bytes.substr(hit->clause_start, hit->clause_end - hit->clause_start) == clause);
  CHECK(hit->clause_start == s.start);
  CHECK(hit->clause_end < s.end);

  // Without clauses or spans the statement is scored whole, lower.
  options.clauses = false;
  options.spans = false;
  Result<NearResult> whole = FindNear(corpus, kQuery, options);
  REQUIRE(whole.ok());
  for (const NearHit& h : whole->hits) CHECK(h.score == Approx(h.statement_score));
  fs::remove_all(dir);
}

TEST_CASE("near writes the clause marked in text, its offsets and both scores in JSON", "[near]") {
  const fs::path dir = WriteCorpus("report", {std::begin(kReleases), std::end(kReleases)});
  CommandRun text = RunRefrain("near " + dir.string() + " \"" + kQuery + "\" -t 0.3");
  REQUIRE(text.exit_code == 0);
  // The span that scored best is marked (spans are looked for inside the clause).
  CHECK(text.out.find("swiftly to President [[Putin\xE2\x80\x99s unprovoked and unjustified "
                      "attack on Ukraine]] and expressed") != std::string::npos);
  CHECK(text.out.find("\n    They discussed [[Russia\xE2\x80\x99s unprovoked") !=
        std::string::npos);
  // Without spans, the clause; a clause that is the whole statement is not marked.
  CommandRun clauses = RunRefrain("near " + dir.string() + " \"" + kQuery + "\" -t 0.3 --no-spans");
  REQUIRE(clauses.exit_code == 0);
  CHECK(clauses.out.find("[[The President and G7 Leaders reaffirmed their resolve to respond "
                         "swiftly to President Putin\xE2\x80\x99s unprovoked and unjustified "
                         "attack on Ukraine]] and expressed") != std::string::npos);
  CHECK(clauses.out.find("\n    They discussed Russia") != std::string::npos);

  CommandRun json = RunRefrain("near " + dir.string() + " \"" + kQuery + "\" -t 0.3 --format json");
  REQUIRE(json.exit_code == 0);
  const nlohmann::json parsed = nlohmann::json::parse(json.out);
  bool found = false;
  for (const nlohmann::json& n : parsed["neighbors"]) {
    CHECK(n["clause_start"].get<uint64_t>() >= n["start"].get<uint64_t>());
    CHECK(n["clause_end"].get<uint64_t>() <= n["end"].get<uint64_t>());
    CHECK(n["score"].get<double>() >= n["statement_score"].get<double>() - 1e-9);
    if (n["id"] == 0) {
      found = true;
      CHECK(n["clause_end"].get<uint64_t>() < n["end"].get<uint64_t>());
    }
  }
  CHECK(found);
  fs::remove_all(dir);
}

// wh-briefings statements whose phrase sits in one long clause (no comma or "and" the matcher
// cuts at), with the sentences of kReleases beside them for the idf.
const char* const kLongClauses[] = {
    // 2022-03-16, drawdown for Ukraine: 32 words, one clause.
    "The assistance will take the form of direct transfers of equipment from the Department of "
    "Defense to the Ukrainian military to help them defend their country against "
    "Russia\xE2\x80\x99s unprovoked and unjustified invasion.",
    // 2022-01-20, Colombia: 49 words, the phrase in a list inside the clause.
    "The visit provides an opportunity for the Presidents to celebrate 200 years of positive "
    "diplomatic relations and consult on a range of regional and global issues of mutual "
    "interest, including Russia\xE2\x80\x99s unprovoked and unjustified military invasion of "
    "Ukraine, and the promotion of democracy, security, and prosperity in the hemisphere.",
};

TEST_CASE("near finds a phrase inside a long clause by its best span, and marks the span",
          "[near]") {
  std::vector<std::string> paragraphs(std::begin(kLongClauses), std::end(kLongClauses));
  paragraphs.insert(paragraphs.end(), std::begin(kReleases), std::end(kReleases));
  const fs::path dir = WriteCorpus("spans", paragraphs);
  const Corpus corpus = Load(dir);
  REQUIRE(corpus.statements.size() == 7);
  // 0.4: in seven sentences "Russia" is as rare as "unprovoked", so the query's weight is spread
  // (on the whole corpus, 0.5 finds them: the [shared] case below).
  NearOptions options;
  options.threshold = 0.4;
  Result<NearResult> near = FindNear(corpus, kQuery, options);
  REQUIRE(near.ok());
  for (uint32_t statement : {0u, 1u}) {
    const auto hit = std::find_if(near->hits.begin(), near->hits.end(),
                                  [&](const NearHit& h) { return h.statement == statement; });
    INFO("statement " << statement);
    REQUIRE(hit != near->hits.end());
    const Statement& s = corpus.statements[statement];
    const std::string span =
        s.text.substr(hit->span_text_begin, hit->span_text_end - hit->span_text_begin);
    INFO(span);
    // The span holds the phrase and is a short part of its clause, which scores less.
    CHECK(span.find("unprovoked and unjustified") != std::string::npos);
    CHECK(hit->span_text_begin >= hit->clause_text_begin);
    CHECK(hit->span_text_end <= hit->clause_text_end);
    CHECK(span.size() * 2 < hit->clause_text_end - hit->clause_text_begin);
    CHECK(hit->score > hit->clause_score);
    CHECK(hit->clause_score < options.threshold);
    // Its offsets are the span's bytes in the file.
    const std::string& bytes = corpus.documents[s.doc].bytes;
    CHECK(bytes.substr(hit->span_start, hit->span_end - hit->span_start) == span);
  }
  // Without spans the two are below the threshold: their clauses dilute the phrase.
  NearOptions clauses_only = options;
  clauses_only.spans = false;
  Result<NearResult> diluted = FindNear(corpus, kQuery, clauses_only);
  REQUIRE(diluted.ok());
  for (const NearHit& h : diluted->hits) {
    CHECK(h.statement != 0);
    CHECK(h.statement != 1);
    CHECK(h.score == Approx(h.clause_score));
  }
  // The sentences with the phrase's words and none of its point stay out.
  for (const NearHit& h : near->hits) CHECK(h.statement < 4);

  CommandRun text = RunRefrain("near " + dir.string() + " \"" + kQuery + "\" -t 0.4");
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("[[Russia\xE2\x80\x99s unprovoked and unjustified military invasion of "
                      "Ukraine]]") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("near with nothing at the threshold says what the best score was, exit 0", "[near]") {
  const fs::path dir = WriteCorpus("none", {std::begin(kReleases), std::end(kReleases)});
  const Corpus corpus = Load(dir);
  NearOptions options;
  options.threshold = 0.99;
  Result<NearResult> near = FindNear(corpus, kQuery, options);
  REQUIRE(near.ok());
  CHECK(near->hits.empty());
  CHECK(near->best_score > 0.3);
  CHECK(near->best_score < 0.99);

  CommandRun run = RunRefrain("near " + dir.string() + " \"" + kQuery + "\" -t 0.99");
  CHECK(run.exit_code == 0);
  CHECK(run.out.empty());
  CHECK(run.err.find("no statement scored >= 0.99; the best was 0.") != std::string::npos);
  fs::remove_all(dir);
}

// ungdc: the verbatim sentence scores 1 whichever apostrophe the query has (the source's is
// curly); wh-briefings: the statements holding "unprovoked and unjustified" are found.
TEST_CASE("near on the shared corpora: the Taiwan formula verbatim, the Ukraine phrase",
          "[near][shared]") {
  for (const char* query : {"Taiwan is an inalienable part of China's territory.",
                            "Taiwan is an inalienable part of China\xE2\x80\x99s territory."}) {
    CorpusOptions corpus_options;
    corpus_options.reader.glob = "CHN_*";
    Result<Corpus> ungdc = LoadCorpus({testing::Corpora("ungdc")}, corpus_options);
    REQUIRE(ungdc.ok());
    Result<NearResult> near = FindNear(*ungdc, query);
    REQUIRE(near.ok());
    REQUIRE_FALSE(near->hits.empty());
    CHECK(near->hits[0].score == Approx(1.0).epsilon(1e-6));
  }
  // The whole corpus (idf is the corpus's): 34 statements hold the phrase.
  Result<Corpus> wh = LoadCorpus({testing::Corpora("wh-briefings")}, CorpusOptions{});
  REQUIRE(wh.ok());
  const auto holds = [](const std::string& text) {
    return text.find("unprovoked and unjustified") != std::string::npos;
  };
  const size_t holding = std::count_if(wh->statements.begin(), wh->statements.end(),
                                       [&](const Statement& s) { return holds(s.text); });
  REQUIRE(holding >= 30);
  NearOptions options;
  options.top = 0;  // the default threshold, 0.5
  Result<NearResult> near = FindNear(*wh, kQuery, options);
  REQUIRE(near.ok());
  const size_t found = std::count_if(near->hits.begin(), near->hits.end(), [&](const NearHit& h) {
    return holds(wh->statements[h.statement].text);
  });
  // 34 of 34 when measured (23 by clauses alone, whose 35-50-word clauses dilute the phrase).
  INFO(found << " of " << holding);
  CHECK(found + 4 >= holding);
  // And few of the rest lack both words of the phrase's point ("unprovoked", "unjustified" in
  // any form): 4 of 136 when measured.
  const size_t pointless =
      std::count_if(near->hits.begin(), near->hits.end(), [&](const NearHit& h) {
        const std::string& text = wh->statements[h.statement].text;
        return text.find("nprovok") == std::string::npos &&
               text.find("njustif") == std::string::npos;
      });
  INFO(pointless << " of " << near->hits.size() << " without either word");
  CHECK(pointless * 20 <= near->hits.size());
}

}  // namespace
}  // namespace refrain
