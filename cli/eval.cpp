// refrain eval: how well the matcher tells "same point" from "not" on labelled
// pairs of spans. Each span's corpus is found from its path, loaded once, and
// given its own Matcher (idf from that corpus); every pair is scored with the
// matcher of its first span's corpus and compared with its label.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "command.h"
#include "refrain/matcher.h"
#include "refrain/report.h"

namespace refrain::cli {
namespace {

namespace fs = std::filesystem;

struct Row {
  uint64_t line = 0;  // in the labels file
  std::string doc[2];
  uint64_t start[2] = {0, 0}, end[2] = {0, 0};
  int label = 0;
  // Filled while scoring.
  fs::path corpus[2];
  std::string text[2];
  Explanation explanation;
  bool skipped = false;
};

Result<uint64_t> ParseOffset(std::string_view text, const std::string& where) {
  uint64_t value = 0;
  if (text.empty()) return Status::BadInput(where + ": an empty offset");
  for (char c : text) {
    if (c < '0' || c > '9')
      return Status::BadInput(fmt::format("{}: '{}' is not a byte offset", where, text));
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value;
}

Result<std::vector<Row>> ReadLabels(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::IoError(fmt::format("{}: cannot read the labels file", file.string()));
  const std::vector<std::string> header = {"doc_a",   "start_a", "end_a", "doc_b",
                                           "start_b", "end_b",   "label"};
  std::vector<Row> rows;
  std::string line;
  for (uint64_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> cols;
    for (size_t begin = 0;;) {
      size_t tab = line.find('\t', begin);
      cols.push_back(line.substr(begin, tab - begin));
      if (tab == std::string::npos) break;
      begin = tab + 1;
    }
    const std::string where = fmt::format("{}:{}", file.string(), number);
    if (number == 1) {
      if (cols != header)
        return Status::BadInput(fmt::format("{}: the header must be the tab-separated columns {}",
                                            where, fmt::join(header, " ")));
      continue;
    }
    if (line.empty()) continue;
    if (cols.size() != 7)
      return Status::BadInput(fmt::format("{}: {} columns, want 7", where, cols.size()));
    Row row;
    row.line = number;
    for (int side = 0; side < 2; ++side) {
      row.doc[side] = cols[side * 3];
      Result<uint64_t> start = ParseOffset(cols[side * 3 + 1], where);
      if (!start.ok()) return start.status();
      Result<uint64_t> end = ParseOffset(cols[side * 3 + 2], where);
      if (!end.ok()) return end.status();
      if (*end <= *start)
        return Status::BadInput(fmt::format("{}: span [{}, {}) is empty", where, *start, *end));
      row.start[side] = *start;
      row.end[side] = *end;
    }
    if (cols[6] != "0" && cols[6] != "1")
      return Status::BadInput(fmt::format("{}: label must be 0 or 1, not '{}'", where, cols[6]));
    row.label = cols[6] == "1";
    rows.push_back(std::move(row));
  }
  if (in.bad()) return Status::IoError(fmt::format("{}: read error", file.string()));
  if (rows.empty()) return Status::BadInput(fmt::format("{}: no labelled pairs", file.string()));
  return rows;
}

// The corpus a document belongs to: the nearest folder above it that holds a manifest
// (manifest.csv or MANIFEST.tsv); else the folder right under a folder named "corpora"
// (../shared/corpora/ungdc/TXT/Session 57 - 2002/x.txt -> ../shared/corpora/ungdc); else
// the document's own folder.
fs::path CorpusOf(const fs::path& file) {
  const fs::path absolute = fs::absolute(file).lexically_normal();
  for (fs::path dir = absolute.parent_path(); !dir.empty(); dir = dir.parent_path()) {
    std::error_code ec;
    if (fs::exists(dir / "manifest.csv", ec) || fs::exists(dir / "MANIFEST.tsv", ec)) return dir;
    if (dir == dir.parent_path()) break;
  }
  for (fs::path dir = absolute.parent_path(); !dir.empty(); dir = dir.parent_path()) {
    if (dir.parent_path().filename() == "corpora") return dir;
    if (dir == dir.parent_path()) break;
  }
  return absolute.parent_path();
}

// The visible text of [start, end) of a document: what a reader sees of those bytes
// (HTML tags and entities, Markdown marks resolved), white space collapsed.
std::string VisibleText(const Document& doc, uint64_t start, uint64_t end) {
  const MappedText& mapped = doc.text;
  const auto first_at_or_after = [&](uint64_t offset) {
    size_t lo = 0, hi = mapped.size();
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (mapped.OriginalBegin(mid) < offset) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  };
  const size_t b = first_at_or_after(start), e = first_at_or_after(end);
  if (e <= b) return {};
  return mapped.text().substr(b, e - b);
}

struct Counts {
  int tp = 0, fp = 0, fn = 0, tn = 0, skipped = 0;
  double precision() const { return tp + fp ? static_cast<double>(tp) / (tp + fp) : 0; }
  double recall() const { return tp + fn ? static_cast<double>(tp) / (tp + fn) : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

std::string SharedTerms(const Explanation& e, size_t limit) {
  std::string out;
  for (size_t i = 0; i < e.shared.size() && i < limit; ++i)
    out += fmt::format("{}{} {:.3f}", i ? ", " : "", e.shared[i].term, e.shared[i].contribution);
  if (e.shared.size() > limit) out += fmt::format(", ... ({} more)", e.shared.size() - limit);
  return out;
}

}  // namespace

int RunEval(int argc, char** argv) {
  std::string labels_name, format_name, root_name, aliases_name, exclude_name;
  MatchOptions defaults;
  double threshold = defaults.threshold;
  int ngram_max = defaults.ngram_max;
  double mismatch = defaults.object_mismatch_factor;
  bool skip_missing = false, verbose = false, no_clauses = false, no_stem = false,
       no_stop_words = false, no_learn = false, no_builtin = false;
  po::options_description options("Options");
  options.add_options()("labels", po::value(&labels_name)->required(),
                        "labelled pairs: doc_a start_a end_a doc_b start_b end_b label (TSV)")(
      "threshold,t",
      po::value(&threshold)
          ->default_value(defaults.threshold, fmt::format("{}", defaults.threshold)),
      "a pair is predicted \"same point\" when its score is at least this, in (0, 1]")(
      "format", po::value(&format_name)->default_value("text"), "text or json")(
      "root", po::value(&root_name)->default_value("."),
      "folder the documents' paths are relative to")(
      "skip-missing", po::bool_switch(&skip_missing),
      "skip (and count) pairs whose files are missing instead of failing")(
      "verbose,v", po::bool_switch(&verbose),
      "list every pair judged wrong, with its texts and shared terms")(
      "aliases", po::value(&aliases_name),
      "user alias file: one group per line, forms "
      "separated by tabs or \" = \"")("exclude", po::value(&exclude_name),
                                      "phrases that are never a point, one per line")(
      "ngram-max", po::value(&ngram_max)->default_value(defaults.ngram_max), "longest word n-gram")(
      "no-clauses", po::bool_switch(&no_clauses), "compare whole spans, not their clauses")(
      "no-stem", po::bool_switch(&no_stem), "no stemming")(
      "no-stop-words", po::bool_switch(&no_stop_words), "keep stop words")(
      "no-learn-aliases", po::bool_switch(&no_learn),
      "do not learn \"Long Form (ABBR)\" from the corpus")(
      "no-builtin-aliases", po::bool_switch(&no_builtin), "do not use the built-in acronyms")(
      "object-mismatch-factor",
      po::value(&mismatch)->default_value(defaults.object_mismatch_factor),
      "score factor when each span names a proper noun the other does not (1 = off)");
  po::positional_options_description positional;
  positional.add("labels", 1);
  po::variables_map vm;
  int code = ParseArgs(argc, argv,
                       "refrain eval LABELS.tsv [--threshold T] [--format text|json] "
                       "[--skip-missing] [--verbose]",
                       options, positional, vm,
                       "  refrain eval tests/data/eval/labels-tune.tsv\n"
                       "  refrain eval tests/data/eval/labels-test.tsv --format json\n"
                       "  refrain eval tests/data/eval/labels-tune.tsv -t 0.4 --verbose\n"
                       "  refrain eval labels.tsv --skip-missing   # rows of absent corpora\n");
  if (code >= 0) return code;
  Result<Format> format = ParseFormat(format_name, {Format::kText, Format::kJson});
  if (!format.ok()) return ReportError(format.status());
  if (Status s = CheckThreshold(threshold, "--threshold"); !s.ok()) return ReportError(s);

  Result<std::vector<Row>> read = ReadLabels(labels_name);
  if (!read.ok()) return ReportError(read.status());
  std::vector<Row>& rows = *read;
  const fs::path root(root_name);

  // Which corpus each span's document belongs to; missing files fail or are skipped.
  std::map<fs::path, std::vector<std::string>> corpus_docs;  // corpus -> paths of its docs
  Counts counts;
  for (Row& row : rows) {
    for (int side = 0; side < 2 && !row.skipped; ++side) {
      const fs::path file = root / row.doc[side];
      std::error_code ec;
      if (!fs::is_regular_file(file, ec)) {
        if (!skip_missing)
          return ReportError(Status::BadInput(
              fmt::format("{}:{}: {}: no such file (--skip-missing skips such pairs)", labels_name,
                          row.line, file.string())));
        row.skipped = true;
        break;
      }
      row.corpus[side] = CorpusOf(file);
    }
    if (row.skipped) {
      ++counts.skipped;
      continue;
    }
    if (row.corpus[0] != row.corpus[1])
      std::cerr << fmt::format(
          "refrain eval: warning: {}:{}: the two documents are in different corpora ({} and {}); "
          "scored with the first's\n",
          labels_name, row.line, row.corpus[0].string(), row.corpus[1].string());
    for (int side = 0; side < 2; ++side) {
      const fs::path relative = (fs::absolute(root / row.doc[side]).lexically_normal())
                                    .lexically_relative(row.corpus[side]);
      corpus_docs[row.corpus[side]].push_back(relative.generic_string());
    }
  }

  MatchOptions match;
  match.threshold = threshold;
  match.clauses = !no_clauses;
  match.stem = !no_stem;
  match.stop_words = !no_stop_words;
  match.ngram_max = ngram_max;
  match.object_mismatch_factor = mismatch;
  match.learn_aliases = !no_learn;
  match.builtin_aliases = !no_builtin;
  if (!aliases_name.empty()) match.aliases_file = aliases_name;
  if (!exclude_name.empty()) match.exclude_file = exclude_name;
  match.progress = TerminalProgress();

  // One corpus, one matcher at a time: the whole corpus is read (its idf is the
  // corpus's), then its pairs are scored and it is let go.
  for (const auto& [corpus_root, docs] : corpus_docs) {
    std::cerr << "refrain eval: loading " << corpus_root.string() << "\n";
    CorpusOptions corpus_options;
    corpus_options.reader.undated = ReaderOptions::Undated::kKeep;
    corpus_options.reader.progress = TerminalProgress();
    Result<Corpus> corpus = LoadCorpus({corpus_root}, corpus_options);
    if (!corpus.ok()) return ReportError(corpus.status());
    Result<Matcher> matcher = Matcher::Build(*corpus, match);
    if (!matcher.ok()) return ReportError(matcher.status());
    for (Row& row : rows) {
      if (row.skipped || row.corpus[0] != corpus_root) continue;
      for (int side = 0; side < 2; ++side) {
        if (row.corpus[side] != corpus_root) {
          // A span of another corpus: its own bytes, read as they are.
          std::ifstream in(root / row.doc[side], std::ios::binary);
          std::string bytes((std::istreambuf_iterator<char>(in)), {});
          if (row.end[side] > bytes.size())
            return ReportError(Status::BadInput(fmt::format(
                "{}:{}: span [{}, {}) ends past the end of {} ({} bytes)", labels_name, row.line,
                row.start[side], row.end[side], row.doc[side], bytes.size())));
          row.text[side] = bytes.substr(row.start[side], row.end[side] - row.start[side]);
          continue;
        }
        const std::string relative = (fs::absolute(root / row.doc[side]).lexically_normal())
                                         .lexically_relative(corpus_root)
                                         .generic_string();
        Result<uint32_t> d = FindDocument(*corpus, relative);
        if (!d.ok())
          return ReportError(Status::BadInput(
              fmt::format("{}:{}: {} is not a document of corpus {}: {}", labels_name, row.line,
                          row.doc[side], corpus_root.string(), d.status().message())));
        const Document& doc = corpus->documents[*d];
        if (row.end[side] > doc.bytes.size())
          return ReportError(Status::BadInput(fmt::format(
              "{}:{}: span [{}, {}) ends past the end of {} ({} bytes)", labels_name, row.line,
              row.start[side], row.end[side], row.doc[side], doc.bytes.size())));
        row.text[side] = VisibleText(doc, row.start[side], row.end[side]);
        if (row.text[side].empty())
          return ReportError(Status::BadInput(
              fmt::format("{}:{}: span [{}, {}) of {} has no visible text", labels_name, row.line,
                          row.start[side], row.end[side], row.doc[side])));
      }
      row.explanation = matcher->Compare(row.text[0], row.text[1]);
    }
  }

  for (const Row& row : rows) {
    if (row.skipped) continue;
    const bool predicted = row.explanation.score >= threshold - kScoreSlack;
    if (predicted && row.label) ++counts.tp;
    if (predicted && !row.label) ++counts.fp;
    if (!predicted && row.label) ++counts.fn;
    if (!predicted && !row.label) ++counts.tn;
  }

  if (*format == Format::kJson) {
    nlohmann::json pairs = nlohmann::json::array();
    for (const Row& row : rows) {
      nlohmann::json j = {{"line", row.line},    {"doc_a", row.doc[0]}, {"start_a", row.start[0]},
                          {"end_a", row.end[0]}, {"doc_b", row.doc[1]}, {"start_b", row.start[1]},
                          {"end_b", row.end[1]}, {"label", row.label}};
      if (row.skipped) {
        j["skipped"] = true;
      } else {
        j["score"] = row.explanation.score;
        j["cosine"] = row.explanation.cosine;
        j["different"] = row.explanation.different;
        j["predicted"] = row.explanation.score >= threshold - kScoreSlack ? 1 : 0;
        nlohmann::json shared = nlohmann::json::array();
        for (const TermContribution& t : row.explanation.shared)
          shared.push_back({{"term", t.term}, {"contribution", t.contribution}});
        j["shared"] = std::move(shared);
      }
      pairs.push_back(std::move(j));
    }
    nlohmann::json j = {{"schema", kJsonSchema},     {"labels", labels_name},
                        {"threshold", threshold},    {"precision", counts.precision()},
                        {"recall", counts.recall()}, {"f1", counts.f1()},
                        {"tp", counts.tp},           {"fp", counts.fp},
                        {"fn", counts.fn},           {"tn", counts.tn},
                        {"skipped", counts.skipped}, {"pairs", std::move(pairs)}};
    std::cout << DumpJson(j, 2) << "\n";
  } else {
    if (verbose)
      for (const Row& row : rows) {
        if (row.skipped) continue;
        const bool predicted = row.explanation.score >= threshold - kScoreSlack;
        if (predicted == static_cast<bool>(row.label)) continue;
        fmt::print(std::cout,
                   "{} line {}: score {:.3f}, label {}\n  A {} [{},{}): {}\n  B {} [{},{}): {}\n  "
                   "shared: {}\n",
                   predicted ? "false positive" : "false negative", row.line, row.explanation.score,
                   row.label, row.doc[0], row.start[0], row.end[0], OneLine(row.text[0]),
                   row.doc[1], row.start[1], row.end[1], OneLine(row.text[1]),
                   SharedTerms(row.explanation, 8));
      }
    fmt::print(
        std::cout,
        "threshold {:.3f}: precision {:.3f}  recall {:.3f}  f1 {:.3f}  (tp {}, fp {}, fn {}, "
        "tn {}{})\n",
        threshold, counts.precision(), counts.recall(), counts.f1(), counts.tp, counts.fp,
        counts.fn, counts.tn,
        counts.skipped ? fmt::format(", {} pairs skipped: files missing", counts.skipped) : "");
  }
  std::cout.flush();
  return kExitOk;
}

}  // namespace refrain::cli
