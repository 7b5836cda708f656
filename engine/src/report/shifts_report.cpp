// `refrain shifts`: per theme and pair of periods, what changed, with the statements that
// show it.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cmath>

#include "refrain/themes_report.h"
#include "report/report_internal.h"

namespace refrain {
namespace {

// Whether the shift's p is the test of the theme's share (a reframing's is of its terms).
bool ShareTested(ShiftKind kind) {
  return kind != ShiftKind::kReframed && kind != ShiftKind::kStanceChanged;
}

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
        .Field("effect_log2", std::round(s.effect * 1000) / 1000)
        .Field("from", labels[s.from])
        .Field("gained", s.gained)
        .Field("kind", ShiftKindName(s.kind))
        .Field("label", theme.label);
    if (ShareTested(s.kind)) json.Field("log10_p", std::round(s.log10_p * 100) / 100);
    json.Field("lost", s.lost);
    if (ShareTested(s.kind)) json.Field("p", s.p);
    json.Field("score", std::round(s.score * 1000) / 1000);
    if (s.kind == ShiftKind::kStanceChanged)
      json.Key("stance")
          .BeginObject()
          .Field("after", s.stance_after)
          .Field("before", s.stance_before)
          .EndObject();
    json.Field("terms", theme.terms).Field("theme", theme.id).Field("to", labels[s.to]).EndObject();
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
      out << "| # | kind | theme | from | to | counts | score | p | share | gained | lost |\n"
             "|---:|---|---|---|---|---|---:|---|---:|---|---|\n";
      auto cell = [](std::string s) {
        std::string out;
        for (char c : OneLine(s)) out += c == '|' ? std::string("\\|") : std::string(1, c);
        return out;
      };
      for (size_t i = 0; i < shifts.size(); ++i) {
        const Shift& s = shifts[i];
        fmt::print(
            out, "| {} | {} | {} | {} | {} | {}/{} → {}/{} | {:.1f} | {} | x{:.2g} | {} | {} |\n",
            i + 1, ShiftKindName(s.kind), cell(model.themes[s.theme].label), cell(labels[s.from]),
            cell(labels[s.to]), s.from_count, s.from_statements, s.to_count, s.to_statements,
            s.score, !ShareTested(s.kind) ? std::string("-") : cell(FormatP(s.p)),
            std::exp2(s.effect), cell(join(s.gained)), cell(join(s.lost)));
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
        if (ShareTested(s.kind))
          fmt::print(out, " (G2, p {}{}, share x{:.2g})", s.p > 1e-300 ? "= " : "", FormatP(s.p),
                     std::exp2(s.effect));
        fmt::print(out, "\n   theme {}: {} of {} statements in {}, {} of {} in {}\n", theme.id,
                   s.from_count, s.from_statements, labels[s.from], s.to_count, s.to_statements,
                   labels[s.to]);
        if (s.kind == ShiftKind::kStanceChanged)
          fmt::print(out, "   stance: {} -> {}\n", s.stance_before, s.stance_after);
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
