// The refrain command as a user meets it: exit codes, --help, data on stdout and
// talk on stderr, quiet ends under `| head`.

#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "run_command.h"

namespace {

using refrain::testing::CommandRun;
using refrain::testing::RunCommand;
using refrain::testing::RunRefrain;

const std::string kSeed = std::string(REFRAIN_SOURCE_DIR) + "/corpus/seed";

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

}  // namespace
