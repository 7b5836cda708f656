// What every subcommand shares: the corpus options, the exit codes, and the
// way errors and progress reach the user. One file per subcommand uses these.
#ifndef REFRAIN_CLI_COMMAND_H_
#define REFRAIN_CLI_COMMAND_H_

#include <boost/program_options.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "refrain/corpus.h"
#include "refrain/matcher.h"
#include "refrain/progress.h"
#include "refrain/status.h"

namespace refrain::cli {

namespace po = boost::program_options;

enum ExitCode { kExitOk = 0, kExitBadInput = 1, kExitBadUsage = 2 };

// A subcommand: its name, one line for `refrain --help`, and its entry point
// (argv[0] is the subcommand's name).
struct Command {
  const char* name;
  const char* summary;
  int (*run)(int argc, char** argv);
};

// The flags every command that reads a corpus accepts, bound to the options they fill.
class CorpusFlags {
 public:
  // Adds CORPUS (positional), --lines, --from, --to, --where, --glob, --undated to `options`.
  void Add(po::options_description& options, po::positional_options_description& positional);
  // Turns the parsed flags into engine options; a bad date or KEY=VALUE is a usage error.
  Result<CorpusOptions> Build();
  const std::vector<std::filesystem::path>& inputs() const { return inputs_; }

 private:
  std::vector<std::string> corpus_;
  std::vector<std::filesystem::path> inputs_;
  bool lines_ = false;
  std::string from_, to_, glob_;
  std::vector<std::string> where_;
  std::string undated_ = "error";
};

// The matching pipeline's flags, for the commands that build a Matcher (talking-points,
// compare): --threshold (its help says what it means for the command), --aliases,
// --exclude, --clauses, --stem, --threads.
class MatchFlags {
 public:
  void Add(po::options_description& options, const std::string& threshold_help);
  // The parsed flags over MatchOptions' defaults, with progress on a terminal; a threshold
  // outside (0, 1] or negative --threads is a usage error.
  Result<MatchOptions> Build() const;

 private:
  MatchOptions match_;
  std::string aliases_, exclude_;
};

// Parses argv for a subcommand. Returns -1 when the command should go on,
// otherwise the exit code to return (0 after --help, 2 after a usage error).
int ParseArgs(int argc, char** argv, const std::string& usage, po::options_description& options,
              const po::positional_options_description& positional, po::variables_map& vm,
              const std::string& examples);

// Loads the corpus, printing warnings on stderr; on error prints it and sets `exit_code`.
std::optional<Corpus> LoadOrReport(CorpusFlags& flags, int* exit_code);

// Prints "refrain: <message>" on stderr and returns the exit code for `status`.
int ReportError(const Status& status);

// A progress function that draws on stderr when it is a terminal, after two seconds.
ProgressFn TerminalProgress();

}  // namespace refrain::cli

#endif  // REFRAIN_CLI_COMMAND_H_
