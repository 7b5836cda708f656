#include "refrain/points_report.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "refrain/report.h"

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

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// ---- talking points ----

// Why a group is stock phrasing, for people.
std::string StockWhy(const TalkingPoint& p) {
  if (p.stock_reason == "source")
    return fmt::format("at an end of {} of the {} documents of '{}'", p.source_carrying,
                       p.source_documents, p.source);
  return fmt::format("at the {} of {} documents", p.stock_reason, p.documents);
}

// Text shows this many variants of a stock phrase (JSON and CSV show all).
constexpr size_t kStockVariantsShown = 3;

nlohmann::json PointJson(const Corpus& corpus, const TalkingPoint& point, size_t id, bool stock) {
  nlohmann::json statements = nlohmann::json::array();
  for (const PointVariant& v : point.variants) statements.push_back(PointVariantJson(corpus, v));
  nlohmann::json j = {{"id", id},
                      {"label", PointLabel(point)},
                      {"representative", point.representative().unit.text},
                      {"events", point.events},
                      {"documents", point.documents},
                      {"years", point.years},
                      {"first", point.first.ToString()},
                      {"last", point.last.ToString()}};
  if (stock) {
    j["reason"] = point.stock_reason;
    if (point.stock_reason == "source") {
      j["source"] = point.source;
      j["source_documents"] = point.source_documents;
      j["source_carrying"] = point.source_carrying;
    }
  }
  j["statements"] = std::move(statements);
  return j;
}

void WritePointsText(std::ostream& out, const Corpus& corpus, const TalkingPoints& points,
                     size_t shown) {
  fmt::print(out, "{} talking points (threshold {}), {} stock phrases\n", points.points.size(),
             points.threshold, points.stock_phrases.size());
  auto write_point = [&](const TalkingPoint& p, std::string_view heading, size_t limit) {
    fmt::print(out, "\n{}  {} events, {} variants, {} .. {}\n  \"{}\"\n", heading, p.events,
               p.variants.size(), p.first.ToString(), p.last.ToString(),
               OneLine(p.representative().unit.text));
    size_t written = 0;
    for (const PointVariant& v : p.variants) {
      if (written == limit) {
        fmt::print(out, "    ... {} more\n", p.variants.size() - limit);
        break;
      }
      const Document& d = corpus.documents[v.unit.doc];
      fmt::print(out, "    {:.3f}{} {}  {}:{}-{}  {}\n", v.score, v.core ? "*" : " ",
                 d.date.ToString(), d.path, v.unit.start, v.unit.end, OneLine(v.unit.text));
      ++written;
    }
  };
  for (size_t i = 0; i < shown; ++i)
    write_point(points.points[i], fmt::format("#{}", i + 1), points.points[i].variants.size());
  if (shown < points.points.size())
    fmt::print(out, "\n... {} more talking points (--top 0 shows all)\n",
               points.points.size() - shown);
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

// ---- comparison ----

nlohmann::json ComparedJson(const Corpus& corpus, uint32_t statement) {
  return StatementJson(corpus, corpus.statements[statement]);
}

nlohmann::json RunsJson(const std::vector<DiffRun>& runs) {
  nlohmann::json list = nlohmann::json::array();
  for (const DiffRun& r : runs) list.push_back({{"text", r.text}, {"changed", r.changed}});
  return list;
}

void WriteComparisonJson(std::ostream& out, const Corpus& corpus, const Comparison& c) {
  auto doc_json = [&](uint32_t doc) {
    const Document& d = corpus.documents[doc];
    nlohmann::json j = {{"doc", d.path}, {"date", d.date.ToString()}};
    if (std::string_view title = d.Meta("title"); !title.empty()) j["title"] = title;
    return j;
  };
  nlohmann::json matched = nlohmann::json::array();
  for (const MatchedStatements& m : c.matched) {
    nlohmann::json terms = nlohmann::json::array();
    for (const TermContribution& t : m.shared)
      terms.push_back({{"term", t.term}, {"contribution", t.contribution}});
    matched.push_back({{"a", ComparedJson(corpus, m.a)},
                       {"b", ComparedJson(corpus, m.b)},
                       {"score", m.score},
                       {"shared", std::move(terms)},
                       {"diff", {{"a", RunsJson(m.diff.a)}, {"b", RunsJson(m.diff.b)}}}});
  }
  nlohmann::json only_a = nlohmann::json::array(), only_b = nlohmann::json::array();
  for (uint32_t s : c.only_a) only_a.push_back(ComparedJson(corpus, s));
  for (uint32_t s : c.only_b) only_b.push_back(ComparedJson(corpus, s));
  nlohmann::json j = {{"schema", kJsonSchema},         {"a", doc_json(c.doc_a)},
                      {"b", doc_json(c.doc_b)},        {"threshold", c.threshold},
                      {"matched", std::move(matched)}, {"only_a", std::move(only_a)},
                      {"only_b", std::move(only_b)}};
  out << DumpJson(j, 2) << "\n";
}

// One display line of a column: its text and its width in terminal columns.
struct Line {
  std::string text;
  int width = 0;
};

// Marks around changed words in text output (as `git diff --word-diff` does).
constexpr std::string_view kOpenA = "[-", kCloseA = "-]", kOpenB = "{+", kCloseB = "+}";

// Breaks `words` (with their marks) into lines of at most `width` columns, at spaces;
// a word longer than a line is cut.
std::vector<Line> Wrap(const std::vector<std::string>& words, int width) {
  std::vector<Line> lines(1);
  for (const std::string& word : words) {
    int w = DisplayWidth(word);
    if (lines.back().width > 0 && lines.back().width + 1 + w > width) lines.emplace_back();
    Line* line = &lines.back();
    if (line->width > 0) {
      line->text += ' ';
      ++line->width;
    }
    if (w <= width - line->width) {
      line->text += word;
      line->width += w;
      continue;
    }
    // Cut an overlong word at code point boundaries.
    int32_t i = 0;
    const int32_t size = static_cast<int32_t>(word.size());
    while (i < size) {
      int32_t start = i;
      UChar32 c;
      U8_NEXT(word.data(), i, size, c);
      int cw = DisplayWidth(std::string_view(word).substr(start, i - start));
      if (line->width + cw > width && line->width > 0) {
        lines.emplace_back();
        line = &lines.back();
      }
      line->text.append(word, start, i - start);
      line->width += cw;
    }
  }
  return lines;
}

// The words of a statement's runs, changed runs wrapped in `open`/`close`.
std::vector<std::string> MarkedWords(const std::vector<DiffRun>& runs, std::string_view open,
                                     std::string_view close) {
  std::vector<std::string> words;
  for (const DiffRun& run : runs) {
    std::vector<std::string> run_words;
    size_t i = 0;
    std::string_view text = run.text;
    while (i < text.size()) {
      while (i < text.size() && text[i] == ' ') ++i;
      size_t j = text.find(' ', i);
      if (j == std::string_view::npos) j = text.size();
      if (j > i) run_words.emplace_back(text.substr(i, j - i));
      i = j;
    }
    if (run.changed && !run_words.empty()) {
      run_words.front().insert(0, open);
      run_words.back().append(close);
    }
    for (std::string& w : run_words) words.push_back(std::move(w));
  }
  return words;
}

std::vector<std::string> PlainWords(std::string_view text) {
  return MarkedWords({DiffRun{std::string(text), false}}, "", "");
}

void WriteColumns(std::ostream& out, const std::vector<Line>& left, const std::vector<Line>& right,
                  int column) {
  for (size_t i = 0; i < std::max(left.size(), right.size()); ++i) {
    const Line empty;
    const Line& l = i < left.size() ? left[i] : empty;
    const Line& r = i < right.size() ? right[i] : empty;
    std::string row = l.text;
    row.append(static_cast<size_t>(std::max(0, column - l.width)), ' ');
    row += " | ";
    row += r.text;
    while (!row.empty() && row.back() == ' ') row.pop_back();
    out << row << '\n';
  }
}

void WriteComparisonText(std::ostream& out, const Corpus& corpus, const Comparison& c, int width) {
  width = std::max(width, 20);
  const int column = (width - 3) / 2;  // " | " between the columns
  const Document& da = corpus.documents[c.doc_a];
  const Document& db = corpus.documents[c.doc_b];
  auto heading = [&](std::string_view left, std::string_view right) {
    WriteColumns(out, Wrap(PlainWords(left), column), Wrap(PlainWords(right), column), column);
    out << std::string(static_cast<size_t>(column), '-') << "-+-"
        << std::string(static_cast<size_t>(width - column - 3), '-') << '\n';
  };
  heading(fmt::format("A: {} {}", da.date.ToString(), da.path),
          fmt::format("B: {} {}", db.date.ToString(), db.path));
  const std::string summary = fmt::format(
      "{} matched (threshold {}; changed words [-in A-] {{+in B+}}), {} only in A, {} only in B",
      c.matched.size(), c.threshold, c.only_a.size(), c.only_b.size());
  for (const Line& line : Wrap(PlainWords(summary), width)) out << line.text << '\n';
  out << "\n== Matched\n";
  for (const MatchedStatements& m : c.matched) {
    std::vector<std::string> left = MarkedWords(m.diff.a, kOpenA, kCloseA);
    left.insert(left.begin(), fmt::format("({:.2f})", m.score));
    WriteColumns(out, Wrap(left, column), Wrap(MarkedWords(m.diff.b, kOpenB, kCloseB), column),
                 column);
    out << '\n';
  }
  out << "== Only in A\n";
  for (uint32_t s : c.only_a) {
    WriteColumns(out, Wrap(PlainWords(corpus.statements[s].text), column), {}, column);
    out << '\n';
  }
  out << "== Only in B\n";
  for (uint32_t s : c.only_b) {
    WriteColumns(out, {}, Wrap(PlainWords(corpus.statements[s].text), column), column);
    out << '\n';
  }
}

std::string HtmlRuns(const std::vector<DiffRun>& runs, std::string_view tag) {
  std::string out;
  for (const DiffRun& r : runs) {
    if (!r.changed) {
      out += HtmlEscape(r.text);
      continue;
    }
    // Keep the separating space outside the mark.
    std::string_view text = r.text;
    if (!text.empty() && text.front() == ' ') {
      out += ' ';
      text.remove_prefix(1);
    }
    out += fmt::format("<{}>{}</{}>", tag, HtmlEscape(text), tag);
  }
  return out;
}

std::string HtmlStatement(const Corpus& corpus, uint32_t s, const std::string& body) {
  const Statement& st = corpus.statements[s];
  return fmt::format("<div class=\"stmt\" id=\"s{}\" title=\"bytes {}-{}\">{}</div>", st.id,
                     st.start, st.end, body);
}

void WriteComparisonHtml(std::ostream& out, const Corpus& corpus, const Comparison& c) {
  const Document& da = corpus.documents[c.doc_a];
  const Document& db = corpus.documents[c.doc_b];
  auto doc_heading = [&](const Document& d, std::string_view side) {
    std::string title(d.Meta("title"));
    return fmt::format("<div class=\"doc\"><b>{}</b> {} <code>{}</code>{}</div>", side,
                       HtmlEscape(d.date.ToString()), HtmlEscape(d.path),
                       title.empty() ? "" : "<br>" + HtmlEscape(title));
  };
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  fmt::print(out, "<title>refrain compare: {} / {}</title>\n", HtmlEscape(da.path),
             HtmlEscape(db.path));
  out << "<style>\n"
         "body{font-family:system-ui,sans-serif;margin:1.5em;line-height:1.4;color:#222}\n"
         ".row{display:grid;grid-template-columns:minmax(0,1fr) 4.5em minmax(0,1fr);"
         "column-gap:.8em;border-top:1px solid #ddd;padding:.4em 0}\n"
         ".col{min-width:0;overflow-wrap:anywhere}\n"
         ".score{text-align:center;font-variant-numeric:tabular-nums;color:#555}\n"
         "h2{margin-top:1.5em;font-size:1.1em}\n"
         "del{background:#fdd;text-decoration:line-through}\n"
         "ins{background:#dfd;text-decoration:none}\n"
         ".only .stmt{background:#f6f6f6}\n"
         ".legend{color:#555}\n"
         "</style>\n</head>\n<body>\n";
  fmt::print(out,
             "<h1>Comparison</h1>\n<div class=\"row head\"><div class=\"col a\">{}</div>"
             "<div class=\"score\"></div><div class=\"col b\">{}</div></div>\n",
             doc_heading(da, "A"), doc_heading(db, "B"));
  fmt::print(out,
             "<p class=\"legend\">{} matched (threshold {}), {} only in A, {} only in B. Words "
             "<del>only in A</del>, <ins>only in B</ins>.</p>\n",
             c.matched.size(), c.threshold, c.only_a.size(), c.only_b.size());
  out << "<section class=\"matched\">\n<h2>Matched</h2>\n";
  for (const MatchedStatements& m : c.matched) {
    std::string terms;
    for (const TermContribution& t : m.shared)
      terms +=
          fmt::format("{}{} {:.3f}", terms.empty() ? "shared: " : ", ", t.term, t.contribution);
    fmt::print(out,
               "<div class=\"row pair\"><div class=\"col a\">{}</div><div class=\"score\" "
               "title=\"{}\">{:.2f}</div><div class=\"col b\">{}</div></div>\n",
               HtmlStatement(corpus, m.a, HtmlRuns(m.diff.a, "del")), HtmlEscape(terms), m.score,
               HtmlStatement(corpus, m.b, HtmlRuns(m.diff.b, "ins")));
  }
  out << "</section>\n<section class=\"only\">\n<h2>Only in A / only in B</h2>\n";
  for (size_t i = 0; i < std::max(c.only_a.size(), c.only_b.size()); ++i) {
    std::string left =
        i < c.only_a.size()
            ? HtmlStatement(corpus, c.only_a[i], HtmlEscape(corpus.statements[c.only_a[i]].text))
            : "";
    std::string right =
        i < c.only_b.size()
            ? HtmlStatement(corpus, c.only_b[i], HtmlEscape(corpus.statements[c.only_b[i]].text))
            : "";
    fmt::print(out,
               "<div class=\"row single\"><div class=\"col a\">{}</div><div class=\"score\">"
               "</div><div class=\"col b\">{}</div></div>\n",
               left, right);
  }
  out << "</section>\n</body>\n</html>\n";
}

}  // namespace

int DisplayWidth(std::string_view text) {
  int width = 0;
  int32_t i = 0;
  const int32_t size = static_cast<int32_t>(text.size());
  while (i < size) {
    UChar32 c;
    U8_NEXT(text.data(), i, size, c);
    if (c < 0) {
      ++width;  // ill-formed: a terminal shows one replacement character
      continue;
    }
    int8_t category = static_cast<int8_t>(u_charType(c));
    if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || c == 0x200B) continue;
    int east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    width += (east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return width;
}

nlohmann::json PointVariantJson(const Corpus& corpus, const PointVariant& variant) {
  const Statement& s = corpus.statements[variant.unit.statement];
  nlohmann::json j = StatementJson(corpus, s);
  j["start"] = variant.unit.start;
  j["end"] = variant.unit.end;
  j["text"] = variant.unit.text;
  j["score"] = variant.score;
  j["core"] = variant.core;
  j["statement_start"] = s.start;
  j["statement_end"] = s.end;
  return j;
}

void WriteTalkingPoints(std::ostream& out, const Corpus& corpus, const TalkingPoints& points,
                        Format format, size_t top) {
  const size_t shown = top == 0 ? points.points.size() : std::min(top, points.points.size());
  switch (format) {
    case Format::kJson: {
      nlohmann::json list = nlohmann::json::array(), stock = nlohmann::json::array();
      for (size_t i = 0; i < shown; ++i)
        list.push_back(PointJson(corpus, points.points[i], i + 1, false));
      for (size_t i = 0; i < points.stock_phrases.size(); ++i)
        stock.push_back(PointJson(corpus, points.stock_phrases[i], i + 1, true));
      nlohmann::json j = {{"schema", kJsonSchema},
                          {"threshold", points.threshold},
                          {"talking_points", std::move(list)},
                          {"stock_phrases", std::move(stock)}};
      out << DumpJson(j, 2) << "\n";
      return;
    }
    case Format::kCsv:
      WritePointsCsv(out, corpus, points, shown);
      return;
    case Format::kMarkdown:
      WritePointsMarkdown(out, corpus, points, shown);
      return;
    default:
      WritePointsText(out, corpus, points, shown);
      return;
  }
}

void WriteComparison(std::ostream& out, const Corpus& corpus, const Comparison& comparison,
                     Format format, int width) {
  switch (format) {
    case Format::kJson:
      WriteComparisonJson(out, corpus, comparison);
      return;
    case Format::kHtml:
      WriteComparisonHtml(out, corpus, comparison);
      return;
    default:
      WriteComparisonText(out, corpus, comparison, width);
      return;
  }
}

}  // namespace refrain
