#include "command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <optional>

namespace refrain::cli {

void CorpusFlags::Add(po::options_description& options,
                      po::positional_options_description& positional) {
  options.add_options()("corpus", po::value(&corpus_)->multitoken(), "corpus folder, or files")(
      "lines", po::bool_switch(&lines_),
      "read each line of the file(s) as one statement: no cleaning, no dates needed")(
      "from", po::value(&from_), "only documents dated on or after DATE (YYYY[-MM[-DD]])")(
      "to", po::value(&to_), "only documents dated on or before DATE (YYYY[-MM[-DD]])")(
      "where", po::value(&where_)->composing(),
      "only documents whose metadata has KEY=VALUE (repeatable; all must hold)")(
      "glob", po::value(&glob_), "only documents whose path matches this shell pattern")(
      "undated", po::value(&undated_)->default_value("error"),
      "documents without a date: error, skip or keep");
  positional.add("corpus", -1);
}

void MatchFlags::Add(po::options_description& options, const std::string& threshold_help) {
  options.add_options()("threshold,t",
                        po::value(&match_.threshold)
                            ->default_value(match_.threshold, fmt::format("{}", match_.threshold)),
                        threshold_help.c_str())(
      "aliases", po::value(&aliases_),
      "file of terms that mean the same (acronyms, synonyms): one group per line, forms "
      "separated by tabs or ' = '")("exclude", po::value(&exclude_),
                                    "file of phrases that are never a point, one per line")(
      "clauses", po::value(&match_.clauses)->default_value(match_.clauses),
      "compare clauses, so that a point inside a longer sentence matches (0 = whole sentences)")(
      "stem", po::value(&match_.stem)->default_value(match_.stem),
      "stem words, so that 'opposes' is 'opposed' (0 = off)")(
      "threads", po::value(&match_.threads)->default_value(match_.threads),
      "worker threads, 0 = one per core");
}

Result<MatchOptions> MatchFlags::Build() const {
  REFRAIN_RETURN_IF_ERROR(CheckThreshold(match_.threshold, "--threshold"));
  if (match_.threads < 0) return Status::BadUsage("--threads must be 0 (one per core) or more");
  MatchOptions match = match_;
  match.aliases_file = aliases_;
  match.exclude_file = exclude_;
  match.progress = TerminalProgress();
  return match;
}

Result<CorpusOptions> CorpusFlags::Build() {
  CorpusOptions options;
  if (corpus_.empty()) return Status::BadUsage("no corpus given (a folder or files)");
  inputs_.assign(corpus_.begin(), corpus_.end());
  ReaderOptions& reader = options.reader;
  reader.lines = lines_;
  reader.glob = glob_;
  for (auto [text, slot] : {std::pair{&from_, &reader.from}, std::pair{&to_, &reader.to}}) {
    if (text->empty()) continue;
    std::optional<Date> date = Date::Parse(*text);
    if (!date)
      return Status::BadUsage(
          fmt::format("not a date: '{}' (use YYYY, YYYY-MM or YYYY-MM-DD)", *text));
    *slot = *date;
  }
  for (const std::string& pair : where_) {
    size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0)
      return Status::BadUsage(fmt::format("--where takes KEY=VALUE, not '{}'", pair));
    reader.where.emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
  }
  if (undated_ == "error")
    reader.undated = ReaderOptions::Undated::kError;
  else if (undated_ == "skip")
    reader.undated = ReaderOptions::Undated::kSkip;
  else if (undated_ == "keep")
    reader.undated = ReaderOptions::Undated::kKeep;
  else
    return Status::BadUsage(fmt::format("--undated takes error, skip or keep, not '{}'", undated_));
  reader.progress = TerminalProgress();
  return options;
}

int ParseArgs(int argc, char** argv, const std::string& usage, po::options_description& options,
              const po::positional_options_description& positional, po::variables_map& vm,
              const std::string& examples) {
  options.add_options()("help,h", "show this help");
  try {
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(),
              vm);
    if (vm.count("help")) {
      std::cout << usage << "\n\n" << options << "\nExamples:\n" << examples;
      return kExitOk;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "refrain " << argv[0] << ": " << e.what() << "\n"
              << "usage: " << usage << "\n(see refrain " << argv[0] << " --help)\n";
    return kExitBadUsage;
  }
  return -1;
}

int ReportError(const Status& status) {
  std::cerr << "refrain: " << status.message() << "\n";
  return status.code() == Status::Code::kBadUsage ? kExitBadUsage : kExitBadInput;
}

std::optional<Corpus> LoadOrReport(CorpusFlags& flags, int* exit_code) {
  Result<CorpusOptions> options = flags.Build();
  if (!options.ok()) {
    *exit_code = ReportError(options.status());
    return std::nullopt;
  }
  Result<Corpus> corpus = LoadCorpus(flags.inputs(), *options);
  if (!corpus.ok()) {
    *exit_code = ReportError(corpus.status());
    return std::nullopt;
  }
  for (const Diagnostic& w : corpus->warnings) {
    std::cerr << "refrain: warning: " << w.file;
    if (w.line) std::cerr << ":" << w.line;
    std::cerr << ": " << w.message << "\n";
  }
  return std::move(corpus).value();
}

ProgressFn TerminalProgress() {
  if (!isatty(STDERR_FILENO)) return nullptr;
  auto start = std::chrono::steady_clock::now();
  auto last = start;
  return [start, last](std::string_view stage, uint64_t done, uint64_t total) mutable {
    auto now = std::chrono::steady_clock::now();
    if (now - start < std::chrono::seconds(2) || now - last < std::chrono::milliseconds(200)) {
      if (!(total && done == total && now - start >= std::chrono::seconds(2))) return;
    }
    last = now;
    if (total)
      fmt::print(stderr, "\r{}: {}/{} ({:.0f}%)\033[K", stage, done, total, 100.0 * done / total);
    else
      fmt::print(stderr, "\r{}: {}\033[K", stage, done);
    if (total && done == total) fmt::print(stderr, "\n");
  };
}

}  // namespace refrain::cli
