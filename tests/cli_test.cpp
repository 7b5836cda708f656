// The refrain command as a user meets it: exit codes, --help, data on stdout and
// talk on stderr, quiet ends under `| head`.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace {

struct Run {
  int exit_code;
  std::string out;
  std::string err;
};

// Runs a shell command, capturing its stdout and stderr and its exit code.
Run Capture(const std::string& command) {
  auto err_path = std::filesystem::temp_directory_path() /
                  ("refrain_cli_test_" + std::to_string(getpid()) + ".err");
  FILE* pipe = popen((command + " 2>" + err_path.string()).c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  int status = pclose(pipe);
  std::ifstream err_file(err_path);
  std::string err((std::istreambuf_iterator<char>(err_file)), std::istreambuf_iterator<char>());
  std::filesystem::remove(err_path);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), out, err};
}

Run Refrain(const std::string& args) { return Capture(std::string(REFRAIN_CLI) + " " + args); }

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
    Run run = Refrain(c.args);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, Catch::Contains(c.says));
  }
}

TEST_CASE("every command has --help with examples, on stdout, exit 0", "[cli]") {
  Run top = Refrain("--help");
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
    Run help = Refrain(name + " --help");
    CHECK(help.exit_code == 0);
    CHECK_THAT(help.out, Catch::Contains("Examples:"));
    CHECK_THAT(help.out, Catch::Contains("refrain " + name));
    ++commands;
  }
  CHECK(commands >= 2);
}

TEST_CASE("a missing corpus is bad input: exit 1 naming the path", "[cli]") {
  Run run = Refrain("segments /nonexistent/corpus");
  CHECK(run.exit_code == 1);
  CHECK(run.out.empty());
  CHECK_THAT(run.err, Catch::Contains("/nonexistent/corpus"));
}

TEST_CASE("segments --format json is one object with schema 1 and the statement fields", "[cli]") {
  Run run = Refrain("segments " + kSeed + " --format json");
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
  Run run = Capture("{ " + std::string(REFRAIN_CLI) + " segments " + kSeed + " | head -n 1; } ");
  CHECK(run.exit_code == 0);
  CHECK(std::count(run.out.begin(), run.out.end(), '\n') == 1);
  CHECK(run.err.empty());
}

}  // namespace
