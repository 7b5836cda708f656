// `refrain themes`: each theme with its terms, its weight per period and its documents.
#include "refrain/themes_report.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "report/report_internal.h"

namespace refrain {
namespace {

double Round4(double x) { return std::round(x * 1e4) / 1e4; }

// One line of "▁▂▃▄▅▆▇█", scaled to the largest of `values`; "·" for zero.
std::string Sparkline(const std::vector<double>& values) {
  static const char* kBars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  double top = 0;
  for (double v : values) top = std::max(top, v);
  std::string out;
  for (double v : values) {
    if (v <= 0 || top <= 0) {
      out += "·";
      continue;
    }
    int level = static_cast<int>(std::ceil(v / top * 8)) - 1;
    out += kBars[std::clamp(level, 0, 7)];
  }
  return out;
}

// A horizontal bar of `width` cells for v / top, in eighths.
std::string Bar(double v, double top, int width) {
  static const char* kEighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  if (top <= 0 || v <= 0) return "";
  int eighths = static_cast<int>(std::lround(v / top * width * 8));
  std::string out;
  for (int i = 0; i < eighths / 8; ++i) out += "█";
  out += kEighths[eighths % 8];
  return out;
}

// The period indices in byte order of their labels, one per label (the last, as a JSON
// object keyed by label keeps it).
std::vector<size_t> PeriodsByLabel(const std::vector<std::string>& labels) {
  std::vector<size_t> order(labels.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return labels[a] < labels[b]; });
  std::vector<size_t> unique;
  for (size_t i = 0; i < order.size(); ++i)
    if (i + 1 == order.size() || labels[order[i + 1]] != labels[order[i]])
      unique.push_back(order[i]);
  return unique;
}

Status WriteThemesJson(std::ostream& out, const Corpus& corpus, const ThemeModel& model,
                       std::string_view by) {
  const std::vector<std::string>& labels = model.periods.labels;
  const std::vector<size_t> by_label = PeriodsByLabel(labels);
  // Keys in byte order, as every JSON object of refrain.
  JsonWriter json(out);
  json.BeginObject().Field("by", by).Field("periods", labels).Field("schema", kJsonSchema);
  json.Key("statements").BeginObject();
  for (size_t p : by_label) json.Field(labels[p], model.period_statements[p]);
  json.EndObject().Key("themes").BeginArray();
  for (const Theme& t : model.themes) {
    json.BeginObject().Key("counts").BeginObject();
    for (size_t p : by_label) json.Field(labels[p], t.counts[p]);
    json.EndObject().Key("docs").BeginArray();
    for (uint32_t d : t.docs) json.String(corpus.documents[d].path);
    json.EndArray().Field("id", t.id).Field("label", t.label).Key("periods").BeginObject();
    for (size_t p : by_label) json.Field(labels[p], Round4(t.weights[p]));
    json.EndObject()
        .Field("pinned", t.pinned)
        .Field("recurring", t.recurring())
        .Field("terms", t.terms)
        .EndObject();
  }
  json.EndArray().EndObject();
  return json.Finish();
}

}  // namespace

Status WriteThemes(std::ostream& out, const Corpus& corpus, const ThemeModel& model,
                   std::string_view by, ReportFormat format) {
  REFRAIN_RETURN_IF_ERROR(RequireFormat(format, kThemesFormats, "themes"));
  const std::vector<std::string>& labels = model.periods.labels;
  switch (format) {
    case ReportFormat::kJson:
      return WriteThemesJson(out, corpus, model, by);
    case ReportFormat::kCsv: {
      out << "id,label,period,weight,statements,period_statements,recurring,pinned,terms\n";
      for (const Theme& t : model.themes) {
        std::string terms;
        for (const std::string& term : t.terms) terms += (terms.empty() ? "" : "; ") + term;
        for (size_t p = 0; p < labels.size(); ++p)
          out << CsvField(t.id) << ',' << CsvField(t.label) << ',' << CsvField(labels[p]) << ','
              << fmt::format("{:.4f}", t.weights[p]) << ',' << t.counts[p] << ','
              << model.period_statements[p] << ',' << (t.recurring() ? "yes" : "no") << ','
              << (t.pinned ? "yes" : "no") << ',' << CsvField(terms) << '\n';
      }
      break;
    }
    default: {
      size_t recurring = 0;
      for (const Theme& t : model.themes) recurring += t.recurring();
      fmt::print(out, "{} themes ({} recurring) over {} periods by {}", model.themes.size(),
                 recurring, labels.size(), by);
      if (!labels.empty()) fmt::print(out, ", {} to {}", labels.front(), labels.back());
      fmt::print(out, "\n\n");
      // Few periods: a bar per period, one per row. Many: one sparkline per theme, a
      // character per period in order, scaled to the theme's own peak.
      const bool rows = labels.size() <= 8;
      size_t label_width = 0;
      for (const std::string& l : labels) label_width = std::max(label_width, l.size());
      for (const Theme& t : model.themes) {
        std::string docs =
            t.docs.size() == 1 ? "1 document" : fmt::format("{} documents", t.docs.size());
        fmt::print(out, "{}  {}{}  ({} statements, {}{})\n", t.id, t.label,
                   t.pinned ? " [pinned]" : "", t.statements.size(), docs,
                   t.recurring() ? ", recurring" : "");
        std::string terms;
        for (const std::string& term : t.terms) terms += (terms.empty() ? "" : ", ") + term;
        fmt::print(out, "    terms: {}\n", terms);
        double top = 0;
        size_t peak = 0;
        for (size_t p = 0; p < labels.size(); ++p)
          if (t.weights[p] > top) top = t.weights[p], peak = p;
        if (rows) {
          for (size_t p = 0; p < labels.size(); ++p)
            fmt::print(out, "    {:<{}}  {:>6.1f}%  {:>4}  {}\n", labels[p], label_width,
                       100 * t.weights[p], t.counts[p], Bar(t.weights[p], top, 30));
        } else {
          fmt::print(out, "    {} {} {}  peak {} {:.1f}%\n", labels.front(), Sparkline(t.weights),
                     labels.back(), top > 0 ? labels[peak] : "-", 100 * top);
        }
        fmt::print(out, "\n");
      }
      break;
    }
  }
  if (!out.flush()) return Status::IoError("cannot write the themes");
  return Status::Ok();
}

}  // namespace refrain
