// Stage report (src/report/), the last: results rendered for people (text, Markdown) and programs
// (JSON, CSV, TSV, HTML), one source file per result kind. Writers stream: they write while
// they walk the result and hold no copy of the output. Every JSON document carries
// "schema": 1, and every statement in it the same object: id, doc, date, start, end, text,
// plus its document's metadata (title, place, source_url ... where known).
// This header: the formats, what every writer shares, and the corpus's own results
// (segments, stats). The other results' writers: vectorize_report.h, pairs_report.h,
// points_report.h (talking points, compare), themes_report.h (themes, shifts).
#ifndef REFRAIN_REPORT_H_
#define REFRAIN_REPORT_H_

#include <initializer_list>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

#include "refrain/status.h"
#include "refrain/types.h"

namespace refrain {

// Every output format. A new format is a value here, its name in report.cpp, and a branch
// in the writers that support it (each lists its formats next to its declaration).
enum class ReportFormat { kText, kJson, kCsv, kTsv, kMarkdown, kHtml };

// "text", "json", "csv", "tsv", "md", "html": the --format vocabulary.
std::string_view ReportFormatName(ReportFormat format);

// Parses a --format value: one of `supported` (a writer's k...Formats) by name; any other
// name is a usage error listing `supported`.
Result<ReportFormat> ParseReportFormat(std::string_view name,
                                       std::span<const ReportFormat> supported);
Result<ReportFormat> ParseReportFormat(std::string_view name,
                                       std::initializer_list<ReportFormat> supported);

// The JSON schema version every JSON output carries.
inline constexpr int kJsonSchema = 1;

// Writes `statement` to `out` as JSON, on one line: the object every command writes (id, doc,
// date, start, end, text, in a transcript its speaker and turn ("statement", "question",
// "answer"), then its document's metadata, keys in byte order; metadata that
// would shadow those fields is left out), for programs that put refrain's statements in
// their own JSON. An I/O error when `out` fails.
Status WriteStatementJson(std::ostream& out, const Corpus& corpus, const Statement& statement);

// One CSV field, quoted per RFC 4180 when it needs to be.
std::string CsvField(std::string_view value);

// `text` on one line, as a text, TSV, CSV or Markdown cell holds it: tabs and line breaks
// become spaces.
std::string OneLine(std::string_view text);

// `refrain segments`: every statement, and with `show_dropped` every dropped span and
// skipped file. Text: "id  date  doc:start-end  text" lines; CSV: kind,id,doc,date,start,
// end,text,reason; JSON: {"schema", "statements", and "dropped", "skipped" when shown}.
inline constexpr ReportFormat kSegmentsFormats[] = {ReportFormat::kText, ReportFormat::kJson,
                                                    ReportFormat::kCsv};
Status WriteSegments(std::ostream& out, const Corpus& corpus, ReportFormat format,
                     bool show_dropped);

// `refrain stats`: counts of documents, statements, dropped spans and skipped files (by
// reason), warnings, and the date range.
inline constexpr ReportFormat kStatsFormats[] = {ReportFormat::kText, ReportFormat::kJson};
Status WriteStats(std::ostream& out, const Corpus& corpus, ReportFormat format);

}  // namespace refrain

#endif  // REFRAIN_REPORT_H_
