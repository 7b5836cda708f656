// `refrain stats`: what a corpus holds.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <map>

#include "refrain/report.h"
#include "report/report_internal.h"

namespace refrain {

Status WriteStats(std::ostream& out, const Corpus& corpus, ReportFormat format) {
  REFRAIN_RETURN_IF_ERROR(RequireFormat(format, kStatsFormats, "stats"));
  std::map<std::string, size_t> dropped_by_reason, skipped_by_reason;
  for (const DroppedSpan& d : corpus.dropped) ++dropped_by_reason[d.reason];
  for (const SkippedFile& f : corpus.skipped) ++skipped_by_reason[f.reason];
  Date first, last;
  for (const Document& doc : corpus.documents) {
    if (!doc.date.known()) continue;
    if (!first.known() || doc.date < first) first = doc.date;
    if (!last.known() || last < doc.date) last = doc.date;
  }
  if (format == ReportFormat::kJson) {
    auto counts = [](JsonWriter& json, const std::map<std::string, size_t>& by_reason) {
      json.BeginObject();
      for (const auto& [reason, n] : by_reason) json.Field(reason, n);
      json.EndObject();
    };
    JsonWriter json(out);
    json.BeginObject()
        .Field("documents", corpus.documents.size())
        .Field("dropped", corpus.dropped.size())
        .Key("dropped_by_reason");
    counts(json, dropped_by_reason);
    json.Field("first", first.ToString())
        .Field("last", last.ToString())
        .Field("schema", kJsonSchema)
        .Field("skipped", corpus.skipped.size())
        .Key("skipped_by_reason");
    counts(json, skipped_by_reason);
    json.Field("statements", corpus.statements.size())
        .Field("warnings", corpus.warnings.size())
        .EndObject();
    return json.Finish();
  }
  fmt::print(out, "documents   {}\n", corpus.documents.size());
  fmt::print(out, "statements  {}\n", corpus.statements.size());
  fmt::print(out, "dropped     {} spans of clutter\n", corpus.dropped.size());
  for (const auto& [reason, n] : dropped_by_reason) fmt::print(out, "  {:>8}  {}\n", n, reason);
  fmt::print(out, "skipped     {} files\n", corpus.skipped.size());
  for (const auto& [reason, n] : skipped_by_reason) fmt::print(out, "  {:>8}  {}\n", n, reason);
  fmt::print(out, "warnings    {}\n", corpus.warnings.size());
  if (first.known())
    fmt::print(out, "dates       {} to {}\n", first.ToString(), last.ToString());
  else
    fmt::print(out, "dates       none\n");
  if (!out.flush()) return Status::IoError("cannot write the stats");
  return Status::Ok();
}

}  // namespace refrain
