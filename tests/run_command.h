// Running a command from a test: the shell command's stdout, stderr and exit code, for
// the tests that check what `refrain` prints and how it exits.
#ifndef REFRAIN_TESTS_RUN_COMMAND_H_
#define REFRAIN_TESTS_RUN_COMMAND_H_

#include <string>

namespace refrain::testing {

struct CommandRun {
  int exit_code = 0;  // 128 + the signal when a signal ended it
  std::string out;
  std::string err;
};

// Runs `command` with /bin/sh and waits for it.
CommandRun RunCommand(const std::string& command);

#ifdef REFRAIN_CLI
// `refrain ARGS`, the command built with the tests.
inline CommandRun RunRefrain(const std::string& args) {
  return RunCommand(std::string(REFRAIN_CLI) + " " + args);
}
#endif

}  // namespace refrain::testing

#endif  // REFRAIN_TESTS_RUN_COMMAND_H_
