#include "refrain/report.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <map>

namespace refrain {
namespace {

constexpr std::pair<Format, std::string_view> kFormatNames[] = {
    {Format::kText, "text"}, {Format::kJson, "json"},   {Format::kCsv, "csv"},
    {Format::kTsv, "tsv"},   {Format::kMarkdown, "md"}, {Format::kHtml, "html"},
};

bool IsCoreField(std::string_view key) {
  static constexpr std::string_view kCore[] = {"id",  "doc",  "date",  "start",
                                               "end", "text", "score", "file"};
  return std::find(std::begin(kCore), std::end(kCore), key) != std::end(kCore);
}

nlohmann::json DroppedJson(const Corpus& corpus, const DroppedSpan& span) {
  return {{"doc", corpus.documents[span.doc].path},
          {"start", span.start},
          {"end", span.end},
          {"reason", span.reason},
          {"text", span.text}};
}

}  // namespace

Result<Format> ParseFormat(std::string_view name, std::initializer_list<Format> allowed) {
  for (Format f : allowed)
    if (FormatName(f) == name) return f;
  std::string names;
  for (Format f : allowed) names += (names.empty() ? "" : ", ") + std::string(FormatName(f));
  return Status::BadUsage(fmt::format("unknown format '{}' (use one of: {})", name, names));
}

std::string_view FormatName(Format format) {
  for (const auto& [f, name] : kFormatNames)
    if (f == format) return name;
  return "?";
}

nlohmann::json StatementJson(const Corpus& corpus, const Statement& s) {
  const Document& doc = corpus.documents[s.doc];
  nlohmann::json j = {{"id", s.id},       {"doc", doc.path}, {"date", doc.date.ToString()},
                      {"start", s.start}, {"end", s.end},    {"text", s.text}};
  for (const auto& [key, value] : doc.metadata)
    if (!IsCoreField(key)) j[key] = value;
  if (s.turn != TurnKind::kNone) {  // a transcript's turn: who speaks, and its kind
    j["speaker"] = s.speaker;
    j["turn"] = TurnName(s.turn);
  }
  return j;
}

std::string DumpJson(const nlohmann::json& json, int indent) {
  return json.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
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

void WriteSegments(std::ostream& out, const Corpus& corpus, Format format, bool show_dropped) {
  switch (format) {
    case Format::kJson: {
      nlohmann::json statements = nlohmann::json::array();
      for (const Statement& s : corpus.statements) statements.push_back(StatementJson(corpus, s));
      nlohmann::json j = {{"schema", kJsonSchema}, {"statements", std::move(statements)}};
      if (show_dropped) {
        nlohmann::json dropped = nlohmann::json::array();
        for (const DroppedSpan& d : corpus.dropped) dropped.push_back(DroppedJson(corpus, d));
        nlohmann::json skipped = nlohmann::json::array();
        for (const SkippedFile& f : corpus.skipped)
          skipped.push_back({{"path", f.path}, {"reason", f.reason}});
        j["dropped"] = std::move(dropped);
        j["skipped"] = std::move(skipped);
      }
      out << DumpJson(j, 2) << "\n";
      return;
    }
    case Format::kCsv: {
      out << "kind,id,doc,date,start,end,text,reason\n";
      for (const Statement& s : corpus.statements) {
        const Document& doc = corpus.documents[s.doc];
        out << "statement," << s.id << ',' << CsvField(doc.path) << ',' << doc.date.ToString()
            << ',' << s.start << ',' << s.end << ',' << CsvField(s.text) << ",\n";
      }
      if (show_dropped)
        for (const DroppedSpan& d : corpus.dropped) {
          const Document& doc = corpus.documents[d.doc];
          out << "dropped,," << CsvField(doc.path) << ',' << doc.date.ToString() << ',' << d.start
              << ',' << d.end << ',' << CsvField(d.text) << ',' << CsvField(d.reason) << '\n';
        }
      return;
    }
    default: {
      // For people: one statement per line, "id  date  doc:start-end  text".
      for (const Statement& s : corpus.statements) {
        const Document& doc = corpus.documents[s.doc];
        fmt::print(out, "{}\t{}\t{}:{}-{}\t{}\n", s.id, doc.date.ToString(), doc.path, s.start,
                   s.end, OneLine(s.text));
      }
      if (show_dropped) {
        for (const DroppedSpan& d : corpus.dropped) {
          const Document& doc = corpus.documents[d.doc];
          fmt::print(out, "dropped\t{}\t{}:{}-{}\t[{}] {}\n", doc.date.ToString(), doc.path,
                     d.start, d.end, d.reason, OneLine(d.text));
        }
        for (const SkippedFile& f : corpus.skipped)
          fmt::print(out, "skipped\t\t{}\t[{}]\n", f.path, f.reason);
      }
      return;
    }
  }
}

void WriteStats(std::ostream& out, const Corpus& corpus, Format format) {
  std::map<std::string, size_t> dropped_by_reason, skipped_by_reason;
  for (const DroppedSpan& d : corpus.dropped) ++dropped_by_reason[d.reason];
  for (const SkippedFile& f : corpus.skipped) ++skipped_by_reason[f.reason];
  Date first, last;
  for (const Document& doc : corpus.documents) {
    if (!doc.date.known()) continue;
    if (!first.known() || doc.date < first) first = doc.date;
    if (!last.known() || last < doc.date) last = doc.date;
  }
  if (format == Format::kJson) {
    nlohmann::json j = {{"schema", kJsonSchema},
                        {"documents", corpus.documents.size()},
                        {"statements", corpus.statements.size()},
                        {"dropped", corpus.dropped.size()},
                        {"dropped_by_reason", dropped_by_reason},
                        {"skipped", corpus.skipped.size()},
                        {"skipped_by_reason", skipped_by_reason},
                        {"warnings", corpus.warnings.size()},
                        {"first", first.ToString()},
                        {"last", last.ToString()}};
    out << DumpJson(j, 2) << "\n";
    return;
  }
  fmt::print(out, "documents   {}\n", corpus.documents.size());
  fmt::print(out, "statements  {}\n", corpus.statements.size());
  fmt::print(out, "dropped     {} spans of clutter\n", corpus.dropped.size());
  for (const auto& [reason, n] : dropped_by_reason) fmt::print(out, "  {:>8}  {}\n", n, reason);
  fmt::print(out, "skipped     {} files\n", corpus.skipped.size());
  for (const auto& [reason, n] : skipped_by_reason) fmt::print(out, "  {:>8}  {}\n", n, reason);
  fmt::print(out, "warnings    {}\n", corpus.warnings.size());
  if (first.known())
    fmt::print(out, "dates       {} to {}\n", first.ToString(), last.ToString());
  else
    fmt::print(out, "dates       none\n");
}

}  // namespace refrain
