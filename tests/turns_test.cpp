// Turns of transcripts and press conferences (src/segment/turns.cpp): speaker labels,
// spokespeople, turn kinds, and what the segmenter makes of them on real documents.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "refrain/corpus.h"
#include "refrain/matcher.h"
#include "refrain/speakers.h"
#include "refrain/talking_points.h"
#include "run_command.h"
#include "shared_corpora.h"

namespace refrain {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpora = fs::path(REFRAIN_SOURCE_DIR).parent_path() / "shared/corpora";

TEST_CASE("speaker labels open transcript paragraphs; prose with a colon has none", "[turns]") {
  struct Case {
    const char* paragraph;
    const char* speaker;  // "" = no label
    size_t length;        // bytes up to the text after the label
  };
  static const Case kCases[] = {
      {"MS. LEAVITT:  Good afternoon, everybody.", "MS. LEAVITT", 14},
      {"     MS. LEAVITT:  Good afternoon, everybody.", "MS. LEAVITT", 19},
      {"Q    Good afternoon.", "Q", 5},
      {"Q:  Thank you, Karine.", "Q", 4},
      {"Q:Another question about Pakistan and India.", "Q", 2},
      {"A:We have noted the reports.", "A", 2},
      {"A: France is a permanent member of the Security Council.", "A", 3},
      {"THE VICE PRESIDENT:  Well, good afternoon, everyone.", "THE VICE PRESIDENT", 21},
      {"SECRETARY O\xE2\x80\x99ROURKE: Thank you.", "SECRETARY O\xE2\x80\x99ROURKE", 22},
      {"Zhao Lijian: The report you mentioned is groundless.", "Zhao Lijian", 13},
      {"Bloomberg News: A follow-up on trade.", "Bloomberg News", 16},
      {"Voice of America: Will the talks go on?", "Voice of America", 18},
      {"Question: Will the talks go on?", "Q", 10},
      {"CCTV: What is your comment?", "CCTV", 6},
      // Not labels: prose with a colon, a time, an editorial note, a label with no text.
      {"It illustrates a simple truth: fair-minded people can tell.", "", 0},
      {"The two sides agreed on three points: trade, climate and health.", "", 0},
      {"1:06 P.M. EST", "", 0},
      {"Q:and so on", "", 0},
      {"Note: The transcript has been edited.", "", 0},
      {"Source: the Ministry of Foreign Affairs.", "", 0},
      {"Q and A sessions are held weekly.", "", 0},
      {"MS. LEAVITT:", "", 0},
      {"See https://www.whitehouse.gov for more.", "", 0},
  };
  for (const Case& c : kCases) {
    INFO(c.paragraph);
    std::optional<SpeakerLabel> label = FindSpeakerLabel(c.paragraph);
    if (*c.speaker == '\0') {
      CHECK_FALSE(label.has_value());
      continue;
    }
    REQUIRE(label.has_value());
    CHECK(label->speaker == c.speaker);
    CHECK(label->length == c.length);
  }
}

TEST_CASE("the spokesperson comes from metadata, else from the press conference's title",
          "[turns]") {
  Document doc;
  doc.metadata = {{"title",
                   "Foreign Ministry Spokesperson Zhao Lijian's Regular Press Conference on July "
                   "2, 2020"}};
  CHECK(Spokesperson(doc) == "Zhao Lijian");
  doc.metadata = {{"title", "Foreign Ministry Spokesperson Hua Chunying\xE2\x80\x99s Remarks"}};
  CHECK(Spokesperson(doc) == "Hua Chunying");
  doc.metadata = {{"title", "Press Briefing by Press Secretary Karoline Leavitt"}};
  CHECK(Spokesperson(doc).empty());
  doc.metadata.push_back({"speaker", "Karoline Leavitt"});
  CHECK(Spokesperson(doc) == "Karoline Leavitt");
}

// `files`, or with `glob` the documents of the folder `files` names that match it (the
// folder's manifest dates them).
Corpus Load(const std::vector<fs::path>& files, const std::string& glob = "") {
  CorpusOptions options;
  options.reader.glob = glob;
  Result<Corpus> loaded = LoadCorpus(files, options);
  REQUIRE(loaded.ok());
  return std::move(loaded).value();
}

std::string Original(const Corpus& corpus, uint32_t doc, uint64_t start, uint64_t end) {
  return corpus.documents[doc].bytes.substr(start, end - start);
}

// One wh-briefings document (`relative` to that corpus); skips the test when it is absent.
Corpus LoadWhBriefing(const std::string& relative) {
  const fs::path file = kCorpora / "wh-briefings" / relative;
  if (!fs::exists(file)) std::exit(77);
  return Load({file});
}

// wh-briefings is CC0 (U.S. government works): its text may be quoted here.
TEST_CASE("wh-briefings briefing: labels become speakers, never statements; Q is a question",
          "[turns][shared]") {
  const Corpus corpus = LoadWhBriefing(
      "briefings-statements/2025-01/"
      "2025-01-29-press-briefing-by-press-secretary-karoline-leavitt.md");
  std::set<std::string> speakers;
  size_t questions = 0, answers = 0;
  for (const Statement& s : corpus.statements) {
    INFO(s.start << " " << s.text);
    CHECK(s.text != "MS.");
    CHECK(s.text.rfind("MS. LEAVITT", 0) == std::string::npos);
    CHECK(s.text.rfind("Q ", 0) == std::string::npos);
    CHECK(Original(corpus, s.doc, s.start, s.end).rfind("MS. LEAVITT", 0) == std::string::npos);
    CHECK(s.turn != TurnKind::kNone);
    speakers.insert(s.speaker);
    questions += s.turn == TurnKind::kQuestion;
    answers += s.turn == TurnKind::kAnswer;
    if (s.turn == TurnKind::kQuestion) CHECK(s.speaker == "Q");
  }
  CHECK(speakers == std::set<std::string>{"MS. LEAVITT", "Q"});
  CHECK(questions >= 50);
  CHECK(answers >= 100);
  // The first words of the briefing: her greeting, then the room's, a question turn.
  REQUIRE(corpus.statements.size() >= 2);
  CHECK(corpus.statements[0].text == "Good afternoon, everybody.");
  CHECK(corpus.statements[0].speaker == "MS. LEAVITT");
  CHECK(corpus.statements[0].turn == TurnKind::kStatement);
  CHECK(corpus.statements[1].text == "Good afternoon.");
  CHECK(corpus.statements[1].turn == TurnKind::kQuestion);
  // Every label is kept as a dropped span with its reason: nothing is lost silently.
  const auto labels =
      std::count_if(corpus.dropped.begin(), corpus.dropped.end(),
                    [](const DroppedSpan& d) { return d.reason == "speaker label"; });
  CHECK(static_cast<size_t>(labels) >= questions / 2);
}

TEST_CASE("wh-briefings remarks: \"(Applause.)\" is a stage direction, dropped with its reason",
          "[turns][shared]") {
  const Corpus corpus = LoadWhBriefing(
      "statements-releases/2022-07/"
      "2022-07-14-remarks-by-vice-president-harris-in-roundtable-discussion-"
      "with-state-legislators.md");
  std::vector<std::string> directions;
  for (const DroppedSpan& d : corpus.dropped)
    if (d.reason == "stage direction") directions.push_back(d.text);
  CHECK(directions == std::vector<std::string>{"(Applause.)", "(Press departs.)"});
  std::set<std::string> speakers;
  for (const Statement& s : corpus.statements) {
    CHECK(s.text.find("(Applause.)") == std::string::npos);
    speakers.insert(s.speaker);
  }
  CHECK(speakers == std::set<std::string>{"THE VICE PRESIDENT", "SECRETARY BECERRA"});
}

TEST_CASE("wh-briefings release: a quotation's last sentence is kept, its attribution apart",
          "[turns][segmenter][shared]") {
  const Corpus corpus = LoadWhBriefing(
      "briefings-statements/2025-03/"
      "2025-03-12-winning-inflation-eases-as-job-creation-soars-and-border-"
      "security-pays-off.md");
  const std::string last =
      "The entire Trump Administration will continue to focus on fixing the economic and "
      "inflation nightmare created by the Biden-Harris Administration to unlock the Golden Age of "
      "America.\xE2\x80\x9D";
  const auto kept = std::find_if(corpus.statements.begin(), corpus.statements.end(),
                                 [&](const Statement& s) { return s.text == last; });
  REQUIRE(kept != corpus.statements.end());
  CHECK(Original(corpus, kept->doc, kept->start, kept->end).find("The entire Trump") == 0);
  bool attribution = false;
  for (const DroppedSpan& d : corpus.dropped) {
    CHECK(d.text.find("The entire Trump") == std::string::npos);
    attribution |=
        d.reason == "attribution" && d.text.find("Karoline Leavitt") != std::string::npos;
  }
  CHECK(attribution);
}

// The room's "Q    Good afternoon." before the press secretary's opening remarks asks nothing:
// the remarks stay statements, and only the reply to the first real question is an answer.
// tests/data/turns holds the briefing's first lines and its first question (README there).
TEST_CASE("a greeting from the room does not turn opening remarks into answers", "[turns]") {
  const Corpus corpus = Load({fs::path(REFRAIN_SOURCE_DIR) / "tests/data/turns" /
                              "2025-01-29-press-briefing-by-press-secretary-karoline-leavitt.md"});
  const auto find = [&](std::string_view opening) -> const Statement& {
    const auto it = std::find_if(corpus.statements.begin(), corpus.statements.end(),
                                 [&](const Statement& s) { return s.text.rfind(opening, 0) == 0; });
    REQUIRE(it != corpus.statements.end());
    return *it;
  };
  struct Case {
    const char* opening;
    const char* speaker;
    TurnKind turn;
  };
  const Case cases[] = {
      {"Good afternoon, everybody.", "MS. LEAVITT", TurnKind::kStatement},
      {"Good afternoon.", "Q", TurnKind::kQuestion},
      {"How are we?", "MS. LEAVITT", TurnKind::kStatement},
      {"The Senate has already confirmed five", "MS. LEAVITT", TurnKind::kStatement},
      {"And with that, I will turn it over to questions", "MS. LEAVITT", TurnKind::kStatement},
      {"Karoline, does the president see anything fishy", "Q", TurnKind::kQuestion},
      {"The president was asked about DeepSeek", "MS. LEAVITT", TurnKind::kAnswer},
  };
  for (const Case& c : cases) {
    INFO(c.opening);
    const Statement& s = find(c.opening);
    CHECK(s.speaker == c.speaker);
    CHECK(s.turn == c.turn);
  }
}

// --speaker on every command: one filter at load time (CorpusOptions::speaker, KeepSpeaker) on
// the turns' own speakers, by exact label, in any case, or by surname.
TEST_CASE("a corpus kept to one speaker: exact label, any case, surname", "[turns][speakers]") {
  const fs::path excerpt = fs::path(REFRAIN_SOURCE_DIR) / "tests/data/turns" /
                           "2025-01-29-press-briefing-by-press-secretary-karoline-leavitt.md";
  const Corpus all = Load({excerpt});
  const auto count = [&](const char* speaker) {
    return std::count_if(all.statements.begin(), all.statements.end(),
                         [&](const Statement& s) { return s.speaker == speaker; });
  };
  REQUIRE(count("MS. LEAVITT") >= 8);
  REQUIRE(count("Q") >= 2);
  struct Case {
    const char* name;
    const char* speaker;  // every kept statement's
  };
  for (const Case& c :
       {Case{"MS. LEAVITT", "MS. LEAVITT"}, Case{"ms. leavitt", "MS. LEAVITT"},
        Case{"Leavitt", "MS. LEAVITT"}, Case{"LEAVITT", "MS. LEAVITT"}, Case{"q", "Q"}}) {
    INFO(c.name);
    CorpusOptions options;
    options.speaker = c.name;
    Result<Corpus> kept = LoadCorpus({excerpt}, options);
    REQUIRE(kept.ok());
    CHECK(static_cast<long>(kept->statements.size()) == count(c.speaker));
    for (size_t i = 0; i < kept->statements.size(); ++i) {
      CHECK(kept->statements[i].speaker == c.speaker);
      CHECK(kept->statements[i].id == i);  // renumbered: ids stay indices
    }
  }
  CorpusOptions nobody;
  nobody.speaker = "Psaki";
  Result<Corpus> none = LoadCorpus({excerpt}, nobody);
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().code() == Status::Code::kBadInput);
  CHECK(none.status().message().find("Psaki") != std::string::npos);

  // Every command that reads a corpus takes it.
  for (const char* command :
       {"segments", "stats", "talking-points --min-events 1", "themes", "near --threshold 0.1"}) {
    INFO(command);
    std::string line = std::string(command) + " " + excerpt.string() + " --speaker leavitt";
    if (std::string(command).rfind("near", 0) == 0) line += " 'the Senate confirmed nominees'";
    const testing::CommandRun run = testing::RunRefrain(line);
    CHECK(run.exit_code == 0);
    CHECK(run.err.find("statement(s) attributed to leavitt") != std::string::npos);
  }
  const testing::CommandRun segments =
      testing::RunRefrain("segments " + excerpt.string() + " --speaker Leavitt --format json");
  REQUIRE(segments.exit_code == 0);
  const nlohmann::json parsed = nlohmann::json::parse(segments.out);
  REQUIRE(parsed["statements"].size() == static_cast<size_t>(count("MS. LEAVITT")));
  for (const nlohmann::json& s : parsed["statements"]) CHECK(s["speaker"] == "MS. LEAVITT");
  CHECK(testing::RunRefrain("segments " + excerpt.string() + " --speaker Psaki").exit_code == 1);
}

// china-mfa-presscon, by file and offsets only: shifts and talking points of one spokesperson
// quote no one else.
TEST_CASE("china-mfa-presscon --speaker \"Zhao Lijian\": his statements only",
          "[turns][speakers][shared]") {
  const std::string root = testing::Corpora("china-mfa-presscon").string();
  // Press conferences of 2020 and 2021, when he and two others took turns.
  const std::string dates = " --from 2020-01-01 --to 2021-12-31";
  // His two years are two periods by year, with no shift between them: quarters.
  for (const char* command : {"shifts --by quarter", "talking-points"}) {
    INFO(command);
    const testing::CommandRun run = testing::RunRefrain(std::string(command) + " " + root + dates +
                                                        " --speaker 'Zhao Lijian' --format json");
    REQUIRE(run.exit_code == 0);
    const nlohmann::json parsed = nlohmann::json::parse(run.out);
    size_t quoted = 0;
    const auto check = [&](const nlohmann::json& statement) {
      ++quoted;
      CHECK(statement["speaker"] == "Zhao Lijian");
      CHECK(statement["turn"] != "question");
    };
    if (std::string(command).rfind("shifts", 0) == 0) {
      for (const nlohmann::json& shift : parsed["shifts"])
        for (const char* side : {"before", "after"})
          for (const nlohmann::json& s : shift[side]) check(s);
    } else {
      for (const char* list : {"talking_points", "stock_phrases"})
        for (const nlohmann::json& point : parsed[list])
          for (const nlohmann::json& v : point["statements"]) check(v);
    }
    CHECK(quoted >= 20);
  }
}

// china-mfa-presscon states no licence: its text is never copied here. The checks name the
// file and read offsets and the document's own title.
TEST_CASE("china-mfa-presscon: outlets ask, the spokesperson from the title answers",
          "[turns][shared]") {
  const fs::path root = kCorpora / "china-mfa-presscon";
  if (!fs::exists(root)) std::exit(77);
  for (const char* name : {"html/t1794629.html", "html/t1558711.html"}) {
    const Corpus corpus = Load({root}, name);
    REQUIRE(corpus.documents.size() == 1);
    const Document& doc = corpus.documents[0];
    const std::string spokesperson = Spokesperson(doc);
    INFO(name << " " << spokesperson);
    REQUIRE_FALSE(spokesperson.empty());
    size_t questions = 0, answers = 0;
    for (const Statement& s : corpus.statements) {
      INFO(s.start);
      // No statement starts with a label: its bytes open on the words after it.
      CHECK_FALSE(FindSpeakerLabel(s.text).has_value());
      REQUIRE(s.turn != TurnKind::kNone);
      if (s.turn == TurnKind::kQuestion) {
        ++questions;
        CHECK(s.speaker != spokesperson);
      } else {
        ++answers;
        CHECK(s.speaker == spokesperson);
      }
    }
    CHECK(questions >= 10);
    CHECK(answers >= 20);
    // Each label is kept as a dropped span, its visible text a label.
    size_t labels = 0;
    for (const DroppedSpan& d : corpus.dropped)
      if (d.reason == "speaker label") {
        ++labels;
        CHECK(FindSpeakerLabel(d.text + " x").has_value());
      }
    CHECK(labels >= questions / 3);
  }
  // By offset: in t1794629 the turn at byte 16093 is a reporter's (an outlet's) question and
  // the one at 16817 the spokesperson's answer.
  const Corpus corpus = Load({root}, "html/t1794629.html");
  const auto at = [&](uint64_t offset) -> const Statement& {
    const auto it = std::find_if(corpus.statements.begin(), corpus.statements.end(),
                                 [&](const Statement& s) { return s.start >= offset; });
    REQUIRE(it != corpus.statements.end());
    return *it;
  };
  CHECK(at(16093).turn == TurnKind::kQuestion);
  CHECK(at(16093).start > 16093);  // the label's bytes are not the statement's
  CHECK(at(16817).turn == TurnKind::kAnswer);
  CHECK(at(16817).speaker == "Zhao Lijian");
}

// A release that carries a single exchange (one "Q:" and its "A:") is a transcript too: its
// question is marked, and no statement opens with "Q:" (they were talking points whose label
// began with it).
TEST_CASE("china-mfa-presscon: a single Q/A exchange is read as turns", "[turns][shared]") {
  const fs::path root = kCorpora / "china-mfa-presscon";
  if (!fs::exists(root)) std::exit(77);
  for (const char* name : {"html/t1657875.html", "html/t1728033.html"}) {
    INFO(name);
    const Corpus corpus = Load({root}, name);
    REQUIRE(corpus.documents.size() == 1);
    size_t questions = 0, answers = 0;
    for (const Statement& s : corpus.statements) {
      INFO(s.start << " " << s.text);
      CHECK_FALSE(FindSpeakerLabel(s.text).has_value());
      CHECK_FALSE(s.text.starts_with("Q:"));
      CHECK_FALSE(s.text.starts_with("A:"));
      if (s.turn == TurnKind::kQuestion) ++questions;
      if (s.turn == TurnKind::kAnswer) ++answers;
    }
    CHECK(questions >= 1);
    CHECK(answers >= 1);
  }
}

TEST_CASE("a question asked in every briefing is a talking point only with include_questions",
          "[turns][talking_points]") {
  const fs::path dir = fs::temp_directory_path() / "refrain_turns_test_questions";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const char* days[] = {"2020-01-02", "2020-02-03", "2020-03-04"};
  for (const char* day : days) {
    std::ofstream(dir / (std::string(day) + "-briefing.txt"))
        << "Q: How does China comment on the sanctions announced against its companies?\n\n"
        << "Zhao Lijian: China firmly opposes the unilateral sanctions on Chinese companies.\n\n"
        << "Q: How does China comment on the sanctions announced against its companies?\n\n"
        << "Zhao Lijian: We urge the relevant side to stop its wrong practice " << day << ".\n";
  }
  const Corpus corpus = Load({dir});
  fs::remove_all(dir);
  Result<Matcher> matcher = Matcher::Build(corpus, MatchOptions{});
  REQUIRE(matcher.ok());
  const auto has_question = [&](const TalkingPoints& points) {
    for (const TalkingPoint& p : points.points)
      for (const PointVariant& v : p.variants)
        if (corpus.statements[v.unit.statement].turn == TurnKind::kQuestion) return true;
    return false;
  };
  TalkingPointsOptions options;
  Result<TalkingPoints> answers = FindTalkingPoints(corpus, *matcher, options);
  REQUIRE(answers.ok());
  CHECK_FALSE(answers->points.empty());  // the answer's formula is a point
  CHECK_FALSE(has_question(*answers));
  options.include_questions = true;
  Result<TalkingPoints> all = FindTalkingPoints(corpus, *matcher, options);
  REQUIRE(all.ok());
  CHECK(has_question(*all));
}

}  // namespace
}  // namespace refrain
