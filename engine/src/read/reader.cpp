// Finds a corpus's documents, reads them, and hands each format to its reader
// (plain_text, markdown_text, html_text). Format knowledge lives in those; here
// live the document set (manifest, skip rules, filters), dates and bad input.
#include "refrain/reader.h"

#include <fmt/format.h>
#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <system_error>

#include "html_text.h"
#include "manifest.h"
#include "markdown_text.h"
#include "plain_text.h"
#include "source_text.h"
#include "text_shape.h"
#include "util/parallel.h"
#include "util/text.h"

namespace refrain {

namespace fs = std::filesystem;

namespace {

using text::AsciiLower;

using internal::Manifest;
using internal::ManifestRow;
using internal::ReadManifest;

enum class Format { kPlain, kMarkdown, kHtml, kNone };

Format FormatOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  const size_t dot = path.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return Format::kNone;
  const std::string ext = AsciiLower(std::string_view(path).substr(dot + 1));
  if (ext == "txt" || ext == "text") return Format::kPlain;
  if (ext == "md" || ext == "markdown") return Format::kMarkdown;
  if (ext == "html" || ext == "htm" || ext == "xhtml") return Format::kHtml;
  return Format::kNone;
}

std::string_view FileName(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool IsManifestName(std::string_view name) {
  const std::string lower = AsciiLower(name);
  return lower == "manifest.csv" || lower == "manifest.tsv";
}

// README*, SOURCE*, LICENSE*: notes about a corpus, not documents of it.
bool IsCorpusNote(std::string_view name) {
  const std::string lower = AsciiLower(name);
  for (std::string_view prefix : {"readme", "source", "license", "licence"})
    if (lower.starts_with(prefix)) return true;
  return false;
}

// ---- dates -----------------------------------------------------------------

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// A date in a file name: "YYYY-MM-DD" anywhere (not glued to more digits), else the
// last "_YYYY" token (1900..2100) that ends the stem or is followed by a separator,
// so that digits inside a hash or an id ("001_45977d61", "t1558711") never count.
std::optional<Date> FileNameDate(std::string_view name) {
  const size_t dot = name.rfind('.');
  const std::string_view stem = dot == std::string_view::npos ? name : name.substr(0, dot);
  for (size_t i = 0; i + 10 <= stem.size(); ++i) {
    if (i > 0 && IsAlnum(stem[i - 1])) continue;
    if (i + 10 < stem.size() && IsDigit(stem[i + 10])) continue;
    std::string_view s = stem.substr(i, 10);
    if (!(IsDigit(s[0]) && IsDigit(s[1]) && IsDigit(s[2]) && IsDigit(s[3]) && s[4] == '-' &&
          IsDigit(s[5]) && IsDigit(s[6]) && s[7] == '-' && IsDigit(s[8]) && IsDigit(s[9])))
      continue;
    if (std::optional<Date> d = Date::Parse(s)) return d;
  }
  std::optional<Date> found;
  for (size_t i = 0; i + 5 <= stem.size(); ++i) {
    if (stem[i] != '_') continue;
    std::string_view s = stem.substr(i + 1, 4);
    if (!std::all_of(s.begin(), s.end(), IsDigit)) continue;
    if (i + 5 < stem.size() && IsAlnum(stem[i + 5])) continue;
    const int year = std::stoi(std::string(s));
    if (year < 1900 || year > 2100) continue;
    found = Date{year, 0, 0, Date::Precision::kYear};
  }
  return found;
}

Date Truncate(Date d, Date::Precision p) {
  if (p < Date::Precision::kDay) d.day = 0;
  if (p < Date::Precision::kMonth) d.month = 0;
  d.precision = std::min(d.precision, p);
  return d;
}

// Compares two dates at the coarser of their precisions: 2024 is neither before
// nor after 2024-03.
std::strong_ordering CompareCoarse(const Date& a, const Date& b) {
  const Date::Precision p = std::min(a.precision, b.precision);
  return Truncate(a, p) <=> Truncate(b, p);
}

// ---- manifest ---------------------------------------------------------------

// ---- files --------------------------------------------------------------------

struct Candidate {
  std::string path;  // relative to the root, '/'-separated
  fs::path file;
};

Status ReadBytes(const fs::path& file, const std::string& name, std::string& out) {
  std::FILE* f = std::fopen(file.c_str(), "rb");
  if (!f) return Status::IoError(fmt::format("{}: cannot read: {}", name, std::strerror(errno)));
  std::error_code ec;
  const uintmax_t size = fs::file_size(file, ec);
  out.clear();
  if (!ec) out.resize(size);
  size_t got = ec ? 0 : std::fread(out.data(), 1, out.size(), f);
  out.resize(got);
  // The file may have grown since it was measured (or its size was unknown).
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return Status::IoError(fmt::format("{}: read error", name));
  return Status::Ok();
}

// Binary: a NUL byte, or more than a tenth control bytes, in the first 64 KiB.
bool LooksBinary(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 1 << 16);
  if (head.find('\0') != std::string_view::npos) return true;
  size_t control = 0;
  for (unsigned char c : head)
    if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v') || c == 0x7F)
      ++control;
  return control * 10 > head.size();
}

bool IsEmptyText(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  return bytes.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

void WarnInvalidUtf8(const internal::SourceText& source, const std::string& path,
                     std::vector<Diagnostic>& warnings) {
  const auto& bad = source.invalid();
  if (bad.empty()) return;
  Diagnostic d;
  d.file = path;
  d.offset = bad.front().first;
  d.line = source.LineAt(d.offset);
  d.message =
      bad.size() == 1
          ? fmt::format("invalid UTF-8 at byte offset {}, shown as U+FFFD", d.offset)
          : fmt::format("invalid UTF-8 at byte offset {} and {} more places, shown as U+FFFD",
                        d.offset, bad.size() - 1);
  warnings.push_back(std::move(d));
}

// --lines: each line of the file is a statement. One pass with memchr; the
// statement's own text is the only allocation per line.
// Returns the number of lines; statement ids count from 0 and `doc` is left 0.
uint64_t ReadLines(const std::string& bytes, const std::string& path,
                   std::vector<Statement>& statements, std::vector<Diagnostic>& warnings) {
  uint64_t next_id = 0;
  std::vector<std::pair<uint64_t, uint32_t>> invalid;
  internal::FindInvalidUtf8(bytes, invalid);
  size_t bad = 0;  // next invalid sequence to repair
  const char* data = bytes.data();
  const uint64_t size = bytes.size();
  uint64_t pos = bytes.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  while (pos < size) {
    const char* nl = static_cast<const char*>(std::memchr(data + pos, '\n', size - pos));
    const uint64_t stop = nl ? static_cast<uint64_t>(nl - data) : size;
    uint64_t end = stop;
    if (end > pos && data[end - 1] == '\r') --end;
    const uint64_t id = next_id++;
    uint64_t b = pos, e = end;
    while (b < e && internal::IsBlank(data[b])) ++b;
    while (e > b && internal::IsBlank(data[e - 1])) --e;
    if (b < e) {
      Statement st;
      st.id = id;
      st.start = pos;
      st.end = end;
      while (bad < invalid.size() && invalid[bad].first < pos) ++bad;
      if (bad < invalid.size() && invalid[bad].first < end) {
        for (uint64_t p = pos; p < end;) {
          if (bad < invalid.size() && invalid[bad].first < end) {
            st.text.append(data + p, invalid[bad].first - p);
            st.text.append(internal::kReplacementChar);
            p = invalid[bad].first + invalid[bad].second;
            ++bad;
          } else {
            st.text.append(data + p, end - p);
            p = end;
          }
        }
      } else {
        st.text.assign(data + pos, end - pos);
      }
      statements.push_back(std::move(st));
    }
    pos = stop + 1;
  }
  if (!invalid.empty()) {
    internal::SourceText source(bytes);
    WarnInvalidUtf8(source, path, warnings);
  }
  return next_id;
}

// What reading one file gave: an error, a reason to skip it, or a document (with
// its lines as statements under --lines), and warnings either way.
struct FileOutcome {
  Status status;
  std::string skip_reason;  // "" when the file is a document
  std::optional<Document> doc;
  std::vector<Statement> statements;  // --lines: ids from 0 within the file
  uint64_t lines = 0;                 // --lines: lines in the file, blank ones included
  std::vector<Diagnostic> warnings;
};

FileOutcome ReadOne(const Candidate& c, const Manifest* manifest, const ReaderOptions& options) {
  FileOutcome out;
  auto warn = [&](uint64_t offset, std::string message) {
    out.warnings.push_back({c.path, 0, offset, std::move(message)});
  };
  auto skip = [&](std::string reason) {
    out.skip_reason = std::move(reason);
    return std::move(out);
  };
  Document doc;
  doc.path = c.path;
  doc.file = c.file;
  const size_t slash = c.path.rfind('/');
  doc.source = slash == std::string::npos ? "" : c.path.substr(0, slash);
  doc.event = c.path;
  // Measured before it is opened: a FIFO named on the command line would block the open,
  // and a file over the limit is refused before it is read whole.
  constexpr uint64_t kMaxFileBytes = uint64_t{1} << 31;
  struct stat st {};
  if (::stat(c.file.c_str(), &st) == 0) {
    if (!S_ISREG(st.st_mode)) {
      warn(0, "not a regular file (a FIFO, socket or device), skipped");
      return skip("not a regular file");
    }
    if (static_cast<uint64_t>(st.st_size) > kMaxFileBytes) {
      out.status = Status::BadInput(fmt::format("{}: larger than 2 GiB", c.path));
      return out;
    }
  }
  out.status = ReadBytes(c.file, c.path, doc.bytes);
  if (!out.status.ok()) return out;
  if (doc.bytes.size() > kMaxFileBytes) {  // it grew while it was read
    out.status = Status::BadInput(fmt::format("{}: larger than 2 GiB", c.path));
    return out;
  }
  if (IsEmptyText(doc.bytes)) {
    warn(0, doc.bytes.empty() ? "empty file, skipped" : "empty file (white space only), skipped");
    return skip("empty");
  }
  if (LooksBinary(doc.bytes)) {
    const size_t nul = doc.bytes.find('\0');
    warn(
        nul == std::string::npos ? 0 : nul,
        nul == std::string::npos
            ? "binary file (mostly control bytes), skipped"
            : fmt::format("binary file (NUL byte at offset {}; UTF-16 is not read), skipped", nul));
    return skip("binary");
  }
  if (const size_t nul = doc.bytes.find('\0'); nul != std::string::npos)
    warn(nul, fmt::format("NUL byte at offset {}, past the first 64 KiB that tell binary files: "
                          "the file is read as text without its NUL bytes",
                          nul));

  const ManifestRow* row = nullptr;
  if (manifest) row = &manifest->rows.at(c.path);
  if (row) {
    doc.metadata = row->metadata;
    if (!row->event.empty()) doc.event = row->event;
    if (row->date) {
      doc.date = *row->date;
      doc.date_origin = "manifest";
    }
  }
  auto add_meta = [&doc](std::string key, std::string value) {
    if (doc.Meta(key).empty() &&
        std::none_of(doc.metadata.begin(), doc.metadata.end(),
                     [&](const MetadataEntry& m) { return m.first == key; }))
      doc.metadata.emplace_back(std::move(key), std::move(value));
  };

  std::optional<Diagnostic> front_matter_problem;  // said again if the date is then missing
  if (!options.lines) {
    internal::SourceText source(doc.bytes);
    WarnInvalidUtf8(source, c.path, out.warnings);
    Format format = FormatOf(c.path);
    if (format == Format::kNone) format = Format::kPlain;  // listed in the manifest
    if (format == Format::kPlain) {
      internal::ReadPlainText(source, doc);
    } else if (format == Format::kMarkdown) {
      internal::MarkdownFrontMatter front = internal::ReadMarkdown(source, doc);
      if (front.problem) out.warnings.push_back(*front.problem);
      front_matter_problem = front.problem;
      for (auto& [key, value] : front.metadata) add_meta(key, value);
      if (front.date && !doc.date.known()) {
        if (std::optional<Date> d = Date::Parse(*front.date)) {
          doc.date = *d;
          doc.date_origin = "front matter";
        } else {
          warn(0, fmt::format("front matter date '{}' is not a date", *front.date));
        }
      }
    } else {
      internal::HtmlPage page = internal::ReadHtml(source, doc);
      if (page.too_deep)
        return skip(fmt::format("HTML nested over {} elements deep", internal::kMaxHtmlDepth));
      if (!page.title.empty()) add_meta("title", page.title);
      if (page.unaligned)
        warn(0, fmt::format("{} text nodes could not be mapped byte by byte; their "
                            "offsets cover the whole node",
                            page.unaligned));
    }
  }
  if (!doc.date.known()) {
    if (std::optional<Date> d = FileNameDate(FileName(c.path))) {
      doc.date = *d;
      doc.date_origin = "file name";
    }
  }

  if (!doc.date.known() && !options.lines) {
    if (options.undated == ReaderOptions::Undated::kError) {
      // Broken front matter is the likely reason: its YAML error, not only "no date".
      const std::string why = front_matter_problem
                                  ? fmt::format(" (line {}: {})", front_matter_problem->line,
                                                front_matter_problem->message)
                                  : "";
      out.status = Status::BadInput(fmt::format(
          "{}: no date (none in {}front matter or file name){}; use --undated skip or keep", c.path,
          manifest ? manifest->name + ", " : "a manifest, ", why));
      return out;
    }
    if (options.undated == ReaderOptions::Undated::kSkip) return skip("undated");
  }
  if (options.from || options.to) {
    const bool inside = doc.date.known() &&
                        (!options.from || CompareCoarse(doc.date, *options.from) >= 0) &&
                        (!options.to || CompareCoarse(doc.date, *options.to) <= 0);
    if (!inside) return skip("outside --from/--to");
  }
  for (const auto& [key, value] : options.where) {
    bool hit = false;
    for (const auto& [k, v] : doc.metadata) hit |= k == key && v == value;
    if (!hit) return skip(fmt::format("--where {}={} does not hold", key, value));
  }
  if (options.lines) out.lines = ReadLines(doc.bytes, c.path, out.statements, out.warnings);
  out.doc = std::move(doc);
  return out;
}

}  // namespace

Result<Corpus> ReadCorpus(const std::vector<fs::path>& inputs, const ReaderOptions& options) {
  if (inputs.empty()) return Status::BadUsage("no corpus given (a folder or files)");
  if (options.from && options.to && CompareCoarse(*options.from, *options.to) > 0)
    return Status::BadUsage(fmt::format("--from {} is after --to {}: no date is in that range",
                                        options.from->ToString(), options.to->ToString()));
  Corpus corpus;
  std::vector<Candidate> candidates;
  std::error_code ec;
  const bool folder = inputs.size() == 1 && fs::is_directory(inputs[0], ec);
  if (folder) {
    corpus.root = inputs[0];
    const fs::path canonical_root = fs::canonical(corpus.root, ec);
    fs::recursive_directory_iterator it(corpus.root, fs::directory_options::none, ec), end;
    if (ec)
      return Status::IoError(fmt::format("{}: cannot list: {}", inputs[0].string(), ec.message()));
    for (; it != end; it.increment(ec)) {
      if (ec)
        return Status::IoError(
            fmt::format("{}: cannot list: {}", inputs[0].string(), ec.message()));
      std::error_code type_ec;
      // Lexically: fs::relative resolves links, which made a link's target its name.
      const std::string relative = it->path().lexically_relative(corpus.root).generic_string();
      if (it->is_symlink(type_ec)) {
        // Followed only to a file of the corpus, and then not read twice: a link is an alias.
        const fs::path target = fs::canonical(it->path(), type_ec);
        if (type_ec) {
          corpus.skipped.push_back({relative, "dangling symbolic link"});
        } else if (target.lexically_relative(canonical_root).generic_string().starts_with("..")) {
          corpus.skipped.push_back({relative, "symbolic link out of the corpus"});
        } else if (!fs::is_directory(target, type_ec)) {
          corpus.skipped.push_back({relative, "symbolic link (its target is read itself)"});
        }
        continue;
      }
      if (it->is_directory(type_ec)) continue;
      if (!it->is_regular_file(type_ec)) {
        corpus.skipped.push_back({relative, "not a regular file"});
        continue;
      }
      candidates.push_back({relative, it->path()});
    }
    // In path order, as the rest are: the listing's order is the file system's.
    std::sort(corpus.skipped.begin(), corpus.skipped.end(),
              [](const SkippedFile& a, const SkippedFile& b) { return a.path < b.path; });
  } else {
    std::vector<fs::path> absolute;
    for (const fs::path& input : inputs) {
      if (!fs::exists(input, ec))
        return Status::IoError(fmt::format("{}: no such file or directory", input.string()));
      if (fs::is_directory(input, ec))
        return Status::BadUsage(fmt::format(
            "{}: a folder among several inputs (give one folder, or files)", input.string()));
      absolute.push_back(fs::absolute(input, ec).lexically_normal());
    }
    // The root is the files' common folder.
    fs::path root = absolute[0].parent_path();
    for (const fs::path& a : absolute) {
      while (!root.empty() && a.lexically_relative(root).generic_string().starts_with(".."))
        root = root.parent_path();
    }
    corpus.root = root;
    for (size_t i = 0; i < inputs.size(); ++i)
      candidates.push_back({absolute[i].lexically_relative(root).generic_string(), inputs[i]});
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& a, const Candidate& b) { return a.path < b.path; });
  candidates.erase(
      std::unique(candidates.begin(), candidates.end(),
                  [](const Candidate& a, const Candidate& b) { return a.path == b.path; }),
      candidates.end());

  // A manifest at the root defines the document set.
  std::optional<Manifest> manifest;
  for (std::string name : {"manifest.csv", "MANIFEST.tsv", "MANIFEST.csv", "manifest.tsv"}) {
    const fs::path file = corpus.root / name;
    if (!fs::is_regular_file(file, ec)) continue;
    Result<Manifest> read = ReadManifest(file, corpus.root, name);
    if (!read.ok()) return read.status();
    manifest = std::move(read).value();
    break;
  }

  auto skip = [&](const std::string& path, std::string reason) {
    corpus.skipped.push_back({path, std::move(reason)});
  };
  std::vector<const Candidate*> to_read;
  for (const Candidate& c : candidates) {
    const std::string_view name = FileName(c.path);
    if (c.path.find('/') == std::string::npos && IsManifestName(name)) {
      skip(c.path, "manifest");
      continue;
    }
    if (manifest) {
      if (!manifest->rows.count(c.path)) {
        skip(c.path, fmt::format("not in {}", manifest->name));
        continue;
      }
    } else if (!(options.lines && !folder)) {  // files named for --lines are read as lines
      if (IsCorpusNote(name)) {
        skip(c.path, "README, SOURCE or LICENSE file");
        continue;
      }
      if (FormatOf(c.path) == Format::kNone) {
        const size_t dot = name.rfind('.');
        skip(c.path, dot == std::string_view::npos
                         ? std::string("not a text format (no extension)")
                         : fmt::format("not a text format ({})", name.substr(dot)));
        continue;
      }
    }
    if (!options.glob.empty() && fnmatch(options.glob.c_str(), c.path.c_str(), 0) != 0 &&
        fnmatch(options.glob.c_str(), std::string(name).c_str(), 0) != 0) {
      skip(c.path, "--glob does not match");
      continue;
    }
    to_read.push_back(&c);
  }

  // Files are read in parallel, each on its own; the results are then taken in
  // path order, so the corpus (and the first error) is the same for any thread count.
  std::vector<FileOutcome> outcomes(to_read.size());
  std::atomic<size_t> next{0};
  std::mutex progress_mutex;
  size_t done = 0;
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < to_read.size();) {
      outcomes[i] = ReadOne(*to_read[i], manifest ? &*manifest : nullptr, options);
      if (options.progress) {
        std::lock_guard<std::mutex> lock(progress_mutex);
        options.progress("reading", ++done, to_read.size());
      }
    }
  };
  parallel::RunWorkers(parallel::Workers(options.threads, to_read.size()), [&](size_t) { work(); });

  uint64_t next_line_id = 0;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    FileOutcome& outcome = outcomes[i];
    if (!outcome.status.ok()) return outcome.status;
    for (Diagnostic& w : outcome.warnings) corpus.warnings.push_back(std::move(w));
    if (!outcome.skip_reason.empty()) {
      corpus.skipped.push_back({to_read[i]->path, std::move(outcome.skip_reason)});
      continue;
    }
    const uint32_t doc_index = static_cast<uint32_t>(corpus.documents.size());
    // With --lines, ids run over the lines of the files kept, in path order.
    for (Statement& st : outcome.statements) {
      st.id += next_line_id;
      st.doc = doc_index;
    }
    next_line_id += outcome.lines;
    if (corpus.statements.empty())
      corpus.statements = std::move(outcome.statements);
    else
      corpus.statements.insert(corpus.statements.end(),
                               std::make_move_iterator(outcome.statements.begin()),
                               std::make_move_iterator(outcome.statements.end()));
    corpus.documents.push_back(std::move(*outcome.doc));
    outcome = FileOutcome();
  }
  return corpus;
}

}  // namespace refrain
