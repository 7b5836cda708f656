#include "run_command.h"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace refrain::testing {

CommandRun RunCommand(const std::string& command) {
  // stderr goes to a file of this process and call: reading two pipes would need a poll loop.
  static std::atomic<int> calls{0};
  const std::filesystem::path err_path =
      std::filesystem::temp_directory_path() /
      ("refrain_test_" + std::to_string(getpid()) + "_" + std::to_string(calls++) + ".err");
  FILE* pipe = popen((command + " 2>'" + err_path.string() + "'").c_str(), "r");
  REQUIRE(pipe != nullptr);
  CommandRun run;
  std::array<char, 4096> buf;
  for (size_t n; (n = fread(buf.data(), 1, buf.size(), pipe)) > 0;) run.out.append(buf.data(), n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::ifstream err_file(err_path);
  run.err.assign(std::istreambuf_iterator<char>(err_file), std::istreambuf_iterator<char>());
  std::filesystem::remove(err_path);
  return run;
}

}  // namespace refrain::testing
