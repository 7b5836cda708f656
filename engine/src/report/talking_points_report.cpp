// `refrain talking-points`: the points that come back, each with every phrasing of it, and
// stock phrasing apart.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>

#include "refrain/points_report.h"
#include "report/report_internal.h"

namespace refrain {
namespace {

// A Markdown table cell: one line, pipes escaped.
std::string MarkdownCell(std::string_view text) {
  std::string out;
  for (char c : OneLine(text)) {
    if (c == '|' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// Why a group is stock phrasing, for people.
std::string StockWhy(const TalkingPoint& p) {
  if (p.stock_reason == "source")
    return fmt::format("at an end of {} of the {} documents of '{}'", p.source_carrying,
                       p.source_documents, p.source);
  return fmt::format("at the {} of {} documents", p.stock_reason, p.documents);
}

// Text shows this many variants of a stock phrase (JSON and CSV show all).
constexpr size_t kStockVariantsShown = 3;

void WritePointJson(JsonWriter& json, const Corpus& corpus, const TalkingPoint& point, size_t id,
                    bool stock) {
  // Keys in byte order, as every JSON object of refrain.
  json.BeginObject()
      .Field("documents", point.documents)
      .Field("events", point.events)
      .Field("first", point.first.ToString())
      .Field("id", id)
      .Field("label", PointLabel(point))
      .Field("last", point.last.ToString());
  // The phrasings of a joined point: each former core's text, the main core first.
  if (!point.phrasings.empty()) {
    json.Key("phrasings").BeginArray();
    for (const PointVariant& p : point.phrasings) json.Value(p.unit.text);
    json.EndArray();
  }
  if (stock) json.Field("reason", point.stock_reason);
  // A joined point's variants say which phrasing they matched (its index in "phrasings").
  const bool joined = !point.phrasings.empty();
  const auto write_variants = [&](const std::vector<PointVariant>& variants) {
    for (const PointVariant& v : variants) {
      StatementJsonExtras extras;
      extras.part = StatementJsonExtras::Part{v.unit.start, v.unit.end, v.unit.text};
      extras.score = v.score;
      extras.core = v.core;
      std::vector<StatementJsonExtras::Number> numbers;
      if (v.claim_score >= 0) numbers.push_back({"claim_score", v.claim_score, false});
      if (joined) numbers.push_back({"phrasing", static_cast<double>(v.phrasing), true});
      extras.numbers = numbers;
      WriteStatementJson(json, corpus, corpus.statements[v.unit.statement], extras);
    }
  };
  // The variants the claims check took out, so that none is lost without a trace.
  if (!point.rejected.empty()) {
    json.Key("rejected").BeginArray();
    write_variants(point.rejected);
    json.EndArray();
  }
  json.Field("representative", point.representative().unit.text);
  if (stock && point.stock_reason == "source") {
    json.Field("source", point.source)
        .Field("source_carrying", point.source_carrying)
        .Field("source_documents", point.source_documents);
  }
  json.Key("statements").BeginArray();
  write_variants(point.variants);
  json.EndArray();
  if (!stock) json.Field("substance", point.substance);
  json.Field("years", point.years).EndObject();
}

Status WritePointsJson(std::ostream& out, const Corpus& corpus, const TalkingPoints& points,
                       size_t shown) {
  JsonWriter json(out);
  json.BeginObject().Key("ceremony").BeginArray();
  for (size_t i = 0; i < points.ceremony.size(); ++i)
    WritePointJson(json, corpus, points.ceremony[i], i + 1, false);
  json.EndArray().Field("schema", kJsonSchema).Key("stock_phrases").BeginArray();
  for (size_t i = 0; i < points.stock_phrases.size(); ++i)
    WritePointJson(json, corpus, points.stock_phrases[i], i + 1, true);
  json.EndArray().Key("talking_points").BeginArray();
  for (size_t i = 0; i < shown; ++i) WritePointJson(json, corpus, points.points[i], i + 1, false);
  json.EndArray().Field("threshold", points.threshold);
  if (points.verifier.ran) {
    const VerifierStats& v = points.verifier;
    json.Key("verifier")
        .BeginObject()
        .Field("points_dropped", v.points_dropped)
        .Field("units_dropped", v.units_dropped)
        .Field("units_read", v.units_read)
        .Field("variants_checked", v.variants_checked)
        .Field("variants_rejected", v.variants_rejected)
        .EndObject();
  }
  json.EndObject();
  return json.Finish();
}

void WritePointsText(std::ostream& out, const Corpus& corpus, const TalkingPoints& points,
                     size_t shown) {
  fmt::print(out, "{} talking points (threshold {}), {} ceremony, {} stock phrases\n",
             points.points.size(), points.threshold, points.ceremony.size(),
             points.stock_phrases.size());
  if (points.verifier.ran)
    fmt::print(out,
               "claims check: {} of {} variants rejected (not their core's claim), {} points "
               "dropped with them (--format json lists the rejected)\n",
               points.verifier.variants_rejected, points.verifier.variants_checked,
               points.verifier.points_dropped);
  if (points.points_joined > 0)
    fmt::print(out,
               "joined: {} points were other phrasings of another point's claim, listed in it "
               "(--join-phrasings)\n",
               points.points_joined);
  auto write_point = [&](const TalkingPoint& p, std::string_view heading, size_t limit) {
    fmt::print(
        out, "\n{}  {} events, {} variants{}, {} .. {}\n  \"{}\"\n", heading, p.events,
        p.variants.size(),
        p.rejected.empty() ? std::string() : fmt::format(" ({} rejected)", p.rejected.size()),
        p.first.ToString(), p.last.ToString(), OneLine(p.representative().unit.text));
    for (size_t k = 1; k < p.phrasings.size(); ++k)
      fmt::print(out, "  also phrased as [{}] \"{}\"\n", k, OneLine(p.phrasings[k].unit.text));
    size_t written = 0;
    for (const PointVariant& v : p.variants) {
      if (written == limit) {
        fmt::print(out, "    ... {} more\n", p.variants.size() - limit);
        break;
      }
      const Document& d = corpus.documents[v.unit.doc];
      fmt::print(out, "    {:.3f}{}{} {}  {}:{}-{}  {}\n", v.score, v.core ? "*" : " ",
                 p.phrasings.empty() ? std::string() : fmt::format("[{}]", v.phrasing),
                 d.date.ToString(), OneLine(d.path), v.unit.start, v.unit.end,
                 OneLine(v.unit.text));
      ++written;
    }
  };
  for (size_t i = 0; i < shown; ++i)
    write_point(points.points[i], fmt::format("#{}", i + 1), points.points[i].variants.size());
  if (shown < points.points.size())
    fmt::print(out, "\n... {} more talking points (--top 0 shows all)\n",
               points.points.size() - shown);
  if (!points.ceremony.empty())
    fmt::print(out, "\nCeremony (protocol, thanks, biography, deflections; not talking points):\n");
  for (size_t i = 0; i < points.ceremony.size(); ++i)
    write_point(points.ceremony[i], fmt::format("C{}", i + 1), kStockVariantsShown);
  if (!points.stock_phrases.empty()) fmt::print(out, "\nStock phrases (not talking points):\n");
  for (size_t i = 0; i < points.stock_phrases.size(); ++i) {
    const TalkingPoint& p = points.stock_phrases[i];
    write_point(p, fmt::format("S{}  {}:", i + 1, StockWhy(p)), kStockVariantsShown);
  }
}

void WritePointsCsv(std::ostream& out, const Corpus& corpus, const TalkingPoints& points,
                    size_t shown) {
  out << "kind,point,label,events,first,last,core,score,id,doc,date,start,end,text\n";
  auto write_point = [&](const TalkingPoint& p, std::string_view kind, size_t id) {
    std::string label = CsvField(PointLabel(p));
    for (const PointVariant& v : p.variants) {
      const Document& d = corpus.documents[v.unit.doc];
      fmt::print(out, "{},{},{},{},{},{},{},{:.6f},{},{},{},{},{},{}\n", kind, id, label, p.events,
                 p.first.ToString(), p.last.ToString(), v.core ? 1 : 0, v.score,
                 corpus.statements[v.unit.statement].id, CsvField(d.path), d.date.ToString(),
                 v.unit.start, v.unit.end, CsvField(v.unit.text));
    }
  };
  for (size_t i = 0; i < shown; ++i) write_point(points.points[i], "point", i + 1);
  for (size_t i = 0; i < points.ceremony.size(); ++i)
    write_point(points.ceremony[i], "ceremony", i + 1);
  for (size_t i = 0; i < points.stock_phrases.size(); ++i)
    write_point(points.stock_phrases[i], "stock", i + 1);
}

void WritePointsMarkdown(std::ostream& out, const Corpus& corpus, const TalkingPoints& points,
                         size_t shown) {
  fmt::print(out, "# Talking points\n\n{} talking points at threshold {}; {} stock phrases.\n",
             points.points.size(), points.threshold, points.stock_phrases.size());
  auto write_point = [&](const TalkingPoint& p, std::string_view heading, size_t limit) {
    fmt::print(out, "\n## {}\n\n> {}\n\n{} events, {} variants, {} to {}.\n\n", heading,
               MarkdownCell(p.representative().unit.text), p.events, p.variants.size(),
               p.first.ToString(), p.last.ToString());
    for (size_t k = 1; k < p.phrasings.size(); ++k)
      fmt::print(out, "Also phrased as: {}\n\n", MarkdownCell(p.phrasings[k].unit.text));
    out << "| date | document | bytes | score | text |\n|---|---|---|---|---|\n";
    for (size_t i = 0; i < std::min(limit, p.variants.size()); ++i) {
      const PointVariant& v = p.variants[i];
      const Document& d = corpus.documents[v.unit.doc];
      fmt::print(out, "| {} | {} | {}-{} | {:.3f}{} | {} |\n", d.date.ToString(),
                 MarkdownCell(d.path), v.unit.start, v.unit.end, v.score, v.core ? " (core)" : "",
                 MarkdownCell(v.unit.text));
    }
    if (limit < p.variants.size())
      fmt::print(out, "\n{} more variants (in the JSON and CSV output).\n",
                 p.variants.size() - limit);
  };
  for (size_t i = 0; i < shown; ++i) {
    const TalkingPoint& p = points.points[i];
    write_point(p, fmt::format("{}. {}", i + 1, MarkdownCell(PointLabel(p))), p.variants.size());
  }
  if (shown < points.points.size())
    fmt::print(out, "\n{} more talking points not shown.\n", points.points.size() - shown);
  if (!points.ceremony.empty())
    out << "\n# Ceremony\n\nProtocol, thanks, greetings, biography, sign-offs and deflections "
           "that come back; not talking points.\n";
  for (size_t i = 0; i < points.ceremony.size(); ++i) {
    const TalkingPoint& p = points.ceremony[i];
    write_point(p, fmt::format("C{}. {}", i + 1, MarkdownCell(PointLabel(p))), kStockVariantsShown);
  }
  if (points.stock_phrases.empty()) return;
  out << "\n# Stock phrases\n\nFormulas at one end of many documents, or of most documents of a "
         "source; not talking points.\n";
  for (size_t i = 0; i < points.stock_phrases.size(); ++i) {
    const TalkingPoint& p = points.stock_phrases[i];
    write_point(
        p,
        fmt::format("S{}. {} ({})", i + 1, MarkdownCell(PointLabel(p)), MarkdownCell(StockWhy(p))),
        kStockVariantsShown);
  }
}

}  // namespace

Status WriteTalkingPoints(std::ostream& out, const Corpus& corpus, const TalkingPoints& points,
                          ReportFormat format, size_t top) {
  REFRAIN_RETURN_IF_ERROR(RequireFormat(format, kTalkingPointsFormats, "talking-points"));
  const size_t shown = top == 0 ? points.points.size() : std::min(top, points.points.size());
  switch (format) {
    case ReportFormat::kJson:
      return WritePointsJson(out, corpus, points, shown);
    case ReportFormat::kCsv:
      WritePointsCsv(out, corpus, points, shown);
      break;
    case ReportFormat::kMarkdown:
      WritePointsMarkdown(out, corpus, points, shown);
      break;
    default:
      WritePointsText(out, corpus, points, shown);
      break;
  }
  if (!out.flush()) return Status::IoError("cannot write the talking points");
  return Status::Ok();
}

}  // namespace refrain
