// The manifest of a corpus: RFC 4180 records into rows (see manifest.h).
#include "manifest.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

#include "util/text.h"

namespace refrain::internal {

namespace fs = std::filesystem;

namespace {

using text::AsciiLower;

// Splits delimited text into records of fields, each with its starting line.
// Hand-written because none of the project's libraries reads RFC 4180: quoted
// fields with doubled quotes and line breaks (Boost's escaped_list_separator
// uses backslash escapes and works line by line). A quote still open at the end of `text` is
// an error naming `name` and the line where the field opened (it would swallow every row
// after it), and so is text after a closing quote (one row's stray quote closing on a later
// row's, which would swallow the rows between).
Result<std::vector<std::pair<uint64_t, std::vector<std::string>>>> SplitRecords(
    std::string_view text, char delimiter, const std::string& name) {
  std::vector<std::pair<uint64_t, std::vector<std::string>>> records;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  uint64_t line = 1;
  size_t i = 0;
  while (i < text.size()) {
    std::vector<std::string> fields;
    const uint64_t record_line = line;
    std::string field;
    bool quoted = false, done = false;
    uint64_t quote_line = 0;  // where the open quoted field began
    while (!done) {
      if (i >= text.size()) {
        if (quoted)
          return Status::BadInput(
              fmt::format("{}:{}: a quoted field opened on this line never closes (a '\"' missing)",
                          name, quote_line));
        fields.push_back(std::move(field));
        break;
      }
      const char c = text[i];
      if (quoted) {
        if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          i += 2;
        } else if (c == '"') {
          quoted = false;
          ++i;
          // A quote that closes mid-field closed someone else's field: say where it opened.
          if (i < text.size() && text[i] != delimiter && text[i] != '\n' && text[i] != '\r')
            return Status::BadInput(fmt::format(
                "{}:{}: text after the closing '\"' of a quoted field opened on line {}", name,
                line, quote_line));
        } else {
          if (c == '\n') ++line;
          field += c;
          ++i;
        }
      } else if (c == '"' && field.empty()) {
        quoted = true;
        quote_line = line;
        ++i;
      } else if (c == delimiter) {
        fields.push_back(std::move(field));
        field.clear();
        ++i;
      } else if (c == '\n' || c == '\r') {
        fields.push_back(std::move(field));
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        ++i;
        ++line;
        done = true;
      } else {
        field += c;
        ++i;
      }
    }
    const bool blank = fields.size() == 1 && fields[0].empty();
    if (!blank) records.emplace_back(record_line, std::move(fields));
  }
  return records;
}

std::string NormalizeRelative(std::string path) {
  std::replace(path.begin(), path.end(), '\\', '/');
  while (path.starts_with("./")) path.erase(0, 2);
  return fs::path(path).lexically_normal().generic_string();
}

}  // namespace

Result<Manifest> ParseManifest(std::string_view text, const fs::path& root,
                               const std::string& name) {
  const char delimiter = AsciiLower(name).ends_with(".tsv") ? '\t' : ',';
  auto split = SplitRecords(text, delimiter, name);
  if (!split.ok()) return split.status();
  auto& records = *split;
  if (records.empty()) return Status::BadInput(fmt::format("{}:1: empty manifest", name));
  const std::vector<std::string>& header = records[0].second;
  int file_col = -1, date_col = -1, event_col = -1;
  for (size_t c = 0; c < header.size(); ++c) {
    const std::string key = AsciiLower(header[c]);
    if (key == "file") file_col = static_cast<int>(c);
    if (key == "date") date_col = static_cast<int>(c);
    if (key == "event") event_col = static_cast<int>(c);
  }
  if (file_col < 0)
    return Status::BadInput(fmt::format("{}:1: no 'file' column in the header", name));
  Manifest manifest;
  manifest.name = name;
  for (size_t r = 1; r < records.size(); ++r) {
    const auto& [line, fields] = records[r];
    if (fields.size() != header.size())
      return Status::BadInput(fmt::format("{}:{}: {} fields, the header has {}", name, line,
                                          fields.size(), header.size()));
    ManifestRow row;
    row.line = line;
    const std::string path = NormalizeRelative(fields[file_col]);
    if (path.empty() || path.starts_with("../") || fs::path(path).is_absolute())
      return Status::BadInput(fmt::format("{}:{}: bad file '{}'", name, line, fields[file_col]));
    if (date_col >= 0 && !fields[date_col].empty()) {
      row.date = Date::Parse(fields[date_col]);
      if (!row.date)
        return Status::BadInput(
            fmt::format("{}:{}: bad date '{}' for {} (use YYYY, YYYY-MM or "
                        "YYYY-MM-DD)",
                        name, line, fields[date_col], path));
    }
    if (event_col >= 0) row.event = fields[event_col];
    for (size_t c = 0; c < header.size(); ++c)
      if (static_cast<int>(c) != file_col && static_cast<int>(c) != date_col)
        row.metadata.emplace_back(header[c], fields[c]);
    std::error_code ec;
    if (!fs::is_regular_file(root / path, ec))
      return Status::BadInput(fmt::format("{}:{}: {}: no such file", name, line, path));
    if (!manifest.rows.emplace(path, std::move(row)).second)
      return Status::BadInput(fmt::format("{}:{}: {} listed twice", name, line, path));
  }
  return manifest;
}

Result<Manifest> ReadManifest(const fs::path& file, const fs::path& root, const std::string& name) {
  std::string text;
  std::FILE* f = std::fopen(file.c_str(), "rb");
  if (!f) return Status::IoError(fmt::format("{}: cannot read: {}", name, std::strerror(errno)));
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return Status::IoError(fmt::format("{}: read error", name));
  return ParseManifest(text, root, name);
}

}  // namespace refrain::internal
