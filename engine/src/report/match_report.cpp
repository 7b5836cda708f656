// `refrain match`: a new document against an index, as text and JSON.
#include "refrain/match_report.h"

#include <fmt/format.h>

#include "report/json_writer.h"
#include "report/report_internal.h"

namespace refrain {
namespace {

void WritePhrasings(JsonWriter& json, const std::vector<PointPhrasing>& phrasings) {
  json.BeginArray();
  for (const PointPhrasing& p : phrasings)
    json.BeginObject()
        .Field("doc", p.doc)
        .Field("date", p.date.ToString())
        .Field("start", p.start)
        .Field("end", p.end)
        .Field("text", p.text)
        .Field("score", p.score)
        .EndObject();
  json.EndArray();
}

Status WriteJson(std::ostream& out, const IndexMatch& match) {
  JsonWriter json(out);
  json.BeginObject()
      .Field("schema", kJsonSchema)
      .Field("doc", match.document.path)
      .Field("date", match.document.date.ToString())
      .Field("threshold", match.threshold)
      .Field("indexed_documents", match.indexed_documents)
      .Field("repeated_units", match.repeated_units)
      .Field("new_units", match.new_units)
      .Key("statements")
      .BeginArray();
  for (const MatchedStatement& s : match.statements) {
    json.BeginObject()
        .Field("id", s.statement.id)
        .Field("start", s.statement.start)
        .Field("end", s.statement.end)
        .Field("text", s.statement.text)
        .Key("units")
        .BeginArray();
    for (const MatchedUnit& u : s.units) {
      json.BeginObject()
          .Field("start", u.start)
          .Field("end", u.end)
          .Field("text", u.text)
          .Field("new", u.repeats.empty())
          .Key("repeats")
          .BeginArray();
      for (const RepeatedPoint& r : u.repeats) {
        json.BeginObject()
            .Field("point", r.label)
            .Field("first_seen", r.first_seen.ToString())
            .Field("events", r.events)
            .Field("stock", r.stock)
            .Key("phrasings");
        WritePhrasings(json, r.phrasings);
        json.EndObject();
      }
      json.EndArray().EndObject();
    }
    json.EndArray().EndObject();
  }
  json.EndArray().Field("recent_events", match.recent_events).Key("no_longer_said").BeginArray();
  for (const DroppedPoint& d : match.no_longer_said) {
    json.BeginObject()
        .Field("point", d.label)
        .Field("last_seen", d.last_seen.ToString())
        .Field("events", d.events)
        .Key("phrasings");
    WritePhrasings(json, d.phrasings);
    json.EndObject();
  }
  json.EndArray().EndObject();
  return json.Finish();
}

void WriteText(std::ostream& out, const IndexMatch& match) {
  out << fmt::format(
      "{} ({}) against {} indexed documents (threshold {}): {} units repeated, "
      "{} new\n",
      match.document.path, match.document.date.ToString(), match.indexed_documents, match.threshold,
      match.repeated_units, match.new_units);
  for (const MatchedStatement& s : match.statements) {
    out << fmt::format("\n[{}] {}-{}  {}\n", s.statement.id, s.statement.start, s.statement.end,
                       OneLine(s.statement.text));
    for (const MatchedUnit& u : s.units) {
      if (u.repeats.empty()) {
        out << fmt::format("  new     {}\n", OneLine(u.text));
        continue;
      }
      for (const RepeatedPoint& r : u.repeats) {
        out << fmt::format("  {} {}  since {}, {} events: \"{}\"\n", r.stock ? "stock " : "repeat",
                           OneLine(u.text), r.first_seen.ToString(), r.events, OneLine(r.label));
        for (const PointPhrasing& p : r.phrasings)
          out << fmt::format("      {:.3f}  {}  {}:{}-{}  {}\n", p.score, p.date.ToString(), p.doc,
                             p.start, p.end, OneLine(p.text));
      }
    }
  }
  if (!match.recent_events.empty()) {
    out << fmt::format("\nNo longer said ({} points of the source's last {} events):\n",
                       match.no_longer_said.size(), match.recent_events.size());
    for (const DroppedPoint& d : match.no_longer_said) {
      out << fmt::format("  last {}, {} events: \"{}\"\n", d.last_seen.ToString(), d.events,
                         OneLine(d.label));
      for (const PointPhrasing& p : d.phrasings)
        out << fmt::format("      {}  {}:{}-{}  {}\n", p.date.ToString(), p.doc, p.start, p.end,
                           OneLine(p.text));
    }
  }
}

}  // namespace

Status WriteIndexMatch(std::ostream& out, const IndexMatch& match, ReportFormat format) {
  REFRAIN_RETURN_IF_ERROR(RequireFormat(format, kIndexMatchFormats, "match"));
  if (format == ReportFormat::kJson) return WriteJson(out, match);
  WriteText(out, match);
  if (!out.flush()) return Status::IoError("cannot write the match");
  return Status::Ok();
}

}  // namespace refrain
