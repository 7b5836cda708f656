// What every writer shares: the format names, the format check, table cells, and the
// statement's JSON object.
#include "refrain/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "report/report_internal.h"

namespace refrain {
namespace {

constexpr std::pair<ReportFormat, std::string_view> kFormatNames[] = {
    {ReportFormat::kText, "text"}, {ReportFormat::kJson, "json"},   {ReportFormat::kCsv, "csv"},
    {ReportFormat::kTsv, "tsv"},   {ReportFormat::kMarkdown, "md"}, {ReportFormat::kHtml, "html"},
};

std::string FormatList(std::span<const ReportFormat> formats) {
  std::string names;
  for (ReportFormat f : formats)
    names += (names.empty() ? "" : ", ") + std::string(ReportFormatName(f));
  return names;
}

// The statement's own fields, and what its JSON object leaves out of the metadata.
bool IsCoreField(std::string_view key) {
  static constexpr std::string_view kCore[] = {"id",  "doc",  "date",  "start",
                                               "end", "text", "score", "file"};
  return std::find(std::begin(kCore), std::end(kCore), key) != std::end(kCore);
}

// One member of a statement's object, before the members are put in key order.
struct StatementField {
  enum class Kind : uint8_t { kString, kUint, kDouble, kBool };
  std::string_view key;
  Kind kind = Kind::kString;
  std::string_view text;
  uint64_t number = 0;
  double real = 0;
};

}  // namespace

std::string_view ReportFormatName(ReportFormat format) {
  for (const auto& [f, name] : kFormatNames)
    if (f == format) return name;
  return "?";
}

Result<ReportFormat> ParseReportFormat(std::string_view name,
                                       std::span<const ReportFormat> supported) {
  for (ReportFormat f : supported)
    if (ReportFormatName(f) == name) return f;
  return Status::BadUsage(
      fmt::format("unknown format '{}' (use one of: {})", name, FormatList(supported)));
}

Result<ReportFormat> ParseReportFormat(std::string_view name,
                                       std::initializer_list<ReportFormat> supported) {
  return ParseReportFormat(name,
                           std::span<const ReportFormat>(supported.begin(), supported.size()));
}

Status RequireFormat(ReportFormat format, std::span<const ReportFormat> supported,
                     std::string_view what) {
  if (std::find(supported.begin(), supported.end(), format) != supported.end()) return Status::Ok();
  return Status::BadUsage(fmt::format("{} has no {} output (it writes {})", what,
                                      ReportFormatName(format), FormatList(supported)));
}

std::string OneLine(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return out;
}

std::string CsvField(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

void WriteStatementJson(JsonWriter& json, const Corpus& corpus, const Statement& statement,
                        const StatementJsonExtras& extras) {
  using Kind = StatementField::Kind;
  const Document& doc = corpus.documents[statement.doc];
  const std::string date = doc.date.ToString();
  // Reused: segments JSON writes hundreds of thousands of statements.
  thread_local std::vector<StatementField> fields;
  fields.clear();
  for (const auto& [key, value] : doc.metadata)
    if (!IsCoreField(key)) fields.push_back({key, Kind::kString, value});
  const uint64_t start = extras.part ? extras.part->start : statement.start;
  const uint64_t end = extras.part ? extras.part->end : statement.end;
  const std::string_view text = extras.part ? extras.part->text : statement.text;
  fields.push_back({"id", Kind::kUint, {}, statement.id});
  fields.push_back({"doc", Kind::kString, doc.path});
  fields.push_back({"date", Kind::kString, date});
  fields.push_back({"start", Kind::kUint, {}, start});
  fields.push_back({"end", Kind::kUint, {}, end});
  fields.push_back({"text", Kind::kString, text});
  if (extras.part) {
    fields.push_back({"statement_start", Kind::kUint, {}, statement.start});
    fields.push_back({"statement_end", Kind::kUint, {}, statement.end});
  }
  if (extras.score) fields.push_back({"score", Kind::kDouble, {}, 0, *extras.score});
  if (extras.core) fields.push_back({"core", Kind::kBool, {}, *extras.core});
  for (const StatementJsonExtras::Number& n : extras.numbers) {
    if (n.integer)
      fields.push_back({n.key, Kind::kUint, {}, static_cast<uint64_t>(n.value)});
    else
      fields.push_back({n.key, Kind::kDouble, {}, 0, n.value});
  }
  if (statement.turn != TurnKind::kNone) {  // a transcript's turn: who speaks, and its kind
    fields.push_back({"speaker", Kind::kString, statement.speaker});
    fields.push_back({"turn", Kind::kString, TurnName(statement.turn)});
  }
  // Pushed last, so that it wins over a turn's speaker: who the caller attributes it to.
  if (!extras.speaker.empty()) fields.push_back({"speaker", Kind::kString, extras.speaker});
  // Key order, and of a key given twice the last (an object's key is set twice: the
  // second value stays).
  std::stable_sort(fields.begin(), fields.end(),
                   [](const StatementField& a, const StatementField& b) { return a.key < b.key; });
  json.BeginObject();
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i + 1 < fields.size() && fields[i + 1].key == fields[i].key) continue;
    const StatementField& f = fields[i];
    json.Key(f.key);
    switch (f.kind) {
      case Kind::kString:
        json.String(f.text);
        break;
      case Kind::kUint:
        json.Uint(f.number);
        break;
      case Kind::kDouble:
        json.Double(f.real);
        break;
      case Kind::kBool:
        json.Bool(f.number != 0);
        break;
    }
  }
  json.EndObject();
}

Status WriteStatementJson(std::ostream& out, const Corpus& corpus, const Statement& statement) {
  JsonWriter json(out, JsonWriter::Style::kOneLine);
  WriteStatementJson(json, corpus, statement);
  return json.Flush();
}

}  // namespace refrain
