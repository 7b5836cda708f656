// `refrain shifts`: per theme and pair of periods, what changed, with the statements that
// show it.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cmath>

#include "refrain/themes_report.h"
#include "report/report_internal.h"

namespace refrain {
namespace {

Status WriteShiftsJson(std::ostream& out, const Corpus& corpus, const ThemeModel& model,
                       const std::vector<Shift>& shifts, const std::vector<std::string>& speakers) {
  const std::vector<std::string>& labels = model.periods.labels;
  auto write_statements = [&](JsonWriter& json, const std::vector<uint32_t>& list) {
    json.BeginArray();
    for (uint32_t s : list) {
      StatementJsonExtras extras;
      if (s < speakers.size()) extras.speaker = speakers[s];
      WriteStatementJson(json, corpus, corpus.statements[s], extras);
    }
    json.EndArray();
  };
  auto write_count = [](JsonWriter& json, int64_t count, int64_t of) {
    json.BeginObject().Field("of", of).Field("statements", count).EndObject();
  };
  // Keys in byte order, as every JSON object of refrain.
  JsonWriter json(out);
  json.BeginObject().Field("periods", labels).Field("schema", kJsonSchema);
  json.Key("shifts").BeginArray();
  for (const Shift& s : shifts) {
    const Theme& theme = model.themes[s.theme];
    json.BeginObject().Key("after");
    write_statements(json, s.after);
    json.Key("before");
    write_statements(json, s.before);
    json.Key("counts").BeginObject().Key("from");
    write_count(json, s.from_count, s.from_statements);
    json.Key("to");
    write_count(json, s.to_count, s.to_statements);
    json.EndObject()
        .Field("from", labels[s.from])
        .Field("gained", s.gained)
        .Field("kind", ShiftKindName(s.kind))
        .Field("label", theme.label)
        .Field("lost", s.lost);
    if (s.kind != ShiftKind::kReframed) json.Field("p", s.p);
    json.Field("score", std::round(s.score * 1000) / 1000)
        .Field("terms", theme.terms)
        .Field("theme", theme.id)
        .Field("to", labels[s.to])
        .EndObject();
  }
  json.EndArray().EndObject();
  return json.Finish();
}

}  // namespace

Status WriteShifts(std::ostream& out, const Corpus& corpus, const ThemeModel& model,
                   const std::vector<Shift>& shifts, const std::vector<std::string>& speakers,
                   ReportFormat format) {
  REFRAIN_RETURN_IF_ERROR(RequireFormat(format, kShiftsFormats, "shifts"));
  if (format == ReportFormat::kJson) return WriteShiftsJson(out, corpus, model, shifts, speakers);
  const std::vector<std::string>& labels = model.periods.labels;
  auto join = [](const std::vector<std::string>& terms) {
    std::string s;
    for (const std::string& t : terms) s += (s.empty() ? "" : ", ") + t;
    return s;
  };
  // Calls `write` for each quoted statement of `shift`, those before first, with its speaker.
  auto each_quote = [&](const Shift& shift, const auto& write) {
    for (const auto* list : {&shift.before, &shift.after})
      for (uint32_t id : *list) {
        const Statement& st = corpus.statements[id];
        const std::string who = id < speakers.size() ? speakers[id] : std::string();
        write(list == &shift.before, st, corpus.documents[st.doc], who);
      }
  };
  switch (format) {
    case ReportFormat::kMarkdown: {
      out << "| # | kind | theme | from | to | counts | score | gained | lost |\n"
             "|---:|---|---|---|---|---|---:|---|---|\n";
      auto cell = [](std::string s) {
        std::string out;
        for (char c : OneLine(s)) out += c == '|' ? std::string("\\|") : std::string(1, c);
        return out;
      };
      for (size_t i = 0; i < shifts.size(); ++i) {
        const Shift& s = shifts[i];
        fmt::print(out, "| {} | {} | {} | {} | {} | {}/{} → {}/{} | {:.1f} | {} | {} |\n", i + 1,
                   ShiftKindName(s.kind), cell(model.themes[s.theme].label), cell(labels[s.from]),
                   cell(labels[s.to]), s.from_count, s.from_statements, s.to_count, s.to_statements,
                   s.score, cell(join(s.gained)), cell(join(s.lost)));
      }
      out << "\n";
      for (size_t i = 0; i < shifts.size(); ++i) {
        const Shift& s = shifts[i];
        fmt::print(out, "### {}. {} {} ({} → {})\n\n", i + 1, ShiftKindName(s.kind),
                   cell(model.themes[s.theme].label), labels[s.from], labels[s.to]);
        each_quote(
            s, [&](bool before, const Statement& st, const Document& d, const std::string& who) {
              fmt::print(out, "- {} *{}* `{}:{}-{}`{}: {}\n", before ? "before" : "after",
                         d.date.ToString(), d.path, st.start, st.end,
                         who.empty() ? "" : " (" + who + ")", OneLine(st.text));
            });
        out << "\n";
      }
      break;
    }
    default: {
      if (shifts.empty()) {
        out << "no shifts\n";
        break;
      }
      for (size_t i = 0; i < shifts.size(); ++i) {
        const Shift& s = shifts[i];
        const Theme& theme = model.themes[s.theme];
        fmt::print(out, "{}. {:<8}  {}  {} -> {}  score {:.1f}", i + 1, ShiftKindName(s.kind),
                   theme.label, labels[s.from], labels[s.to], s.score);
        if (s.kind != ShiftKind::kReframed) fmt::print(out, " (G2, p={:.2g})", s.p);
        fmt::print(out, "\n   theme {}: {} of {} statements in {}, {} of {} in {}\n", theme.id,
                   s.from_count, s.from_statements, labels[s.from], s.to_count, s.to_statements,
                   labels[s.to]);
        if (!s.gained.empty()) fmt::print(out, "   gained: {}\n", join(s.gained));
        if (!s.lost.empty()) fmt::print(out, "   lost:   {}\n", join(s.lost));
        each_quote(
            s, [&](bool before, const Statement& st, const Document& d, const std::string& who) {
              fmt::print(out, "   {} {} {}:{}-{}{}\n      {}\n", before ? "before" : "after ",
                         d.date.ToString(), d.path, st.start, st.end,
                         who.empty() ? "" : "  [" + who + "]", OneLine(st.text));
            });
        out << "\n";
      }
      break;
    }
  }
  if (!out.flush()) return Status::IoError("cannot write the shifts");
  return Status::Ok();
}

}  // namespace refrain
