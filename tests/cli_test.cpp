// The refrain command as a user meets it: exit codes, --help, data on stdout and
// talk on stderr, quiet ends under `| head`; the conventions every command shares
// (--version, - for standard input, -o FILE, --NAME / --no-NAME switches).

#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "run_command.h"

namespace {

using refrain::testing::CommandRun;
using refrain::testing::RunCommand;
using refrain::testing::RunRefrain;

const std::string kSeed = std::string(REFRAIN_SOURCE_DIR) + "/corpus/seed";
const std::string kSource = REFRAIN_SOURCE_DIR;

namespace fs = std::filesystem;

// A fresh folder of this test process, removed at the end of the case.
struct TempFolder {
  fs::path path = fs::temp_directory_path() / ("refrain_cli_test_" + std::to_string(getpid()));
  TempFolder() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempFolder() { fs::remove_all(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
  size_t entries() const { return std::distance(fs::directory_iterator(path), {}); }
};

std::string Slurp(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// The seed rows of tests/data/eval/labels-test.tsv (the others need ../shared), in `dir`.
std::string SeedLabels(const TempFolder& dir) {
  std::ifstream in(kSource + "/tests/data/eval/labels-test.tsv");
  const std::string file = dir / "seed-labels.tsv";
  std::ofstream out(file);
  std::string line;
  for (bool header = true; std::getline(in, line); header = false)
    if (header || line.starts_with("corpus/seed/")) out << line << "\n";
  return file;
}

// One command of each kind that writes a result, on the seed corpus.
const char* const kWritingCommands[] = {
    "stats SEED",
    "segments SEED --format csv",
    "pairs SEED --threshold 0.5",
    "near SEED 'Russia supports China in hosting the Winter Olympics'",
    "talking-points SEED --format json",
    "compare SEED 003_58374e1ec3d5b376 000_0f0b367ac9a6d8a8",
    "themes SEED",
    "shifts SEED --split 2022",
    "eval --root SOURCE LABELS",
};

// `command` with SEED, SOURCE and LABELS spelled out.
std::string Expand(std::string command, const std::string& labels) {
  for (auto [name, value] : {std::pair<std::string, std::string>{"SEED", kSeed},
                             {"SOURCE", kSource},
                             {"LABELS", labels}})
    for (size_t at; (at = command.find(name)) != std::string::npos;)
      command.replace(at, name.size(), value);
  return command;
}

TEST_CASE("usage errors exit 2 and say what is wrong on stderr", "[cli]") {
  struct Case {
    const char* args;
    const char* says;
  };
  const Case cases[] = {
      {"", "usage: refrain COMMAND"},
      {"frobnicate corpus", "unknown command 'frobnicate'"},
      {"segments", "no corpus given"},
      {"segments --no-such-flag x", "unrecognised option"},
      {"segments x --format yaml", "unknown format 'yaml'"},
      {"segments x --from 2021-13-01", "not a date"},
      {"segments x --where title", "KEY=VALUE"},
      {"segments x --undated maybe", "--undated takes error, skip or keep"},
  };
  for (const Case& c : cases) {
    INFO("refrain " << c.args);
    CommandRun run = RunRefrain(c.args);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, Catch::Contains(c.says));
  }
}

TEST_CASE("every command has --help with examples, on stdout, exit 0", "[cli]") {
  CommandRun top = RunRefrain("--help");
  CHECK(top.exit_code == 0);
  CHECK_THAT(top.out, Catch::Contains("Commands:"));
  // Each command listed in the top-level help answers --help itself.
  size_t pos = top.out.find("Commands:");
  std::istringstream lines(top.out.substr(pos));
  std::string line;
  std::getline(lines, line);
  int commands = 0;
  while (std::getline(lines, line) && line.rfind("  ", 0) == 0) {
    std::string name = line.substr(2, line.find(' ', 2) - 2);
    INFO("refrain " << name << " --help");
    CommandRun help = RunRefrain(name + " --help");
    CHECK(help.exit_code == 0);
    CHECK_THAT(help.out, Catch::Contains("Examples:"));
    CHECK_THAT(help.out, Catch::Contains("refrain " + name));
    ++commands;
  }
  CHECK(commands >= 2);
}

TEST_CASE("a missing corpus is bad input: exit 1 naming the path", "[cli]") {
  CommandRun run = RunRefrain("segments /nonexistent/corpus");
  CHECK(run.exit_code == 1);
  CHECK(run.out.empty());
  CHECK_THAT(run.err, Catch::Contains("/nonexistent/corpus"));
}

TEST_CASE("segments --format json is one object with schema 1 and the statement fields", "[cli]") {
  CommandRun run = RunRefrain("segments " + kSeed + " --format json");
  REQUIRE(run.exit_code == 0);
  nlohmann::json j = nlohmann::json::parse(run.out);
  CHECK(j["schema"] == 1);
  REQUIRE(j["statements"].size() > 20);
  for (const auto& s : j["statements"]) {
    for (const char* field : {"id", "doc", "date", "start", "end", "text"})
      CHECK(s.contains(field));
    CHECK(s["start"].get<uint64_t>() < s["end"].get<uint64_t>());
  }
  // The seed's manifest gives each statement its event's title and place.
  CHECK(j["statements"][0].contains("title"));
}

TEST_CASE("output is cut quietly by | head", "[cli]") {
  // The whole pipeline's stderr: refrain may die of SIGPIPE, but must not complain.
  CommandRun run =
      RunCommand("{ " + std::string(REFRAIN_CLI) + " segments " + kSeed + " | head -n 1; } ");
  CHECK(run.exit_code == 0);
  CHECK(std::count(run.out.begin(), run.out.end(), '\n') == 1);
  CHECK(run.err.empty());
}

TEST_CASE("refrain --version and refrain CMD --version print the version, exit 0", "[cli]") {
  CommandRun top = RunRefrain("--version");
  REQUIRE(top.exit_code == 0);
  CHECK_THAT(top.out, Catch::StartsWith("refrain ") && Catch::EndsWith("\n"));
  for (const char* name : {"segments", "stats", "vectorize", "pairs", "near", "eval",
                           "talking-points", "compare", "themes", "shifts"}) {
    INFO("refrain " << name << " --version");
    CommandRun run = RunRefrain(std::string(name) + " --version");
    CHECK(run.exit_code == 0);
    CHECK(run.out == top.out);
    CHECK(run.err.empty());
  }
}

TEST_CASE("- reads standard input wherever a file is read", "[cli]") {
  TempFolder dir;
  std::ofstream(dir / "lines.txt") << "Russia supports China in hosting the Winter Olympics.\n"
                                      "The two ministers met in Tianjin.\n";
  std::ofstream(dir / "themes.csv") << "olympics,olympic,winter\n";
  const std::string labels = SeedLabels(dir);
  struct Case {
    std::string args;  // refrain ARGS < stdin
    std::string stdin_file;
    std::string says;  // on stdout
  };
  const Case cases[] = {
      {"segments --lines -", dir / "lines.txt",
       "stdin.txt:54-87\tThe two ministers met in Tianjin."},
      {"segments - --undated keep --format csv", dir / "lines.txt", "stdin.txt"},
      {"pairs --lines - --threshold 0.1 --format json", dir / "lines.txt", "\"statements\": 2"},
      {"themes " + kSeed + " --themes - --format csv", dir / "themes.csv", "olympics"},
      {"eval - --root " + kSource + " --format json", labels, "\"labels\": \"-\""},
      {"talking-points " + kSeed + " --exclude - --top 1", dir / "lines.txt", "talking points"},
  };
  for (const Case& c : cases) {
    INFO("refrain " << c.args << " < " << c.stdin_file);
    CommandRun run = RunRefrain(c.args + " < '" + c.stdin_file + "'");
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains(c.says));
  }
  // Standard input is read once: a second - is a usage error that names both.
  CommandRun twice = RunRefrain("talking-points - --aliases - < '" + dir / "lines.txt" + "'");
  CHECK(twice.exit_code == 2);
  CHECK_THAT(twice.err, Catch::Contains("standard input is read once"));
  CommandRun mixed = RunRefrain("segments - " + kSeed + "/000_0f0b367ac9a6d8a8.txt < /dev/null");
  CHECK(mixed.exit_code == 2);
  CHECK_THAT(mixed.err, Catch::Contains("must be the only corpus input"));
}

TEST_CASE("-o FILE writes what stdout would have, and nothing on stdout", "[cli]") {
  TempFolder dir;
  const std::string labels = SeedLabels(dir);
  for (const char* command : kWritingCommands) {
    INFO("refrain " << command);
    const std::string args = Expand(command, labels);
    CommandRun plain = RunRefrain(args);
    REQUIRE(plain.exit_code == 0);
    REQUIRE(!plain.out.empty());
    CommandRun written = RunRefrain(args + " -o '" + dir / "out" + "'");
    INFO(written.err);
    CHECK(written.exit_code == 0);
    CHECK(written.out.empty());
    CHECK(Slurp(dir / "out") == plain.out);
    CHECK(dir.entries() == 2);  // the labels and the result: no temporary file beside them
  }
  // vectorize's -o is its matrix and vocabulary, written whole or not at all.
  CommandRun matrix = RunRefrain("vectorize " + kSeed + " -o '" + dir / "seed.mtx" + "'");
  CHECK(matrix.exit_code == 0);
  CHECK_THAT(Slurp(dir / "seed.mtx"), Catch::StartsWith("%%MatrixMarket"));
  CHECK(!Slurp(dir / "seed.mtx.vocab").empty());
  CHECK(dir.entries() == 4);
}

TEST_CASE("a result that cannot be written is exit 1, and leaves no half file", "[cli]") {
  TempFolder dir;
  const std::string labels = SeedLabels(dir);
  struct Case {
    std::string args;
    int exit_code;
    std::string says;  // on stderr
  };
  const Case cases[] = {
      {"stats " + kSeed + " -o /dev/full", 1, "refrain: cannot write /dev/full: No space left"},
      {"pairs " + kSeed + " -t 0.5 -o /dev/full", 1, "refrain: cannot write /dev/full: No space"},
      {"talking-points " + kSeed + " -o /dev/full", 1, "refrain: cannot write /dev/full: No space"},
      {"eval --root " + kSource + " " + labels + " -o /dev/full", 1,
       "refrain: cannot write /dev/full: No space"},
      {"segments " + kSeed + " > /dev/full", 1, "refrain: cannot write standard output: No space"},
      // Every command that writes standard output checks it (#18), and a closed one too.
      {"stats " + kSeed + " > /dev/full", 1, "refrain: cannot write standard output: No space"},
      {"themes " + kSeed + " > /dev/full", 1, "refrain: cannot write standard output: No space"},
      {"shifts " + kSeed + " > /dev/full", 1, "refrain: cannot write standard output: No space"},
      {"talking-points " + kSeed + " > /dev/full", 1,
       "refrain: cannot write standard output: No space"},
      {"compare " + kSeed + " 000_0f0b367ac9a6d8a8.txt 001_45977d61efef57f5.txt > /dev/full", 1,
       "refrain: cannot write standard output: No space"},
      {"near " + kSeed + " 'the Afghan issue' --format json > /dev/full", 1,
       "refrain: cannot write standard output: No space"},
      {"vectorize " + kSeed + " > /dev/full", 1, "refrain: cannot write standard output: No space"},
      {"train-parser --model " + kSource + "/models/en_ewt.parser --speed " + kSeed +
           "/000_0f0b367ac9a6d8a8.txt --threads 1 > /dev/full",
       1, "refrain: cannot write standard output: No space"},
      {"vectorize " + kSeed + " -o /dev/full", 1, "refrain: cannot write /dev/full: No space"},
      {"index build " + kSeed + " -o " + dir / "seed.refrain" + " > /dev/full", 1,
       "refrain: cannot write standard output: No space"},
      {"segments " + kSeed + " >&-", 1, "refrain: cannot write standard output: Bad file"},
      {"vectorize " + kSeed + " >&-", 1, "refrain: cannot write standard output: Bad file"},
      {"stats " + kSeed + " -o " + dir / "no/such/folder/out", 1,
       "refrain: cannot write " + dir / "no/such/folder/out" + ": No such file or directory"},
      // A run that fails before writing keeps the old file whole.
      {"stats /nonexistent/corpus -o " + dir / "kept", 1, "/nonexistent/corpus"},
      {"themes " + kSeed + " --by decade -o " + dir / "kept", 2, "decade"},
  };
  std::ofstream(dir / "kept") << "the previous result\n";
  for (const Case& c : cases) {
    INFO("refrain " << c.args);
    CommandRun run = RunRefrain(c.args);
    CHECK(run.exit_code == c.exit_code);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, Catch::Contains(c.says));
  }
  CHECK(Slurp(dir / "kept") == "the previous result\n");
  CHECK(dir.entries() == 3);  // the labels, the kept file and the index (written whole)
}

TEST_CASE("train-parser writes its model whole or not at all, exit 1 naming -o", "[cli]") {
  TempFolder dir;
  const std::string treebank = dir / "tiny.conllu";
  std::ofstream(treebank) << "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
                             "2\tissue\tissue\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
                             "3\tmatters\tmatter\tVERB\tVBZ\t_\t0\troot\t_\t_\n"
                             "4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
  const std::string train = "train-parser --train " + treebank + " --dev " + treebank +
                            " --tagger-epochs 1 --parser-epochs 1 --labeller-epochs 1"
                            " --jackknife 0 -o ";
  std::ofstream(dir / "kept.parser") << "the previous model\n";
  struct Case {
    std::string output;
    std::string says;
  };
  const Case cases[] = {
      {"/dev/full", "refrain: cannot write /dev/full: No space left on device"},
      {dir / "no/such/folder/model",
       "refrain: cannot write " + dir / "no/such/folder/model" + ": No such file or directory"},
  };
  for (const Case& c : cases) {
    INFO(c.output);
    CommandRun run = RunRefrain(train + c.output);
    CHECK(run.exit_code == 1);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, Catch::Contains(c.says));
  }
  // A failed training (an empty dev treebank) leaves the old model whole, and no temporary.
  std::ofstream(dir / "empty.conllu") << "";
  CommandRun failed = RunRefrain("train-parser --train " + treebank + " --dev " +
                                 dir / "empty.conllu" + " -o " + dir / "kept.parser");
  CHECK(failed.exit_code == 1);
  CHECK_THAT(failed.err, Catch::Contains("the dev treebank has no sentences"));
  CHECK(Slurp(dir / "kept.parser") == "the previous model\n");
  // Written: the model replaces the old one, loads, and scores the dev treebank.
  CommandRun trained = RunRefrain(train + dir / "kept.parser");
  CHECK(trained.exit_code == 0);
  CHECK_THAT(trained.out, Catch::Contains("dev\tsentences 1\twords 4"));
  CHECK(Slurp(dir / "kept.parser") != "the previous model\n");
  CHECK(dir.entries() == 3);  // the treebanks and the model
}

TEST_CASE("a newline or tab in a file name keeps text output one line per statement", "[cli]") {
  TempFolder dir;
  std::ofstream(dir / "two\nlines\tname_2024.txt") << "First statement here.\nSecond one.\n";
  CommandRun run = RunRefrain("segments " + dir.path.string());
  REQUIRE(run.exit_code == 0);
  CHECK(std::count(run.out.begin(), run.out.end(), '\n') == 2);
  CHECK_THAT(run.out, Catch::Contains("\ttwo lines name_2024.txt:0-21\t"));
}

TEST_CASE("--from after --to is a usage error (exit 2), not a corpus of skips", "[cli]") {
  CommandRun run = RunRefrain("stats " + kSeed + " --from 2024 --to 2021");
  CHECK(run.exit_code == 2);
  CHECK(run.out.empty());
  CHECK_THAT(run.err, Catch::Contains("--from 2024 is after --to 2021"));
}

#if !defined(__SANITIZE_ADDRESS__)  // AddressSanitizer reserves more address space than this
TEST_CASE("out of memory is a clear message and exit 1, not an abort", "[cli]") {
  TempFolder dir;
  {
    std::ofstream big(dir / "BIG_2024.txt");
    for (int i = 0; i < 1500000; ++i) big << "Plain words here and more words. ";
  }
  // 48 MB of text under a 200 MB address-space limit: std::bad_alloc while segmenting.
  CommandRun run =
      RunCommand("ulimit -v 200000; " + std::string(REFRAIN_CLI) + " stats " + dir.path.string());
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.err, Catch::Contains("refrain: out of memory"));
}
#endif

TEST_CASE("boolean options are --NAME / --no-NAME everywhere; the old spellings still work",
          "[cli]") {
  struct Case {
    std::string a, b;  // two spellings of the same request
  };
  const std::string points = "talking-points " + kSeed + " --format json";
  const std::string vectorize = "vectorize " + kSeed + " --format json";
  const Case same[] = {
      {points + " --no-stem", points + " --stem 0"},
      {points + " --no-stem", points + " --stem=false"},
      {points + " --no-clauses", points + " --clauses 0"},
      {points + " --stem", points},
      {vectorize + " --no-sublinear-tf", vectorize + " --sublinear-tf false"},
      {vectorize + " --no-use-idf --no-smooth-idf", vectorize + " --use-idf=0 --smooth-idf off"},
      {vectorize + " --stem --stop-words", vectorize + " --stem=1 --stop-words true"},
      {"segments " + kSeed + " --no-show-dropped", "segments " + kSeed},
  };
  for (const Case& c : same) {
    INFO("refrain " << c.a << "  vs  refrain " << c.b);
    CommandRun a = RunRefrain(c.a), b = RunRefrain(c.b);
    INFO(a.err << b.err);
    CHECK(a.exit_code == 0);
    CHECK(b.exit_code == 0);
    CHECK(a.out == b.out);
  }
  // The switches do switch: no stemming changes the points, --no-sublinear-tf the matrix.
  CHECK(RunRefrain(points + " --no-stem").out != RunRefrain(points).out);
  const nlohmann::json raw =
      nlohmann::json::parse(RunRefrain(vectorize + " --no-sublinear-tf").out);
  CHECK(raw["sublinear_tf"] == false);
  CHECK(nlohmann::json::parse(RunRefrain(vectorize).out)["sublinear_tf"] == true);
  // Both spellings at once is a usage error, and each --help documents the negation.
  CommandRun both = RunRefrain(points + " --stem --no-stem");
  CHECK(both.exit_code == 2);
  CHECK_THAT(both.err, Catch::Contains("--stem and --no-stem contradict each other"));
  for (const char* name : {"talking-points", "compare", "eval", "vectorize", "segments", "pairs"}) {
    INFO("refrain " << name << " --help");
    CHECK_THAT(RunRefrain(std::string(name) + " --help").out, Catch::Contains("--no-"));
  }
}

}  // namespace

namespace {

TEST_CASE("the index keeps its matching settings: index build takes them, match refuses them",
          "[cli]") {
  TempFolder dir;
  const std::string index = dir / "seed.refrain";
  const std::string doc = kSeed + "/004_c404e962366cc024.txt";
  CommandRun build =
      RunRefrain("index build " + kSeed + " -o " + index + " --threshold 0.6 --min-events 3");
  INFO(build.err);
  REQUIRE(build.exit_code == 0);
  CommandRun match = RunRefrain("match " + index + " " + doc + " --format json");
  INFO(match.err);
  REQUIRE(match.exit_code == 0);
  CHECK(nlohmann::json::parse(match.out)["threshold"] == 0.6);
  // A setting given to match would be silently the index's: a usage error instead.
  for (const char* flag : {"--threshold 0.5", "--min-events 2", "--no-clauses"}) {
    INFO(flag);
    CommandRun refused = RunRefrain("match " + index + " " + doc + " " + flag);
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.err, Catch::Contains("unrecognised option"));
  }
  // Exclusions are not stored, so an index cannot honour them.
  std::ofstream(dir / "exclude.txt") << "Winter Olympics\n";
  CommandRun excluded = RunRefrain("index build " + kSeed + " -o " + dir / "x.refrain" +
                                   " --exclude " + dir / "exclude.txt");
  CHECK(excluded.exit_code == 2);
  CHECK_THAT(excluded.err, Catch::Contains("does not store --exclude"));
}

}  // namespace
