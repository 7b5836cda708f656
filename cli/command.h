// What every subcommand shares: the corpus options, the exit codes, and the
// way errors and progress reach the user. One file per subcommand uses these.
#ifndef REFRAIN_CLI_COMMAND_H_
#define REFRAIN_CLI_COMMAND_H_

#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "refrain/claims.h"
#include "refrain/corpus.h"
#include "refrain/matcher.h"
#include "refrain/parser.h"
#include "refrain/progress.h"
#include "refrain/status.h"
#include "refrain/talking_points.h"
#include "refrain/version.h"

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

// A number option bound to `value`, whose value now is the default, shown in --help as
// written ("0.4", not Boost's "0.40000000000000002").
po::typed_value<double>* NumberValue(double* value);

// Adds the boolean option --NAME (NAME may be "name,n" for a short form too) and its
// negation --no-NAME, bound to `value`, whose value now is the default (the help says which).
// The older spellings --NAME=0|1, --NAME true|false (yes/no, on/off) still work: ParseArgs
// turns them into --NAME or --no-NAME. Giving both --NAME and --no-NAME is a usage error.
void AddSwitch(po::options_description& options, const std::string& name, bool* value,
               const std::string& help);

// A file argument: `value`, or for "-" a file holding all of standard input (read once, at
// the first call; a second "-" in the same run is a usage error, since standard input is
// gone by then). `what` names the argument in that error ("--aliases"). The copy lives in a
// temporary folder removed at exit, as `stdin` + `extension`: the reader and the loaders
// tell formats by extension.
Result<std::filesystem::path> InputFile(const std::string& value, const std::string& what,
                                        const std::string& extension = ".txt");

// Where a command writes its result: standard output, or with -o FILE a temporary file in
// FILE's folder that replaces FILE only once the whole result is written, so that a failed
// run leaves no half file. A FILE that exists and is not a regular file (/dev/stdout, a FIFO)
// is written in place; "-" is standard output. Every failure is "cannot write FILE: reason".
class Output {
 public:
  // Adds -o/--output FILE.
  void Add(po::options_description& options);
  // Opens FILE's temporary file (nothing to do for standard output). Call after parsing.
  Status Open();
  std::ostream& stream() { return file_.is_open() ? file_ : std::cout; }
  // Ok while every write so far succeeded; else the error, naming FILE.
  Status Check();
  // Flushes, checks and renames the temporary file over FILE.
  Status Close();
  // The exit code once a writer has returned `written`: 0 when it and Close succeed. A failed
  // write is reported as Check reports it (naming FILE, or standard output), any other error
  // of the writer as it is; either way no half-written FILE replaces the old one.
  int Finish(const Status& written);
  // Removes the temporary file when Close was not reached or failed.
  ~Output();

  // Writes `target` through `write`, which is given the path to write to (a temporary file
  // next to `target`, renamed over it when `write` succeeds): for writers that take a path.
  static Status WriteFile(const std::filesystem::path& target,
                          const std::function<Status(const std::filesystem::path&)>& write);

 private:
  Status Failed(int error) const;
  std::string path_;
  std::filesystem::path temp_;  // empty when writing in place or to standard output
  std::ofstream file_;
};

// The flags every command that reads a corpus accepts, bound to the options they fill.
class CorpusFlags {
 public:
  // Adds CORPUS (positional; "-" is standard input), --lines, --from, --to, --where, --glob,
  // --undated, --speaker to `options`.
  void Add(po::options_description& options, po::positional_options_description& positional);
  // Turns the parsed flags into engine options; a bad date or KEY=VALUE is a usage error.
  Result<CorpusOptions> Build();
  const std::vector<std::filesystem::path>& inputs() const { return inputs_; }

 private:
  std::vector<std::string> corpus_;
  std::vector<std::filesystem::path> inputs_;
  bool lines_ = false;
  std::string from_, to_, glob_, speaker_;
  std::vector<std::string> where_;
  std::string undated_ = "error";
};

// The matching pipeline's flags, for the commands that build a Matcher (talking-points,
// compare, eval): --threshold (its help says what it means for the command), --aliases,
// --exclude, --clauses, --stem, --stop-words, --ngram-max, --learn-aliases,
// --builtin-aliases, --object-mismatch-factor, --threads.
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

// The talking points' flags, for the commands that find them (talking-points, and index build,
// which stores them): --min-events, --min-words, --stock-min-docs, --stock-share,
// --claims-min-events, --keep-ceremony, --no-claims, --no-verify, --join-phrasings,
// --include-questions. One set, so that an index holds what talking-points finds with the
// same flags.
class PointsFlags {
 public:
  void Add(po::options_description& options);
  // The parsed flags, without the parser: for checking them before the corpus is read.
  const TalkingPointsOptions& options() const { return options_; }
  // The parsed flags checked, the claims parser loaded (unless --no-claims) and held here
  // (the options point at it: keep this object alive while they are used), progress on a
  // terminal.
  Result<TalkingPointsOptions> Build();

 private:
  TalkingPointsOptions options_;
  bool no_claims_ = false, no_verify_ = false;
  AliasTable aliases_ = AliasTable::Builtin();
  std::optional<Parser> parser_;
  std::optional<ClaimReader> reader_;
};

// Parses argv for a subcommand (adding --help and --version to `options`). Returns -1 when
// the command should go on, otherwise the exit code to return (0 after --help or --version,
// 2 after a usage error).
int ParseArgs(int argc, char** argv, const std::string& usage, po::options_description& options,
              const po::positional_options_description& positional, po::variables_map& vm,
              const std::string& examples);

// Loads the corpus, printing warnings on stderr; on error prints it and sets `exit_code`.
std::optional<Corpus> LoadOrReport(CorpusFlags& flags, int* exit_code);

// Prints "refrain: <message>" on stderr and returns the exit code for `status`.
int ReportError(const Status& status);

// A progress function that draws on stderr when it is a terminal, after two seconds: the
// stage, units done, the share done and, once a stage has run a second, the time left.
ProgressFn TerminalProgress();

}  // namespace refrain::cli

#endif  // REFRAIN_CLI_COMMAND_H_
