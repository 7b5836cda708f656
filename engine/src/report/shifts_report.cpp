// `refrain shifts`: per theme and pair of periods, what changed, with the statements that
// show it.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cmath>

#include "refrain/themes_report.h"
#include "report/html.h"
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

// The timeline of one theme as an inline SVG: its weight (share of the period's statements) per
// period as a line with a dot per period, and a numbered mark at the "after" period of each of
// its shifts (`numbers`: their 1-based ranks in the report), coloured by kind.
std::string ThemeChartSvg(const Theme& theme, const std::vector<std::string>& labels,
                          const std::vector<Shift>& shifts, const std::vector<size_t>& numbers) {
  constexpr double kWidth = 720, kHeight = 180, kLeft = 48, kRight = 12, kTop = 14, kBottom = 34;
  const size_t n = labels.size();
  double max_weight = 0;
  for (double w : theme.weights) max_weight = std::max(max_weight, w);
  if (max_weight <= 0) max_weight = 1;
  auto x = [&](size_t period) {
    return n <= 1 ? (kLeft + kWidth - kRight) / 2
                  : kLeft + (kWidth - kLeft - kRight) * static_cast<double>(period) /
                                static_cast<double>(n - 1);
  };
  auto y = [&](double weight) {
    return kTop + (kHeight - kTop - kBottom) * (1 - weight / max_weight);
  };
  std::string svg = fmt::format(
      "<svg class=\"chart\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" "
      "aria-label=\"weight of {} per period\">\n",
      kWidth, kHeight, kWidth, kHeight, HtmlEscape(theme.label));
  svg += fmt::format(
      "<line class=\"axis\" x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\"/>"
      "<text class=\"tick\" x=\"{3}\" y=\"{4:.1f}\" text-anchor=\"end\">{5:.1f}%</text>"
      "<text class=\"tick\" x=\"{3}\" y=\"{1:.1f}\" text-anchor=\"end\">0</text>\n",
      kLeft, y(0), kWidth - kRight, kLeft - 4, y(max_weight) + 4, 100 * max_weight);
  // At most about a dozen period labels under the axis, the first and the last always.
  const size_t step = std::max<size_t>(1, (n + 11) / 12);
  for (size_t p = 0; p < n; ++p)
    if (p % step == 0 || p + 1 == n)
      svg += fmt::format(
          "<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" "
          "text-anchor=\"middle\">{}</text>\n",
          x(p), kHeight - kBottom + 16, HtmlEscape(labels[p]));
  for (size_t i = 0; i < shifts.size(); ++i) {
    const Shift& s = shifts[i];
    svg += fmt::format(
        "<g class=\"mark {0}\"><line x1=\"{1:.1f}\" y1=\"{2}\" x2=\"{1:.1f}\" y2=\"{3:.1f}\"/>"
        "<a href=\"#shift-{4}\"><text x=\"{1:.1f}\" y=\"{5}\" text-anchor=\"middle\">{4}</text>"
        "</a><title>{4}. {6} {7} → {8}</title></g>\n",
        ShiftKindName(s.kind) == "stance changed" ? "stance" : std::string(ShiftKindName(s.kind)),
        x(s.to), kTop, y(0), numbers[i], kTop - 3, ShiftKindName(s.kind),
        HtmlEscape(labels[s.from]), HtmlEscape(labels[s.to]));
  }
  std::string points;
  for (size_t p = 0; p < n && p < theme.weights.size(); ++p)
    points += fmt::format("{}{:.1f},{:.1f}", points.empty() ? "" : " ", x(p), y(theme.weights[p]));
  svg += fmt::format("<polyline class=\"line\" points=\"{}\"/>\n", points);
  for (size_t p = 0; p < n && p < theme.weights.size(); ++p)
    svg += fmt::format(
        "<circle class=\"dot\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\"><title>{}: {:.2f}% ({} "
        "statements)</title></circle>\n",
        x(p), y(theme.weights[p]), HtmlEscape(labels[p]), 100 * theme.weights[p],
        p < theme.counts.size() ? theme.counts[p] : 0);
  svg += "</svg>\n";
  return svg;
}

// One page: per theme with a shift (in the order of its strongest shift), its timeline with
// the shifts marked, then each shift with its counts, test, terms and quoted statements.
void WriteShiftsHtml(std::ostream& out, const Corpus& corpus, const ThemeModel& model,
                     const std::vector<Shift>& shifts, const std::vector<std::string>& speakers) {
  const std::vector<std::string>& labels = model.periods.labels;
  WriteHtmlHead(
      out, "refrain shifts",
      "h2{margin-top:1.8em;font-size:1.15em}\n"
      ".terms,.legend,.counts{color:#555}\n"
      ".chart{max-width:100%;height:auto;display:block;margin:.4em 0}\n"
      ".chart .axis{stroke:#999}\n"
      ".chart .tick{font-size:11px;fill:#555}\n"
      ".chart .line{fill:none;stroke:#2a6fb0;stroke-width:2}\n"
      ".chart .dot{fill:#2a6fb0}\n"
      ".chart .mark line{stroke-width:1.5;stroke-dasharray:4 3}\n"
      ".chart .mark text{font-size:11px;font-weight:bold}\n"
      ".emerged line,.grew line{stroke:#2e8b57}.emerged text,.grew text{fill:#2e8b57}\n"
      ".faded line,.shrank line{stroke:#c0392b}.faded text,.shrank text{fill:#c0392b}\n"
      ".reframed line,.stance line{stroke:#8e44ad}.reframed text,.stance text{fill:#8e44ad}\n"
      ".shift{border-top:1px solid #ddd;padding:.4em 0}\n"
      ".kind{font-weight:bold}\n"
      ".gained{color:#2e8b57}.lost{color:#c0392b}\n"
      ".stmt{margin:.3em 0 .3em 1em;overflow-wrap:anywhere}\n"
      ".where{color:#555;font-size:.9em}\n");
  fmt::print(out,
             "<h1>Shifts</h1>\n<p class=\"legend\">{} shift(s) of {} theme(s) over {} period(s) "
             "({} to {}). A theme's line is its weight: the share of a period's statements that "
             "mention it. Marks (numbered as below) stand at the later period of each shift.</p>\n",
             shifts.size(), model.themes.size(), labels.size(),
             labels.empty() ? "-" : HtmlEscape(labels.front()),
             labels.empty() ? "-" : HtmlEscape(labels.back()));
  std::vector<size_t> theme_order;
  for (const Shift& s : shifts)
    if (std::find(theme_order.begin(), theme_order.end(), s.theme) == theme_order.end())
      theme_order.push_back(s.theme);
  auto join = [](const std::vector<std::string>& terms) {
    std::string joined;
    for (const std::string& t : terms) joined += (joined.empty() ? "" : ", ") + HtmlEscape(t);
    return joined;
  };
  for (size_t t : theme_order) {
    const Theme& theme = model.themes[t];
    std::vector<Shift> own;
    std::vector<size_t> numbers;
    for (size_t i = 0; i < shifts.size(); ++i)
      if (shifts[i].theme == t) {
        own.push_back(shifts[i]);
        numbers.push_back(i + 1);
      }
    fmt::print(out,
               "<section class=\"theme\" id=\"theme-{0}\">\n<h2>{0}: {1}</h2>\n"
               "<div class=\"terms\">terms: {2}</div>\n",
               HtmlEscape(theme.id), HtmlEscape(theme.label), join(theme.terms));
    out << ThemeChartSvg(theme, labels, own, numbers);
    for (size_t k = 0; k < own.size(); ++k) {
      const Shift& s = own[k];
      fmt::print(out,
                 "<div class=\"shift\" id=\"shift-{}\" data-kind=\"{}\" data-from=\"{}\" "
                 "data-to=\"{}\">\n<div><span class=\"kind\">{}. {}</span> {} → {}, score "
                 "{:.1f}",
                 numbers[k], ShiftKindName(s.kind), HtmlEscape(labels[s.from]),
                 HtmlEscape(labels[s.to]), numbers[k], ShiftKindName(s.kind),
                 HtmlEscape(labels[s.from]), HtmlEscape(labels[s.to]), s.score);
      if (ShareTested(s.kind))
        fmt::print(out, " (G², p {}{}, share ×{:.2g})", s.p > 1e-300 ? "= " : "",
                   HtmlEscape(FormatP(s.p)), std::exp2(s.effect));
      fmt::print(out,
                 "</div>\n<div class=\"counts\">{} of {} statements in {}, {} of {} in {}</div>\n",
                 s.from_count, s.from_statements, HtmlEscape(labels[s.from]), s.to_count,
                 s.to_statements, HtmlEscape(labels[s.to]));
      if (s.kind == ShiftKind::kStanceChanged)
        fmt::print(out, "<div>stance: {} → {}</div>\n", HtmlEscape(s.stance_before),
                   HtmlEscape(s.stance_after));
      if (!s.gained.empty())
        fmt::print(out, "<div class=\"gained\">gained: {}</div>\n", join(s.gained));
      if (!s.lost.empty()) fmt::print(out, "<div class=\"lost\">lost: {}</div>\n", join(s.lost));
      for (const auto* list : {&s.before, &s.after})
        for (uint32_t id : *list) {
          const Statement& st = corpus.statements[id];
          const Document& d = corpus.documents[st.doc];
          const std::string who = id < speakers.size() ? speakers[id] : std::string();
          fmt::print(out,
                     "<div class=\"stmt {}\" data-doc=\"{}\" data-start=\"{}\" "
                     "data-end=\"{}\"><div class=\"where\">{} {} <code>{}:{}-{}</code>{}</div>"
                     "{}</div>\n",
                     list == &s.before ? "before" : "after", HtmlEscape(d.path), st.start, st.end,
                     list == &s.before ? "before" : "after", HtmlEscape(d.date.ToString()),
                     HtmlEscape(d.path), st.start, st.end,
                     who.empty() ? "" : " [" + HtmlEscape(who) + "]", HtmlEscape(OneLine(st.text)));
        }
      out << "</div>\n";
    }
    out << "</section>\n";
  }
  if (shifts.empty()) out << "<p>no shifts</p>\n";
  WriteHtmlTail(out);
}

}  // namespace

Status WriteShifts(std::ostream& out, const Corpus& corpus, const ThemeModel& model,
                   const std::vector<Shift>& shifts, const std::vector<std::string>& speakers,
                   ReportFormat format) {
  REFRAIN_RETURN_IF_ERROR(RequireFormat(format, kShiftsFormats, "shifts"));
  if (format == ReportFormat::kJson) return WriteShiftsJson(out, corpus, model, shifts, speakers);
  if (format == ReportFormat::kHtml) {
    WriteShiftsHtml(out, corpus, model, shifts, speakers);
    if (!out.flush()) return Status::IoError("cannot write the shifts");
    return Status::Ok();
  }
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
