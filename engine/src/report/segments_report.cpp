// `refrain segments`: every statement of a corpus, and what cleaning dropped.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "refrain/report.h"
#include "report/report_internal.h"

namespace refrain {
namespace {

Status WriteSegmentsJson(std::ostream& out, const Corpus& corpus, bool show_dropped) {
  JsonWriter json(out);
  json.BeginObject();
  if (show_dropped) {
    json.Key("dropped").BeginArray();
    for (const DroppedSpan& d : corpus.dropped) {
      json.BeginObject()
          .Field("doc", corpus.documents[d.doc].path)
          .Field("end", d.end)
          .Field("reason", d.reason)
          .Field("start", d.start)
          .Field("text", d.text)
          .EndObject();
    }
    json.EndArray();
  }
  json.Field("schema", kJsonSchema);
  if (show_dropped) {
    json.Key("skipped").BeginArray();
    for (const SkippedFile& f : corpus.skipped)
      json.BeginObject().Field("path", f.path).Field("reason", f.reason).EndObject();
    json.EndArray();
  }
  json.Key("statements").BeginArray();
  for (const Statement& s : corpus.statements) WriteStatementJson(json, corpus, s);
  json.EndArray().EndObject();
  return json.Finish();
}

void WriteSegmentsCsv(std::ostream& out, const Corpus& corpus, bool show_dropped) {
  out << "kind,id,doc,date,start,end,text,reason\n";
  for (const Statement& s : corpus.statements) {
    const Document& doc = corpus.documents[s.doc];
    out << "statement," << s.id << ',' << CsvField(doc.path) << ',' << doc.date.ToString() << ','
        << s.start << ',' << s.end << ',' << CsvField(s.text) << ",\n";
  }
  if (show_dropped)
    for (const DroppedSpan& d : corpus.dropped) {
      const Document& doc = corpus.documents[d.doc];
      out << "dropped,," << CsvField(doc.path) << ',' << doc.date.ToString() << ',' << d.start
          << ',' << d.end << ',' << CsvField(d.text) << ',' << CsvField(d.reason) << '\n';
    }
}

// For people: one statement per line, "id  date  doc:start-end  text".
void WriteSegmentsText(std::ostream& out, const Corpus& corpus, bool show_dropped) {
  for (const Statement& s : corpus.statements) {
    const Document& doc = corpus.documents[s.doc];
    fmt::print(out, "{}\t{}\t{}:{}-{}\t{}\n", s.id, doc.date.ToString(), OneLine(doc.path), s.start,
               s.end, OneLine(s.text));
  }
  if (!show_dropped) return;
  for (const DroppedSpan& d : corpus.dropped) {
    const Document& doc = corpus.documents[d.doc];
    fmt::print(out, "dropped\t{}\t{}:{}-{}\t[{}] {}\n", doc.date.ToString(), OneLine(doc.path),
               d.start, d.end, d.reason, OneLine(d.text));
  }
  for (const SkippedFile& f : corpus.skipped)
    fmt::print(out, "skipped\t\t{}\t[{}]\n", OneLine(f.path), f.reason);
}

}  // namespace

Status WriteSegments(std::ostream& out, const Corpus& corpus, ReportFormat format,
                     bool show_dropped) {
  REFRAIN_RETURN_IF_ERROR(RequireFormat(format, kSegmentsFormats, "segments"));
  switch (format) {
    case ReportFormat::kJson:
      return WriteSegmentsJson(out, corpus, show_dropped);
    case ReportFormat::kCsv:
      WriteSegmentsCsv(out, corpus, show_dropped);
      break;
    default:
      WriteSegmentsText(out, corpus, show_dropped);
      break;
  }
  if (!out.flush()) return Status::IoError("cannot write the segments");
  return Status::Ok();
}

}  // namespace refrain
