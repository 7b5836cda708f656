// `refrain match` as text and JSON. Kept with the index stage for now; it belongs with the
// other writers in src/report/ once they have moved there.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "refrain/index.h"
#include "refrain/report.h"

namespace refrain {
namespace {

nlohmann::json PhrasingJson(const PointPhrasing& p) {
  return {{"doc", p.doc},   {"date", p.date.ToString()}, {"start", p.start}, {"end", p.end},
          {"text", p.text}, {"score", p.score}};
}

nlohmann::json PhrasingsJson(const std::vector<PointPhrasing>& phrasings) {
  nlohmann::json out = nlohmann::json::array();
  for (const PointPhrasing& p : phrasings) out.push_back(PhrasingJson(p));
  return out;
}

void WriteJson(std::ostream& out, const IndexMatch& match) {
  nlohmann::json statements = nlohmann::json::array();
  for (const MatchedStatement& s : match.statements) {
    nlohmann::json units = nlohmann::json::array();
    for (const MatchedUnit& u : s.units) {
      nlohmann::json repeats = nlohmann::json::array();
      for (const RepeatedPoint& r : u.repeats) {
        repeats.push_back({{"point", r.label},
                           {"first_seen", r.first_seen.ToString()},
                           {"events", r.events},
                           {"stock", r.stock},
                           {"phrasings", PhrasingsJson(r.phrasings)}});
      }
      units.push_back({{"start", u.start},
                       {"end", u.end},
                       {"text", u.text},
                       {"new", u.repeats.empty()},
                       {"repeats", std::move(repeats)}});
    }
    statements.push_back({{"id", s.statement.id},
                          {"start", s.statement.start},
                          {"end", s.statement.end},
                          {"text", s.statement.text},
                          {"units", std::move(units)}});
  }
  nlohmann::json dropped = nlohmann::json::array();
  for (const DroppedPoint& d : match.no_longer_said) {
    dropped.push_back({{"point", d.label},
                       {"last_seen", d.last_seen.ToString()},
                       {"events", d.events},
                       {"phrasings", PhrasingsJson(d.phrasings)}});
  }
  const nlohmann::json json = {{"schema", kJsonSchema},
                               {"doc", match.document.path},
                               {"date", match.document.date.ToString()},
                               {"threshold", match.threshold},
                               {"indexed_documents", match.indexed_documents},
                               {"repeated_units", match.repeated_units},
                               {"new_units", match.new_units},
                               {"statements", std::move(statements)},
                               {"recent_events", match.recent_events},
                               {"no_longer_said", std::move(dropped)}};
  out << DumpJson(json, 2) << "\n";
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

void WriteIndexMatch(std::ostream& out, const IndexMatch& match, Format format) {
  if (format == Format::kJson)
    WriteJson(out, match);
  else
    WriteText(out, match);
}

}  // namespace refrain
