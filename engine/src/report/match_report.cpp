// `refrain match`: a new document against an index, as text, JSON or one HTML page.
#include "refrain/match_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "report/html.h"
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

// One table row per earlier phrasing: score (when `scored`), date, where, text.
void WritePhrasingRowsHtml(std::ostream& out, const std::vector<PointPhrasing>& phrasings,
                           bool scored) {
  out << "<table>\n";
  for (const PointPhrasing& p : phrasings)
    out << fmt::format(
        "<tr>{}<td class=\"date\">{}</td><td class=\"where\"><code>{}</code> bytes "
        "{}-{}</td><td>{}</td></tr>\n",
        scored ? fmt::format("<td class=\"score\">{:.3f}</td>", p.score) : "",
        HtmlEscape(p.date.ToString()), HtmlEscape(p.doc), p.start, p.end, HtmlEscape(p.text));
  out << "</table>\n";
}

// The document's statements in order, each unit marked repeated (with what it repeats, since
// when, and every earlier phrasing, folded) or new; then what the source no longer says.
void WriteHtml(std::ostream& out, const IndexMatch& match) {
  const Document& d = match.document;
  WriteHtmlHead(out, fmt::format("refrain match: {}", d.path),
                "h2{margin-top:1.5em;font-size:1.1em}\n"
                ".stmt{border-top:1px solid #ddd;padding:.5em 0;overflow-wrap:anywhere}\n"
                "mark.repeat{background:#ffe9a8}\n"
                "mark.stock{background:#e8e8e8}\n"
                ".new{background:#dfd}\n"
                "details{margin:.3em 0 .3em 1.5em;color:#333}\n"
                "summary{cursor:pointer}\n"
                "table{border-collapse:collapse;margin:.3em 0;font-size:.92em}\n"
                "td{border-top:1px solid #eee;padding:.15em .5em;vertical-align:top}\n"
                ".score,.date{font-variant-numeric:tabular-nums;white-space:nowrap}\n"
                ".where{white-space:nowrap;color:#555}\n"
                ".legend{color:#555}\n");
  const std::string title(d.Meta("title"));
  out << fmt::format("<h1>What this document repeats</h1>\n<p><code>{}</code> {}{}</p>\n",
                     HtmlEscape(d.path), HtmlEscape(d.date.ToString()),
                     title.empty() ? "" : "<br>" + HtmlEscape(title));
  out << fmt::format(
      "<p class=\"legend\">Against {} indexed documents (threshold {}): {} units "
      "<mark class=\"repeat\">repeated</mark>, {} <span class=\"new\">new</span>; "
      "<mark class=\"stock\">stock phrasing</mark> apart.</p>\n",
      match.indexed_documents, match.threshold, match.repeated_units, match.new_units);
  out << "<section class=\"statements\">\n<h2>Statements</h2>\n";
  for (const MatchedStatement& s : match.statements) {
    out << fmt::format("<div class=\"stmt\" id=\"s{}\" title=\"bytes {}-{}\">", s.statement.id,
                       s.statement.start, s.statement.end);
    for (size_t i = 0; i < s.units.size(); ++i) {
      const MatchedUnit& u = s.units[i];
      const bool stock =
          !u.repeats.empty() && std::all_of(u.repeats.begin(), u.repeats.end(),
                                            [](const RepeatedPoint& r) { return r.stock; });
      const std::string text = HtmlEscape(u.text);
      out << (i ? " " : "")
          << (u.repeats.empty() ? fmt::format("<span class=\"new\" title=\"bytes {}-{}\">{}</span>",
                                              u.start, u.end, text)
                                : fmt::format("<mark class=\"{}\" title=\"bytes {}-{}\">{}</mark>",
                                              stock ? "stock" : "repeat", u.start, u.end, text));
    }
    out << "\n";
    for (const MatchedUnit& u : s.units)
      for (const RepeatedPoint& r : u.repeats) {
        out << fmt::format(
            "<details><summary>{} &ldquo;{}&rdquo;: since {}, {} events, {} earlier "
            "phrasings</summary>\n",
            r.stock ? "stock phrasing" : "repeats", HtmlEscape(r.label),
            HtmlEscape(r.first_seen.ToString()), r.events, r.phrasings.size());
        WritePhrasingRowsHtml(out, r.phrasings, /*scored=*/true);
        out << "</details>\n";
      }
    out << "</div>\n";
  }
  out << "</section>\n";
  if (!match.recent_events.empty()) {
    out << fmt::format(
        "<section class=\"dropped\">\n<h2>No longer said: {} points of the source's last {} "
        "events</h2>\n",
        match.no_longer_said.size(), match.recent_events.size());
    for (const DroppedPoint& p : match.no_longer_said) {
      out << fmt::format("<details><summary>&ldquo;{}&rdquo;: last {}, {} events</summary>\n",
                         HtmlEscape(p.label), HtmlEscape(p.last_seen.ToString()), p.events);
      WritePhrasingRowsHtml(out, p.phrasings, /*scored=*/false);
      out << "</details>\n";
    }
    out << "</section>\n";
  }
  WriteHtmlTail(out);
}

}  // namespace

Status WriteIndexMatch(std::ostream& out, const IndexMatch& match, ReportFormat format) {
  REFRAIN_RETURN_IF_ERROR(RequireFormat(format, kIndexMatchFormats, "match"));
  if (format == ReportFormat::kJson) return WriteJson(out, match);
  if (format == ReportFormat::kHtml)
    WriteHtml(out, match);
  else
    WriteText(out, match);
  if (!out.flush()) return Status::IoError("cannot write the match");
  return Status::Ok();
}

}  // namespace refrain
