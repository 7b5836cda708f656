#include "command.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>

namespace refrain::cli {

namespace fs = std::filesystem;

po::typed_value<double>* NumberValue(double* value) {
  return po::value(value)->default_value(*value, fmt::format("{}", *value));
}

void AddSwitch(po::options_description& options, const std::string& name, bool* value,
               const std::string& help) {
  const std::string key = name.substr(0, name.find(','));
  options.add_options()(name.c_str(), po::bool_switch()->notifier([value](bool given) {
    if (given) *value = true;
  }),
                        (help + (*value ? " (on by default)" : " (off by default)")).c_str())(
      ("no-" + key).c_str(), po::bool_switch()->notifier([value](bool given) {
        if (given) *value = false;
      }),
      ("turn --" + key + " off").c_str());
}

namespace {

// The copy of standard input, made once, and the folder it is in, removed at exit.
struct StdinCopy {
  fs::path folder;
  fs::path file;
  std::string claimed_by;  // the argument that read it
  ~StdinCopy() {
    std::error_code ec;
    if (!folder.empty()) fs::remove_all(folder, ec);
  }
};
StdinCopy stdin_copy;

}  // namespace

Result<fs::path> InputFile(const std::string& value, const std::string& what,
                           const std::string& extension) {
  if (value != "-") return fs::path(value);
  if (!stdin_copy.claimed_by.empty())
    return Status::BadUsage(
        fmt::format("'-' for {}: standard input is read once, and {} already reads it", what,
                    stdin_copy.claimed_by));
  stdin_copy.claimed_by = what;
  std::string folder = (fs::temp_directory_path() / "refrain-stdin-XXXXXX").string();
  if (!mkdtemp(folder.data()))
    return Status::IoError(fmt::format("cannot copy standard input: {}", std::strerror(errno)));
  stdin_copy.folder = folder;
  stdin_copy.file = stdin_copy.folder / ("stdin" + extension);
  std::ofstream out(stdin_copy.file, std::ios::binary);
  out << std::cin.rdbuf();  // an empty standard input sets failbit on `out`: not an error
  out.clear(out.rdstate() & ~std::ios::failbit);
  out.close();
  if (!out || std::cin.bad())
    return Status::IoError(fmt::format("cannot copy standard input to {}: {}",
                                       stdin_copy.file.string(), std::strerror(errno)));
  return stdin_copy.file;
}

void Output::Add(po::options_description& options) {
  options.add_options()("output,o", po::value(&path_),
                        "write the result to FILE instead of standard output (FILE is replaced "
                        "only once the whole result is written)");
}

Status Output::Failed(int error) const {
  return Status::IoError(fmt::format("cannot write {}: {}",
                                     path_.empty() ? "standard output" : path_,
                                     std::strerror(error ? error : EIO)));
}

Status Output::Open() {
  if (path_.empty() || path_ == "-") {
    path_.clear();
    return Status::Ok();
  }
  const fs::path target(path_);
  std::error_code ec;
  const fs::file_status status = fs::status(target, ec);
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    file_.open(target, std::ios::binary);  // a device or a FIFO: written in place
    return file_ ? Status::Ok() : Failed(errno);
  }
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temp = (folder / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = mkstemp(temp.data());
  if (fd < 0) return Failed(errno);
  // mkstemp makes the file private (0600); the result gets the usual mode for new files.
  const mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  close(fd);
  temp_ = temp;
  file_.open(temp_, std::ios::binary | std::ios::trunc);
  return file_ ? Status::Ok() : Failed(errno);
}

Status Output::Check() {
  if (stream().good()) return Status::Ok();
  return Failed(errno);
}

int Output::Finish(const Status& written) {
  if (!written.ok()) {
    Status stream = Check();
    return ReportError(stream.ok() ? written : stream);
  }
  Status closed = Close();
  return closed.ok() ? kExitOk : ReportError(closed);
}

Status Output::Close() {
  std::ostream& out = stream();
  if (out) {  // else errno still says why an earlier write failed
    errno = 0;
    out.flush();
  }
  if (!out) return Failed(errno);
  if (!file_.is_open()) {
    // Standard output: what went through C stdio (fmt::print) is flushed and checked too.
    errno = 0;
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) return Failed(errno);
    return Status::Ok();
  }
  file_.close();
  if (!file_) return Failed(errno);
  if (!temp_.empty()) {
    std::error_code ec;
    fs::rename(temp_, path_, ec);
    if (ec) return Failed(ec.value());
    temp_.clear();
  }
  return Status::Ok();
}

Output::~Output() {
  if (temp_.empty()) return;
  file_.close();
  std::error_code ec;
  fs::remove(temp_, ec);
}

Status Output::WriteFile(const fs::path& target,
                         const std::function<Status(const fs::path&)>& write) {
  Output output;
  output.path_ = target.string();
  REFRAIN_RETURN_IF_ERROR(output.Open());
  output.file_.close();  // `write` opens the file itself, by path
  const fs::path to = output.temp_.empty() ? target : output.temp_;
  errno = 0;
  if (Status s = write(to); !s.ok()) return output.Failed(errno);
  if (!output.temp_.empty()) {
    std::error_code ec;
    fs::rename(output.temp_, target, ec);
    if (ec) return output.Failed(ec.value());
    output.temp_.clear();
  }
  return Status::Ok();
}

void CorpusFlags::Add(po::options_description& options,
                      po::positional_options_description& positional) {
  options.add_options()("corpus", po::value(&corpus_)->multitoken(),
                        "corpus folder, or files; - is one text file read from standard input "
                        "(named stdin.txt)");
  AddSwitch(options, "lines", &lines_,
            "read each line of the file(s) as one statement: no cleaning, no dates needed");
  options.add_options()("from", po::value(&from_),
                        "only documents dated on or after DATE (YYYY[-MM[-DD]])")(
      "to", po::value(&to_), "only documents dated on or before DATE (YYYY[-MM[-DD]])")(
      "where", po::value(&where_)->composing(),
      "only documents whose metadata has KEY=VALUE (repeatable; all must hold)")(
      "glob", po::value(&glob_), "only documents whose path matches this shell pattern")(
      "undated", po::value(&undated_)->default_value("error"),
      "documents without a date: error, skip or keep")(
      "speaker", po::value(&speaker_),
      "only the statements this speaker says: a transcript's label (\"MS. LEAVITT\", \"Zhao "
      "Lijian\"), in any case, or a surname (\"Leavitt\"); elsewhere who the sentence names "
      "(\"Lavrov said\", \"the Russian side\")");
  positional.add("corpus", -1);
}

void MatchFlags::Add(po::options_description& options, const std::string& threshold_help) {
  options.add_options()("threshold,t", NumberValue(&match_.threshold), threshold_help.c_str())(
      "aliases", po::value(&aliases_),
      "file of terms that mean the same (acronyms, synonyms): one group per line, forms "
      "separated by tabs or ' = ' (- = standard input)")(
      "exclude", po::value(&exclude_),
      "file of phrases that are never a point, one per line (- = standard input)");
  AddSwitch(options, "clauses", &match_.clauses,
            "compare clauses, so that a point inside a longer sentence matches (off: whole "
            "sentences)");
  AddSwitch(options, "stem", &match_.stem, "stem words, so that 'opposes' is 'opposed'");
  AddSwitch(options, "stop-words", &match_.stop_words, "drop English stop words");
  AddSwitch(options, "learn-aliases", &match_.learn_aliases,
            "learn \"Long Form (ABBR)\" definitions from the corpus");
  AddSwitch(options, "builtin-aliases", &match_.builtin_aliases,
            "use the built-in acronyms and country names");
  options.add_options()("ngram-max", po::value(&match_.ngram_max)->default_value(match_.ngram_max),
                        "longest word n-gram compared")(
      "object-mismatch-factor", NumberValue(&match_.object_mismatch_factor),
      "score factor when each side names a proper noun the other does not (1 = off)")(
      "threads", po::value(&match_.threads)->default_value(match_.threads),
      "worker threads, 0 = one per core");
}

Result<MatchOptions> MatchFlags::Build() const {
  REFRAIN_RETURN_IF_ERROR(CheckThreshold(match_.threshold, "--threshold"));
  if (match_.threads < 0) return Status::BadUsage("--threads must be 0 (one per core) or more");
  MatchOptions match = match_;
  if (!aliases_.empty()) {
    Result<fs::path> file = InputFile(aliases_, "--aliases");
    if (!file.ok()) return file.status();
    match.aliases_file = *file;
  }
  if (!exclude_.empty()) {
    Result<fs::path> file = InputFile(exclude_, "--exclude");
    if (!file.ok()) return file.status();
    match.exclude_file = *file;
  }
  match.progress = TerminalProgress();
  return match;
}

void PointsFlags::Add(po::options_description& options) {
  TalkingPointsOptions& points = options_;
  options.add_options()(
      "min-events", po::value(&points.min_events)->default_value(points.min_events),
      "a point must be made in at least this many distinct events (manifest 'event' column, "
      "else the document)")(
      "min-words", po::value(&points.min_words)->default_value(points.min_words),
      "a phrase of fewer distinct content words (not stop words, not numbers) than this is "
      "no point")(
      "stock-min-docs", po::value(&points.stock_min_docs)->default_value(points.stock_min_docs),
      "a phrasing at an end (first or last statements) of at least this many documents "
      "is stock phrasing (dateline, salutation, sign-off), reported apart, not a point")(
      "stock-share", NumberValue(&points.stock_min_share),
      "...and so is one at an end of at least this share of one source's (folder's) "
      "documents")("claims-min-events",
                   po::value(&points.claims_min_events)->default_value(points.claims_min_events),
                   "the parser reads the cores of points made in at least this many events "
                   "(smaller points: the ceremony phrases only)");
  AddSwitch(options, "keep-ceremony", &points.keep_ceremony,
            "list ceremony (protocol, thanks, greetings, biography, sign-offs, deflections) among "
            "the talking points instead of apart");
  AddSwitch(options, "no-claims", &no_claims_,
            "do not read candidate cores with the parser (faster; claimless fragments may then "
            "be cores, and ceremony is told by the built-in phrases only)");
  AddSwitch(options, "no-verify", &no_verify_,
            "keep every TF-IDF variant: do not check each against its core with the claims "
            "aligner (faster; variants may then make another claim)");
  AddSwitch(options, "join-phrasings", &points.join_phrasings,
            "join points whose cores make the same claim in other words into one point with "
            "several phrasings (slower: about twice the CPU on wh-briefings)");
  AddSwitch(options, "include-questions", &points.include_questions,
            "let a transcript's questions (a reporter's, \"Q\") be talking points");
}

Result<TalkingPointsOptions> PointsFlags::Build() {
  REFRAIN_RETURN_IF_ERROR(Validate(options_));
  TalkingPointsOptions points = options_;
  // The parser reads candidate cores only (about one per point), not every unit.
  if (!no_claims_) {
    if (!reader_) {
      Result<Parser> loaded = Parser::Load();
      if (!loaded.ok()) return loaded.status();
      parser_.emplace(std::move(loaded).value());
      reader_.emplace(&*parser_, nullptr, ClaimOptions{.aliases = &aliases_});
    }
    points.claims = &*reader_;
  }
  points.verify_variants = !no_verify_;
  points.progress = TerminalProgress();
  return points;
}

Result<CorpusOptions> CorpusFlags::Build() {
  CorpusOptions options;
  if (corpus_.empty()) return Status::BadUsage("no corpus given (a folder or files)");
  inputs_.assign(corpus_.begin(), corpus_.end());
  if (std::find(corpus_.begin(), corpus_.end(), "-") != corpus_.end()) {
    if (corpus_.size() > 1)
      return Status::BadUsage("- (standard input) must be the only corpus input");
    Result<fs::path> file = InputFile("-", "the corpus");
    if (!file.ok()) return file.status();
    inputs_ = {*file};
  }
  ReaderOptions& reader = options.reader;
  reader.lines = lines_;
  reader.glob = glob_;
  options.speaker = speaker_;
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

namespace {

// A switch's --NAME=0|1 / --NAME true|false, the spellings before AddSwitch, as --NAME or
// --no-NAME; every other argument as it is.
std::vector<std::string> OldSwitchSpellings(int argc, char** argv,
                                            const po::options_description& options) {
  const auto truth = [](std::string_view word) -> std::optional<bool> {
    for (const char* yes : {"1", "true", "yes", "on"})
      if (word == yes) return true;
    for (const char* no : {"0", "false", "no", "off"})
      if (word == no) return false;
    return std::nullopt;
  };
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (!arg.starts_with("--")) {
      args.emplace_back(arg);
      continue;
    }
    const size_t eq = arg.find('=');
    const std::string name(arg.substr(2, eq == std::string_view::npos ? eq : eq - 2));
    const bool is_switch = !name.starts_with("no-") && options.find_nothrow(name, false) &&
                           options.find_nothrow("no-" + name, false);
    std::optional<bool> value;
    if (is_switch && eq != std::string_view::npos) {
      value = truth(arg.substr(eq + 1));
    } else if (is_switch && i + 1 < argc) {
      value = truth(argv[i + 1]);
      if (value) ++i;
    }
    if (value)
      args.push_back((*value ? "--" : "--no-") + name);
    else
      args.emplace_back(arg);
  }
  return args;
}

}  // namespace

int ParseArgs(int argc, char** argv, const std::string& usage, po::options_description& options,
              const po::positional_options_description& positional, po::variables_map& vm,
              const std::string& examples) {
  options.add_options()("help,h", "show this help")("version", "print the version");
  try {
    po::store(po::command_line_parser(OldSwitchSpellings(argc, argv, options))
                  .options(options)
                  .positional(positional)
                  .run(),
              vm);
    if (vm.count("help")) {
      std::cout << usage << "\n\n" << options << "\nExamples:\n" << examples;
      return kExitOk;
    }
    if (vm.count("version")) {
      std::cout << "refrain " << refrain::kVersion << "\n";
      return kExitOk;
    }
    for (const auto& [name, value] : vm) {
      if (!name.starts_with("no-") || value.defaulted()) continue;
      const auto positive = vm.find(name.substr(3));
      if (positive != vm.end() && !positive->second.defaulted())
        throw po::error("--" + name.substr(3) + " and --" + name + " contradict each other");
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
  if (!options->speaker.empty())
    std::cerr << "refrain: " << corpus->statements.size() << " statement(s) attributed to "
              << options->speaker << "\n";
  return std::move(corpus).value();
}

namespace {

// "42s", "3m05s", "1h20m": a time left, as precise as it is worth.
std::string Duration(double seconds) {
  const long s = std::lround(seconds);
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}h{:02}m", s / 3600, s % 3600 / 60);
}

}  // namespace

ProgressFn TerminalProgress() {
  if (!isatty(STDERR_FILENO)) return nullptr;
  using Clock = std::chrono::steady_clock;
  const Clock::time_point start = Clock::now();
  Clock::time_point last = start, stage_start = start;
  std::string stage_name;
  return [=](std::string_view stage, uint64_t done, uint64_t total) mutable {
    const Clock::time_point now = Clock::now();
    if (stage != stage_name) {  // a new stage: its own clock for the time left
      stage_name = stage;
      stage_start = now;
    }
    if (now - start < std::chrono::seconds(2) || now - last < std::chrono::milliseconds(200)) {
      if (!(total && done == total && now - start >= std::chrono::seconds(2))) return;
    }
    last = now;
    if (total) {
      // The rate so far, once the stage has run long enough for it to mean something.
      const double elapsed = std::chrono::duration<double>(now - stage_start).count();
      const std::string left =
          done > 0 && done < total && elapsed >= 1
              ? ", " + Duration(elapsed * static_cast<double>(total - done) / done) + " left"
              : "";
      fmt::print(stderr, "\r{}: {}/{} ({:.0f}%{})\033[K", stage, done, total, 100.0 * done / total,
                 left);
    } else {
      fmt::print(stderr, "\r{}: {}\033[K", stage, done);
    }
    if (total && done == total) fmt::print(stderr, "\n");
  };
}

}  // namespace refrain::cli
