// The parse stage: UD word splitting, the shipped model's trees on real sentences, model loading
// errors, thread safety, and (last, [shared]) UPOS and UAS on UD English EWT dev, which exits 77
// (skipped) when ../shared/corpora is absent.
#include "refrain/parser.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "parse/features.h"
#include "parse/model.h"
#include "refrain/parser_training.h"

namespace refrain {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  for (const UdWord& w : SplitUdWords(text)) out.emplace_back(w.text);
  return out;
}

TEST_CASE("raw text is cut as UD English EWT cuts it", "[parser]") {
  struct Case {
    const char* text;
    std::vector<std::string> words;
  };
  const Case cases[] = {
      {"We don't accept it.", {"We", "do", "n't", "accept", "it", "."}},
      {"China's position is clear.", {"China", "'s", "position", "is", "clear", "."}},
      {"They can't and won't.", {"They", "ca", "n't", "and", "wo", "n't", "."}},
      {"I cannot say; we'll see!", {"I", "can", "not", "say", ";", "we", "'ll", "see", "!"}},
      {"Mr. Wang met the U.S. envoy.", {"Mr.", "Wang", "met", "the", "U.S.", "envoy", "."}},
      {"\"Yes,\" he said (twice).", {"\"", "Yes", ",", "\"", "he", "said", "(", "twice", ")", "."}},
      {"the countries' leaders", {"the", "countries", "'", "leaders"}},
      {"peace\u2014and development", {"peace", "\u2014", "and", "development"}},
      {"It is \u201cwin-win\u201d cooperation.",
       {"It", "is", "\u201c", "win-win", "\u201d", "cooperation", "."}},
      {"", {}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(Words(c.text) == c.words);
  }
}

TEST_CASE("every word keeps its byte offsets", "[parser]") {
  const std::string text = "  Russia's  support (firm).";
  for (const UdWord& w : SplitUdWords(text)) CHECK(text.substr(w.start, w.end - w.start) == w.text);
  CHECK(SplitUdWords(text).front().start == 2);
}

const Parser& Shipped() {
  static Result<Parser> parser = Parser::Load();
  if (!parser.ok()) FAIL(parser.status().message());
  return *parser;
}

struct Parsed {
  std::vector<std::string> words;
  DependencyParse parse;
  // The word at 1-based index i, or "ROOT" for 0.
  std::string Word(int32_t i) const { return i == 0 ? "ROOT" : words[i - 1]; }
  int32_t Find(std::string_view word) const {
    for (size_t i = 0; i < words.size(); ++i)
      if (words[i] == word) return static_cast<int32_t>(i);
    FAIL("no word " << word);
    return -1;
  }
  // "label head" of `word`, e.g. "nsubj supports".
  std::string Arc(std::string_view word) const {
    int32_t i = Find(word);
    return std::string(parse.labels[i]) + " " + Word(parse.heads[i]);
  }
};

Parsed ParseText(std::string_view text) {
  Parsed p;
  p.words = Words(text);
  p.parse = Shipped().Parse(std::span<const std::string>(p.words));
  return p;
}

TEST_CASE("the shipped model finds who does what to whom", "[parser]") {
  struct Case {
    const char* text;
    std::vector<std::pair<const char*, const char*>> arcs;  // word, "label head"
  };
  const Case cases[] = {
      {"Russia supports China in hosting the Winter Olympics.",
       {{"supports", "root ROOT"}, {"Russia", "nsubj supports"}, {"Olympics", "obj hosting"}}},
      {"China does not accept the accusation.",
       {{"accept", "root ROOT"},
        {"not", "advmod accept"},
        {"China", "nsubj accept"},
        {"accusation", "obj accept"}}},
      {"The agreement was signed by both sides.",
       {{"signed", "root ROOT"},
        {"agreement", "nsubj:pass signed"},
        {"was", "aux:pass signed"},
        {"sides", "obl:agent signed"}}},
      {"We will never accept interference in our internal affairs.",
       {{"accept", "root ROOT"},
        {"will", "aux accept"},
        {"We", "nsubj accept"},
        {"interference", "obj accept"}}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Parsed p = ParseText(c.text);
    for (const auto& [word, arc] : c.arcs) {
      CAPTURE(word);
      CHECK(p.Arc(word) == arc);
    }
  }
}

// Known misses of the shipped model (test UAS 84.9%), kept visible, not failing the build: it
// reads "held" and "agreed" as reduced relative clauses of the noun before them ("the ministers
// held in Moscow"); a prepositional phrase goes under the verb, not the noun (bench/RESULTS.md,
// "Parser"). "supports China in hosting" (China the subject of "hosting" in 0508902's model) is
// right again since the lifted non-projective trees and comma features; kept here, as a miss
// that came and went.
TEST_CASE("known misses: 'the two ministers held talks', 'supports China in hosting'",
          "[parser][!mayfail]") {
  Parsed p = ParseText("The two ministers held talks in Moscow on Tuesday.");
  CHECK(p.Arc("held") == "root ROOT");
  CHECK(p.Arc("ministers") == "nsubj held");
  CHECK(p.Arc("talks") == "obj held");
  // The two sides agreed to strengthen strategic coordination .
  CHECK(ParseText("The two sides agreed to strengthen strategic coordination.").parse.heads ==
        std::vector<int32_t>{3, 3, 4, 0, 6, 4, 8, 6, 4});
  CHECK(ParseText("Russia supports China in hosting the Winter Olympics.").Arc("China") ==
        "obj supports");
  // "in our internal affairs" goes under "interference", not "accept".
  CHECK(ParseText("We will never accept interference in our internal affairs.").Arc("affairs") ==
        "nmod interference");
}

TEST_CASE("a parse is a tree: one root, every head in range", "[parser]") {
  const char* texts[] = {
      "Humanity will win this battle!",
      "Q So you don't expect to bring up human rights?",
      "President Biden, Vice President Harris",
      "Mr Putin, thank you.",
      ". , ; ( )",
      "word",
  };
  for (const char* text : texts) {
    CAPTURE(text);
    Parsed p = ParseText(text);
    REQUIRE(p.parse.heads.size() == p.words.size());
    REQUIRE(p.parse.upos.size() == p.words.size());
    REQUIRE(p.parse.labels.size() == p.words.size());
    int roots = 0;
    for (size_t i = 0; i < p.words.size(); ++i) {
      CHECK(p.parse.heads[i] >= 0);
      CHECK(p.parse.heads[i] <= static_cast<int32_t>(p.words.size()));
      CHECK(p.parse.heads[i] != static_cast<int32_t>(i + 1));
      roots += p.parse.heads[i] == 0;
      CHECK((p.parse.heads[i] == 0) == (p.parse.labels[i] == "root"));
    }
    CHECK(roots == 1);
  }
  CHECK(Shipped().Parse(std::span<const std::string>()).heads.empty());
}

const Parser& ShippedWithBeam() {
  static Result<Parser> parser = Parser::Load(ParserOptions{.model_path = "", .beam = 8});
  if (!parser.ok()) FAIL(parser.status().message());
  return *parser;
}

TEST_CASE("a beam-search parse is a tree too", "[parser]") {
  for (const char* text : {"Humanity will win this battle!", "Mr Putin, thank you.", ". , ; ( )",
                           "word", "The two sides agreed to deepen cooperation in trade."}) {
    CAPTURE(text);
    std::vector<std::string> words = Words(text);
    DependencyParse parse = ShippedWithBeam().Parse(std::span<const std::string>(words));
    REQUIRE(parse.heads.size() == words.size());
    int roots = 0;
    for (size_t i = 0; i < words.size(); ++i) {
      CHECK(parse.heads[i] >= 0);
      CHECK(parse.heads[i] <= static_cast<int32_t>(words.size()));
      CHECK(parse.heads[i] != static_cast<int32_t>(i + 1));
      roots += parse.heads[i] == 0;
    }
    CHECK(roots == 1);
  }
  CHECK(!Parser::Load(ParserOptions{.model_path = "", .beam = 0}).ok());
}

TEST_CASE("two threads parsing at once get what one gets", "[parser]") {
  const std::vector<std::string> texts = {
      "Russia supports China in hosting the Winter Olympics.",
      "The two sides agreed to strengthen strategic coordination.",
      "China firmly opposes external interference in its internal affairs."};
  std::vector<DependencyParse> alone;
  for (const std::string& t : texts) alone.push_back(ParseText(t).parse);
  std::vector<int> mismatches(2, 0);
  auto work = [&](int id) {
    for (int round = 0; round < 200; ++round)
      for (size_t i = 0; i < texts.size(); ++i) {
        DependencyParse p = ParseText(texts[i]).parse;
        mismatches[id] += p.heads != alone[i].heads || p.labels != alone[i].labels;
      }
  };
  std::thread a(work, 0), b(work, 1);
  a.join();
  b.join();
  CHECK(mismatches[0] == 0);
  CHECK(mismatches[1] == 0);
}

// Whole trees (every word's head) of sentences whose structure the claims stage depends on:
// the subject and object under the verb, a clause under its governor, a prepositional phrase
// under the noun or verb it modifies.
TEST_CASE("the shipped model gets every head of these sentences", "[parser]") {
  struct Case {
    const char* text;
    std::vector<int32_t> heads;
  };
  const Case cases[] = {
      // The agreement was signed by both sides .
      {"The agreement was signed by both sides.", {2, 4, 4, 0, 7, 7, 4, 4}},
      // China firmly opposes external interference in its internal affairs .
      {"China firmly opposes external interference in its internal affairs.",
       {3, 3, 0, 5, 3, 9, 9, 9, 5, 3}},
      // Both sides agreed to strengthen strategic coordination .
      {"Both sides agreed to strengthen strategic coordination.", {2, 3, 0, 5, 3, 7, 5, 3}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(ParseText(c.text).parse.heads == c.heads);
  }
}

// The parser's features see the relations of words already attached (Zhang and Nivre 2011):
// two configurations that differ only in the relation of s0's left child give different
// features, and each arc gets its relation from the labeller as the arc is made.
TEST_CASE("arcs are labelled as they are made, and the parser sees the labels", "[parser]") {
  std::vector<std::string_view> words = {"Russia", "supports", "China", "."};
  std::vector<parse::WordKeys> keys = parse::KeysOf(words, parse::WordClusters{});
  std::vector<uint8_t> tags = {1, 2, 1, 3};  // any tags: only the relations differ below
  auto features_with = [&](int relation) {
    parse::Configuration c(4);
    parse::Apply(&c, parse::kShift);    // stack: ROOT Russia
    parse::Apply(&c, parse::kLeftArc);  // Russia <- supports
    c.SetLabel(1, relation);
    parse::Apply(&c, parse::kShift);  // stack: ROOT supports
    std::vector<uint64_t> features;
    parse::ParserFeatures(c, keys, tags, &features);
    return features;
  };
  CHECK(features_with(3) != features_with(4));
  CHECK(features_with(3) == features_with(3));

  Parser::Model model;
  REQUIRE(parse::ReadModel(DefaultParserModelPath(), &model).ok());
  std::vector<uint8_t> fine = model.TagIds(keys, model.xpos_tagger);
  parse::Configuration c(4);
  std::vector<uint64_t> features;
  std::vector<int32_t> scores;
  // The gold moves: Russia <- supports, ROOT -> supports, supports -> China, reduce, -> "."
  for (int move : {parse::kShift, parse::kLeftArc, parse::kRightArc, parse::kRightArc,
                   parse::kReduce, parse::kRightArc})
    parse::ApplyLabelled(model.labeller, keys, fine, move, &c, &features, &scores);
  REQUIRE(c.head == std::vector<int>{-1, 2, 0, 2, 2});
  auto relation = [&](int w) {
    return c.label[w] == parse::kRootLabel ? std::string("root") : model.labels[c.label[w]];
  };
  CHECK(relation(1) == "nsubj");
  CHECK(relation(2) == "root");
  CHECK(relation(3) == "obj");
  CHECK(relation(4) == "punct");
  // supports' children's relations, as the label-set features see them.
  auto bit = [&](const char* name) {
    int id = static_cast<int>(std::find(model.labels.begin(), model.labels.end(), name) -
                              model.labels.begin());
    return uint64_t{1} << (id & 63);
  };
  CHECK(c.left_labels[2] == bit("nsubj"));
  CHECK(c.right_labels[2] == (bit("obj") | bit("punct")));
}

TEST_CASE("the default model is looked up in the source tree, then where it is installed",
          "[parser]") {
  std::vector<std::string> paths = ParserModelSearchPaths();
  REQUIRE(paths.size() >= 2);
  CHECK_THAT(paths[0], Catch::EndsWith("models/en_ewt.parser"));
  CHECK_THAT(paths[1], Catch::EndsWith("share/refrain/en_ewt.parser"));
  CHECK(DefaultParserModelPath() == paths[0]);  // this build's source tree has it
  CHECK(fs::is_regular_file(DefaultParserModelPath()));
}

TEST_CASE("a missing or corrupt model is an error naming the file and the command", "[parser]") {
  ParserOptions options;
  options.model_path = "/nonexistent/en_ewt.parser";
  Result<Parser> missing = Parser::Load(options);
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(missing.status().message(), Catch::Contains("/nonexistent/en_ewt.parser") &&
                                             Catch::Contains("refrain train-parser"));
  const fs::path corrupt = fs::temp_directory_path() / "refrain_parser_test_corrupt.parser";
  {
    std::ifstream in(DefaultParserModelPath(), std::ios::binary);
    std::string head(4000, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    std::ofstream(corrupt, std::ios::binary) << head;  // a truncated copy
  }
  options.model_path = corrupt.string();
  Result<Parser> truncated = Parser::Load(options);
  REQUIRE_FALSE(truncated.ok());
  CHECK_THAT(truncated.status().message(),
             Catch::Contains(corrupt.string()) && Catch::Contains("corrupt"));
  fs::remove(corrupt);
}

TEST_CASE("a malformed CoNLL-U line is an error naming file and line", "[parser]") {
  const fs::path file = fs::temp_directory_path() / "refrain_parser_test.conllu";
  std::ofstream(file) << "# text = Hi there\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n"
                         "2\tthere\tthere\tADV\tRB\t_\tx\tadvmod\t_\t_\n\n";
  Result<std::vector<TreebankSentence>> read = ReadConllu(file.string());
  REQUIRE_FALSE(read.ok());
  CHECK_THAT(read.status().message(), Catch::Contains(file.string() + ":3"));
  std::ofstream(file)
      << "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_\n"
         "2\tn't\tnot\tPART\tRB\t_\t1\tadvmod\t_\t_\n\n";
  read = ReadConllu(file.string());
  REQUIRE(read.ok());
  REQUIRE(read->size() == 1);
  CHECK(read->front().words == std::vector<std::string>{"do", "n't"});
  CHECK(read->front().heads == std::vector<int32_t>{0, 1});
  fs::remove(file);
}

TEST_CASE("a non-projective training tree is lifted for the oracle and not skipped", "[parser]") {
  const fs::path file = fs::temp_directory_path() / "refrain_parser_lift_test.conllu";
  const fs::path model = fs::temp_directory_path() / "refrain_parser_lift_test.parser";
  // "on the issue" belongs to "hearing" across "is scheduled": the arc-eager oracle cannot make
  // that arc, but it can follow the tree with "issue" lifted to "scheduled".
  std::ofstream(file) << "1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n"
                         "2\thearing\thearing\tNOUN\tNN\t_\t4\tnsubj:pass\t_\t_\n"
                         "3\tis\tbe\tAUX\tVBZ\t_\t4\taux:pass\t_\t_\n"
                         "4\tscheduled\tschedule\tVERB\tVBN\t_\t0\troot\t_\t_\n"
                         "5\ton\ton\tADP\tIN\t_\t7\tcase\t_\t_\n"
                         "6\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\t_\n"
                         "7\tissue\tissue\tNOUN\tNN\t_\t2\tnmod\t_\t_\n"
                         "8\ttoday\ttoday\tNOUN\tNN\t_\t4\tobl:tmod\t_\t_\n"
                         "9\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n"
                         "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
                         "2\tissue\tissue\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
                         "3\tmatters\tmatter\tVERB\tVBZ\t_\t0\troot\t_\t_\n"
                         "4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
  Result<std::vector<TreebankSentence>> treebank = ReadConllu(file.string());
  REQUIRE(treebank.ok());
  ParserTrainingOptions options;
  options.tagger_epochs = options.parser_epochs = options.labeller_epochs = 1;
  options.jackknife_folds = 0;
  for (bool lift : {true, false}) {
    CAPTURE(lift);
    options.lift_nonprojective = lift;
    Result<ParserTrainingReport> report =
        TrainParser(*treebank, *treebank, options, model.string());
    REQUIRE(report.ok());
    CHECK(report->nonprojective == 1);
    CHECK(report->skipped_nonprojective == (lift ? 0 : 1));
  }
  fs::remove(file);
  fs::remove(model);
}

// Last: exits 77 (skipped) when ../shared/corpora is absent.
TEST_CASE("UPOS and UAS on UD English EWT dev stay above their floor", "[parser][shared]") {
  const fs::path dev = fs::path(REFRAIN_SOURCE_DIR) / ".." / "shared" / "corpora" /
                       "ud-english-ewt" / "en_ewt-ud-dev.conllu";
  if (!fs::exists(dev)) std::exit(77);
  Result<std::vector<TreebankSentence>> gold = ReadConllu(dev.string());
  REQUIRE(gold.ok());
  REQUIRE(gold->size() > 1000);
  std::span<const TreebankSentence> first(gold->data(), 1000);
  ParseScores scores = Evaluate(Shipped(), first);
  // SplitUdWords on the raw sentences: how often it cuts them exactly as the treebank does.
  size_t same = 0;
  for (const TreebankSentence& s : first) same += Words(s.text) == s.words;
  double same_split = double(same) / double(first.size());
  CAPTURE(same_split);
  CHECK(same_split >= 0.83);  // 0.838 on the first 1,000 at this commit
  CAPTURE(scores.upos(), scores.uas(), scores.las());
  // At this commit: UPOS 0.951, UAS 0.842, LAS 0.801 on all of dev.
  CHECK(scores.upos() >= 0.94);
  CHECK(scores.uas() >= 0.83);
  CHECK(scores.las() >= 0.79);
  // The beam (8) on the same sentences: UAS 0.838 -> 0.843 at this commit.
  ParseScores beam = Evaluate(ShippedWithBeam(), first);
  CAPTURE(beam.uas());
  CHECK(beam.uas() >= scores.uas() + 0.003);
}

}  // namespace
}  // namespace refrain
