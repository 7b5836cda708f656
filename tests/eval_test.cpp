// refrain eval as a user runs it: the labelled pairs of tests/data/eval, the
// held-back half scored at the default settings against issue 6's goal, and the
// errors a broken labels file gets. The seed rows run everywhere; the rows of
// ../shared/corpora run when that folder is there (eval_test_shared, skipped without it).

#include "refrain/eval.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "refrain/lexicon.h"
#include "run_command.h"

namespace {

namespace fs = std::filesystem;

using refrain::testing::CommandRun;

const fs::path kSource = REFRAIN_SOURCE_DIR;
// tests/data/eval/TUNING.md, final run on the held-back half at the default settings.
constexpr double kRecordedPrecision = 15.0 / 21;  // tp 15, fp 6
constexpr double kRecordedRecall = 15.0 / 27;     // tp 15, fn 12
const fs::path kTest = kSource / "tests" / "data" / "eval" / "labels-test.tsv";

CommandRun Eval(const std::string& args) {
  return refrain::testing::RunCommand(std::string(REFRAIN_CLI) + " eval --root '" +
                                      kSource.string() + "' " + args);
}

// The header and the rows of `labels` whose first document starts with `prefix`.
std::string RowsOf(const fs::path& labels, const std::string& prefix, int* count) {
  std::ifstream in(labels);
  std::string line, out;
  *count = 0;
  for (bool header = true; std::getline(in, line); header = false) {
    if (header || line.starts_with(prefix)) {
      out += line + "\n";
      *count += !header;
    }
  }
  return out;
}

fs::path Write(const std::string& name, const std::string& text) {
  const fs::path file = fs::temp_directory_path() / name;
  std::ofstream(file) << text;
  return file;
}

TEST_CASE("the seed rows of the held-back half are scored and counted", "[eval]") {
  int rows = 0;
  const fs::path file = Write("refrain_eval_seed.tsv", RowsOf(kTest, "corpus/seed/", &rows));
  REQUIRE(rows >= 10);
  CommandRun run = Eval("'" + file.string() + "' --format json");
  fs::remove(file);
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(run.out);
  CHECK(j["schema"] == 1);
  CHECK(j["tp"].get<int>() + j["fp"].get<int>() + j["fn"].get<int>() + j["tn"].get<int>() == rows);
  CHECK(j["skipped"] == 0);
  REQUIRE(j["pairs"].size() == static_cast<size_t>(rows));
  for (const auto& pair : j["pairs"]) {
    // Every explanation adds up to its score.
    double sum = 0;
    for (const auto& term : pair["shared"]) sum += term["contribution"].get<double>();
    CHECK(std::abs(sum - pair["score"].get<double>()) < 1e-9);
  }
  // No worse than TUNING.md records for these rows (tp 2, fp 1, fn 4 at the defaults).
  CHECK(j["tp"].get<int>() >= 2);
  CHECK(j["fp"].get<int>() <= 1);
}

TEST_CASE("eval text output, missing files and broken labels files", "[eval]") {
  int rows = 0;
  std::string labels = RowsOf(kTest, "corpus/seed/", &rows);
  labels += "corpus/seed/no_such_file.txt\t0\t10\tcorpus/seed/001_45977d61efef57f5.txt\t0\t10\t1\n";
  const fs::path file = Write("refrain_eval_missing.tsv", labels);

  CommandRun strict = Eval("'" + file.string() + "'");
  CHECK(strict.exit_code == 1);
  CHECK_THAT(strict.err,
             Catch::Contains("no_such_file.txt") &&
                 Catch::Contains("refrain_eval_missing.tsv:" + std::to_string(rows + 2)));
  CHECK(strict.out.empty());

  CommandRun skipping = Eval("'" + file.string() + "' --skip-missing");
  CHECK(skipping.exit_code == 0);
  CHECK_THAT(skipping.out, Catch::Contains("precision") && Catch::Contains("recall") &&
                               Catch::Contains("1 pairs skipped"));
  fs::remove(file);

  const fs::path bad = Write("refrain_eval_bad.tsv", "doc_a\tstart_a\n");
  CommandRun header = Eval("'" + bad.string() + "'");
  CHECK(header.exit_code == 1);
  CHECK_THAT(header.err, Catch::Contains("refrain_eval_bad.tsv:1"));
  fs::remove(bad);

  CHECK(Eval("'" + kTest.string() + "' --threshold 0").exit_code == 2);
  CHECK(Eval("'" + kTest.string() + "' --format csv").exit_code == 2);
  CHECK(Eval("/nonexistent/labels.tsv").exit_code == 1);
}

TEST_CASE("Evaluate, the engine's API, on the seed rows of the held-back half", "[eval]") {
  int rows = 0;
  std::istringstream in(RowsOf(kTest, "corpus/seed/", &rows));
  refrain::Result<refrain::Labels> labels = refrain::ParseLabels(in, "seed rows");
  REQUIRE(labels.ok());
  REQUIRE(labels->pairs.size() == static_cast<size_t>(rows));
  refrain::EvalOptions options;
  options.root = kSource;
  std::vector<fs::path> loaded;
  options.loading = [&loaded](const fs::path& corpus) { loaded.push_back(corpus); };
  refrain::Result<refrain::EvalResult> result = refrain::Evaluate(*labels, options);
  REQUIRE(result.ok());
  // One corpus, found from the documents' paths (its manifest), loaded once.
  REQUIRE(loaded.size() == 1);
  CHECK(loaded[0] == (kSource / "corpus" / "seed").lexically_normal());
  CHECK(refrain::EvalCorpusOf(kSource / "corpus/seed/003_58374e1ec3d5b376.txt") == loaded[0]);
  CHECK(result->warnings.empty());
  CHECK(result->threshold == refrain::MatchOptions().threshold);
  CHECK(result->tp + result->fp + result->fn + result->tn == rows);
  CHECK(result->skipped == 0);
  for (const refrain::EvalPair& pair : result->pairs) {
    INFO("labels line " << pair.pair.line);
    CHECK(!pair.text[0].empty());
    CHECK(!pair.text[1].empty());
    CHECK(pair.predicted == (pair.explanation.score >= result->threshold - 1e-9));
  }
  // No worse than TUNING.md records for these rows (tp 2, fp 1, fn 4 at the defaults).
  CHECK(result->tp >= 2);
  CHECK(result->fp <= 1);
  CHECK(result->precision() == Approx(double(result->tp) / (result->tp + result->fp)));
  CHECK(result->recall() == Approx(double(result->tp) / (result->tp + result->fn)));

  // The same labels through the command: the same counts.
  const fs::path file = Write("refrain_eval_api.tsv", RowsOf(kTest, "corpus/seed/", &rows));
  CommandRun run = Eval("'" + file.string() + "' --format json");
  fs::remove(file);
  REQUIRE(run.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(run.out);
  CHECK(j["tp"] == result->tp);
  CHECK(j["fp"] == result->fp);
  CHECK(j["fn"] == result->fn);

  // A higher threshold predicts no more pairs the same.
  options.match.threshold = 0.9;
  refrain::Result<refrain::EvalResult> strict = refrain::Evaluate(*labels, options);
  REQUIRE(strict.ok());
  CHECK(strict->tp + strict->fp <= result->tp + result->fp);
}

TEST_CASE("ParseLabels names the line of every broken row", "[eval]") {
  const std::string header = "doc_a\tstart_a\tend_a\tdoc_b\tstart_b\tend_b\tlabel\n";
  struct Case {
    std::string text;
    std::string says;
  };
  const Case cases[] = {
      {"doc_a\tstart_a\n", "labels.tsv:1: the header must be"},
      {header, "labels.tsv: no labelled pairs"},
      {header + "a.txt\t0\t10\tb.txt\t0\t10\n", "labels.tsv:2: 6 columns, want 7"},
      {header + "a.txt\t0\t10\tb.txt\t0\t10\t2\n", "labels.tsv:2: label must be 0 or 1"},
      {header + "\na.txt\t5\t5\tb.txt\t0\t10\t1\n", "labels.tsv:3: span [5, 5) is empty"},
      {header + "a.txt\tx\t10\tb.txt\t0\t10\t1\n", "labels.tsv:2: 'x' is not a byte offset"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    std::istringstream in(c.text);
    refrain::Result<refrain::Labels> labels = refrain::ParseLabels(in, "labels.tsv");
    REQUIRE(!labels.ok());
    CHECK_THAT(labels.status().message(), Catch::Contains(c.says));
  }
  std::istringstream good(header + "a.txt\t0\t10\tb.txt\t3\t9\t1\r\n");
  refrain::Result<refrain::Labels> labels = refrain::ParseLabels(good, "labels.tsv");
  REQUIRE(labels.ok());
  REQUIRE(labels->pairs.size() == 1);
  const refrain::LabelledPair& pair = labels->pairs[0];
  CHECK(pair.line == 2);
  CHECK(pair.doc[1] == "b.txt");
  CHECK(pair.start[1] == 3);
  CHECK(pair.end[1] == 9);
  CHECK(pair.same);
}

TEST_CASE("ParseTextPairs reads MRPC's layout and the plain one, and names broken rows", "[eval]") {
  const std::string mrpc = "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n";
  const std::string plain = "label\tsentence1\tsentence2\n";
  struct Case {
    std::string text;
    std::string says;
  };
  const Case cases[] = {
      {"Quality\t#1 ID\n", "pairs.tsv:1: MRPC's header is"},
      {"score\tsentence1\n", "pairs.tsv:1: a header of 2 columns"},
      {plain, "pairs.tsv: no sentence pairs"},
      {plain + "1\tOnly one sentence.\n", "pairs.tsv:2: 2 columns, want 3"},
      {plain + "\n3.8\tA man plays.\tA man is playing.\n", "pairs.tsv:3: label must be 0 or 1"},
      {mrpc + "1\t1\t2\tA man plays.\n", "pairs.tsv:2: 4 columns, want 5"},
      {"1\tA man plays.\t \n", "pairs.tsv:1: sentence 2 is empty"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    std::istringstream in(c.text);
    refrain::Result<refrain::TextPairs> pairs = refrain::ParseTextPairs(in, "pairs.tsv");
    REQUIRE(!pairs.ok());
    CHECK_THAT(pairs.status().message(), Catch::Contains(c.says));
  }
  // MRPC's own rows (its first training pair); a headerless plain file with CRLF.
  std::istringstream in_mrpc(mrpc +
                             "1\t702876\t702977\tAmrozi accused his brother, whom he called \"the "
                             "witness\", of deliberately distorting his evidence.\tReferring to "
                             "him as only \"the witness\", Amrozi accused his brother of "
                             "deliberately distorting his evidence.\n");
  refrain::Result<refrain::TextPairs> pairs = refrain::ParseTextPairs(in_mrpc, "mrpc.tsv");
  REQUIRE(pairs.ok());
  REQUIRE(pairs->pairs.size() == 1);
  CHECK(pairs->pairs[0].line == 2);
  CHECK(pairs->pairs[0].same);
  CHECK(pairs->pairs[0].text[0].starts_with("Amrozi accused"));
  std::istringstream in_plain("0\tA  man plays.\tA woman sings.\r\n");
  pairs = refrain::ParseTextPairs(in_plain, "plain.tsv");
  REQUIRE(pairs.ok());
  CHECK(pairs->pairs[0].line == 1);
  CHECK(!pairs->pairs[0].same);
  CHECK(pairs->pairs[0].text[0] == "A man plays.");  // white space collapsed
}

TEST_CASE("EvaluateTextPairs counts each pair against its label", "[eval]") {
  // Two paraphrases of MRPC's kind and two pairs that share a frame but not the claim.
  std::istringstream in(
      "label\tsentence1\tsentence2\n"
      "1\tRussia supports China in hosting the Beijing Winter Olympics.\tRussia supports China "
      "in hosting the Winter Olympics in Beijing.\n"
      "1\tThe two sides will strengthen strategic coordination.\tBoth sides will strengthen "
      "their strategic coordination.\n"
      "0\tThe ministers exchanged gifts in Moscow.\tThe ministers held talks on trade.\n"
      "0\tPrices rose sharply in July.\tThe committee rejected the budget proposal.\n");
  refrain::Result<refrain::TextPairs> pairs = refrain::ParseTextPairs(in, "pairs.tsv");
  REQUIRE(pairs.ok());
  refrain::TextPairsOptions options;
  refrain::Result<refrain::TextPairsResult> result = refrain::EvaluateTextPairs(*pairs, options);
  REQUIRE(result.ok());
  REQUIRE(result->pairs.size() == 4);
  CHECK(result->total() == 4);
  CHECK(result->pairs[0].score > 0.8);
  CHECK(result->pairs[3].score == 0);
  CHECK(result->tp + result->fn == 2);
  CHECK(result->tp == 2);
  CHECK(result->tn >= 1);
  CHECK(result->accuracy() == Approx((result->tp + result->tn) / 4.0));
  // The CLI: text and JSON agree with the engine.
  const fs::path file = fs::temp_directory_path() / "refrain_eval_text_pairs.tsv";
  {
    std::ofstream out(file);
    std::istringstream again(in.str());
    out << again.rdbuf();
  }
  CommandRun run = Eval("--text-pairs '" + file.string() + "' --scorer tfidf --format json");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(run.out);
  CHECK(j["tp"] == result->tp);
  CHECK(j["tn"] == result->tn);
  CHECK(j["scorer"] == "tfidf");
  CHECK(j["pairs"].size() == 4);
  CHECK(Eval("--text-pairs '" + file.string() + "' --scorer nope").exit_code == 2);
  // Sentence pairs are the claims aligner's by default; labelled spans stay TF-IDF's.
  CommandRun by_default = Eval("--text-pairs '" + file.string() + "' --format json");
  INFO(by_default.err);
  REQUIRE(by_default.exit_code == 0);
  CHECK(nlohmann::json::parse(by_default.out)["scorer"] == "claims");
  // The claims aligner on the same pairs: the paraphrases align, gifts and talks do not.
  options.scorer = refrain::PairScorer::kClaims;
  refrain::Result<refrain::TextPairsResult> aligned = refrain::EvaluateTextPairs(*pairs, options);
  REQUIRE(aligned.ok());
  CHECK(aligned->threshold == options.align.threshold);
  CHECK(aligned->pairs[0].predicted);
  CHECK(aligned->pairs[1].predicted);
  CHECK(!aligned->pairs[2].predicted);
  CHECK(!aligned->pairs[3].predicted);
  CHECK(aligned->pairs[0].alignment.predicate_a == "supports");
  CommandRun claims =
      Eval("--text-pairs '" + file.string() +
           "' --scorer claims -t 0.999 -v");  // above both paraphrases (0.994, 0.993)
  INFO(claims.err);
  REQUIRE(claims.exit_code == 0);
  CHECK_THAT(claims.out, Catch::Contains("scorer claims, threshold 0.999"));
  CHECK_THAT(claims.out, Catch::Contains("false negative line 3"));
  CHECK(Eval("").exit_code == 2);
  CommandRun missing = Eval("--text-pairs /nonexistent/pairs.tsv");
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.err, Catch::Contains("/nonexistent/pairs.tsv"));
  fs::remove(file);
}

// --scorer claims opens the real Lexicon (WordNet + GloVe, scripts/install-deps; CI installs it,
// so its absence fails here). Issue 15's missed pair: "origin tracing" and "the search for the
// source" align only through the lexicon (origin ~ source share a WordNet synset).
TEST_CASE("eval --scorer claims aligns words through the real lexicon", "[eval]") {
  const fs::path file = Write("refrain_eval_lexicon.tsv",
                              "1\tChina opposes the politicization of origin tracing of COVID-19.\t"
                              "China opposes the politicization of the search for the source of "
                              "COVID-19.\n");
  auto score = [&](const std::string& flags) {
    CommandRun run =
        Eval("--text-pairs '" + file.string() + "' --scorer claims --format json " + flags);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    return nlohmann::json::parse(run.out)["pairs"][0]["score"].get<double>();
  };
  const double with = score(""), without = score("--no-lexicon");
  CAPTURE(with, without);
  CHECK(with > without + 0.05);  // 0.85 against 0.75 when written
  // The engine, as the CLI runs it: the word pair the lexicon adds, and by which relation.
  refrain::Result<refrain::Lexicon> lexicon = refrain::Lexicon::Open({});
  REQUIRE(lexicon.ok());
  refrain::Result<refrain::TextPairs> pairs = refrain::ReadTextPairs(file);
  REQUIRE(pairs.ok());
  refrain::TextPairsOptions options;
  options.scorer = refrain::PairScorer::kClaims;
  options.relations = &*lexicon;
  refrain::Result<refrain::TextPairsResult> result = refrain::EvaluateTextPairs(*pairs, options);
  REQUIRE(result.ok());
  CHECK(result->pairs[0].score == Approx(with));
  bool origin_source = false;
  for (const refrain::WordAlignment& word : result->pairs[0].alignment.words)
    origin_source |= word.a == "origin" && word.b == "source" &&
                     word.relation == refrain::WordRelation::kSynonym;
  CHECK(origin_source);
  // A missing resource is bad input (exit 1) naming the file and the command that installs it;
  // TF-IDF and --no-lexicon do not need it.
  const std::string absent = "REFRAIN_DATA_DIR=/nonexistent/lexicon ";
  const std::string run =
      absent + REFRAIN_CLI + " eval --text-pairs '" + file.string() + "' --scorer ";
  CommandRun missing = refrain::testing::RunCommand(run + "claims");
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.err, Catch::Contains("/nonexistent/lexicon/glove-6b-100d.rvec"));
  CHECK_THAT(missing.err, Catch::Contains("scripts/install-deps"));
  CHECK(refrain::testing::RunCommand(run + "claims --no-lexicon").exit_code == 0);
  CHECK(refrain::testing::RunCommand(run + "tfidf").exit_code == 0);
  fs::remove(file);
}

// Tagged [shared]: its own CTest entry, skipped when ../shared/corpora is absent.
TEST_CASE("issue 6's goal on the held-back half at the default settings", "[eval][shared]") {
  CommandRun run = Eval("'" + kTest.string() + "' --format json");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(run.out);
  CHECK(j["skipped"] == 0);
  const double precision = j["precision"], recall = j["recall"];
  INFO("precision " << precision << ", recall " << recall);
  // The goal (reported, not failing: not reached yet; see tests/data/eval/TUNING.md)...
  CHECK_NOFAIL(precision >= 0.9);
  CHECK_NOFAIL(recall >= 0.8);
  // ...and no worse than the numbers TUNING.md records for the default settings.
  CHECK(precision >= kRecordedPrecision - 1e-9);
  CHECK(recall >= kRecordedRecall - 1e-9);
}

}  // namespace
