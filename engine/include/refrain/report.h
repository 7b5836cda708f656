// Stage report (src/report/), the last: results rendered for people (text, Markdown) and programs
// (JSON, CSV, TSV, HTML). Every JSON document carries "schema": 1, and every
// statement in it the same fields: id, doc, date, start, end, text, plus its
// document's metadata (title, place, source_url ... where known).
#ifndef REFRAIN_REPORT_H_
#define REFRAIN_REPORT_H_

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>

#include "refrain/status.h"
#include "refrain/types.h"

namespace refrain {

enum class Format { kText, kJson, kCsv, kTsv, kMarkdown, kHtml };

// Parses "text", "json", "csv", "tsv", "md", "html"; a usage error lists `allowed`.
Result<Format> ParseFormat(std::string_view name, std::initializer_list<Format> allowed);
std::string_view FormatName(Format format);

// The JSON schema version every JSON output carries.
inline constexpr int kJsonSchema = 1;

// A statement as JSON: id, doc, date, start, end, text, in a transcript its speaker and
// turn ("statement", "question", "answer"), then its document's metadata (keys that would
// shadow those fields are left out).
nlohmann::json StatementJson(const Corpus& corpus, const Statement& statement);

// `json` as text (indent -1: one line). Invalid UTF-8 in a string (which the reader
// repairs, so it should never reach here) is written as U+FFFD rather than failing.
std::string DumpJson(const nlohmann::json& json, int indent = -1);

// One CSV field, quoted per RFC 4180 when it needs to be.
std::string CsvField(std::string_view value);

// `text` on one line, as a text, TSV, CSV or Markdown cell holds it: tabs and line breaks
// become spaces.
std::string OneLine(std::string_view text);

// `refrain segments`: every statement, and with `show_dropped` every dropped span and skipped file.
void WriteSegments(std::ostream& out, const Corpus& corpus, Format format, bool show_dropped);

// `refrain stats`: counts of documents, statements, dropped spans, skipped files, date range.
void WriteStats(std::ostream& out, const Corpus& corpus, Format format);

}  // namespace refrain

#endif  // REFRAIN_REPORT_H_
