// `refrain compare`: two documents side by side, as two text columns, JSON or one HTML page.
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "refrain/points_report.h"
#include "report/html.h"
#include "report/report_internal.h"

namespace refrain {
namespace {

void WriteRunsJson(JsonWriter& json, const std::vector<DiffRun>& runs) {
  json.BeginArray();
  for (const DiffRun& r : runs)
    json.BeginObject().Field("changed", r.changed).Field("text", r.text).EndObject();
  json.EndArray();
}

Status WriteComparisonJson(std::ostream& out, const Corpus& corpus, const Comparison& c) {
  auto write_doc = [&](JsonWriter& json, uint32_t doc) {
    const Document& d = corpus.documents[doc];
    json.BeginObject().Field("date", d.date.ToString()).Field("doc", d.path);
    if (std::string_view title = d.Meta("title"); !title.empty()) json.Field("title", title);
    json.EndObject();
  };
  auto write_statements = [&](JsonWriter& json, const std::vector<uint32_t>& statements) {
    json.BeginArray();
    for (uint32_t s : statements) WriteStatementJson(json, corpus, corpus.statements[s]);
    json.EndArray();
  };
  // Keys in byte order, as every JSON object of refrain.
  JsonWriter json(out);
  json.BeginObject().Key("a");
  write_doc(json, c.doc_a);
  json.Key("b");
  write_doc(json, c.doc_b);
  auto write_matched = [&](const std::vector<MatchedStatements>& matched) {
    json.BeginArray();
    for (const MatchedStatements& m : matched) {
      json.BeginObject().Key("a");
      WriteStatementJson(json, corpus, corpus.statements[m.a]);
      json.Key("b");
      WriteStatementJson(json, corpus, corpus.statements[m.b]);
      json.Key("diff").BeginObject().Key("a");
      WriteRunsJson(json, m.diff.a);
      json.Key("b");
      WriteRunsJson(json, m.diff.b);
      json.EndObject().Field("score", m.score).Key("shared").BeginArray();
      for (const TermContribution& t : m.shared)
        json.BeginObject().Field("contribution", t.contribution).Field("term", t.term).EndObject();
      json.EndArray().EndObject();
    }
    json.EndArray();
  };
  // "ceremony": matched ceremony pairs and each side's unmatched ceremony, after the substance.
  json.Key("ceremony").BeginObject().Key("matched");
  write_matched(c.ceremony_matched);
  json.Key("only_a");
  write_statements(json, c.ceremony_a);
  json.Key("only_b");
  write_statements(json, c.ceremony_b);
  json.EndObject().Key("matched");
  write_matched(c.matched);
  json.Key("only_a");
  write_statements(json, c.only_a);
  json.Key("only_b");
  write_statements(json, c.only_b);
  json.Field("schema", kJsonSchema).Field("threshold", c.threshold).EndObject();
  return json.Finish();
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
  // One pair side by side, its score first; one side's statement alone. Substance and
  // ceremony are written the same way.
  const auto write_pair = [&](const MatchedStatements& m) {
    std::vector<std::string> left = MarkedWords(m.diff.a, kOpenA, kCloseA);
    left.insert(left.begin(), fmt::format("({:.2f})", m.score));
    WriteColumns(out, Wrap(left, column), Wrap(MarkedWords(m.diff.b, kOpenB, kCloseB), column),
                 column);
    out << '\n';
  };
  const auto write_a = [&](uint32_t s) {
    WriteColumns(out, Wrap(PlainWords(corpus.statements[s].text), column), {}, column);
    out << '\n';
  };
  const auto write_b = [&](uint32_t s) {
    WriteColumns(out, {}, Wrap(PlainWords(corpus.statements[s].text), column), column);
    out << '\n';
  };
  out << "\n== Matched\n";
  for (const MatchedStatements& m : c.matched) write_pair(m);
  out << "== Only in A\n";
  for (uint32_t s : c.only_a) write_a(s);
  out << "== Only in B\n";
  for (uint32_t s : c.only_b) write_b(s);
  if (c.ceremony_matched.empty() && c.ceremony_a.empty() && c.ceremony_b.empty()) return;
  out << "== Ceremony (protocol, thanks, biography, deflections)\n";
  for (const MatchedStatements& m : c.ceremony_matched) write_pair(m);
  for (uint32_t s : c.ceremony_a) write_a(s);
  for (uint32_t s : c.ceremony_b) write_b(s);
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
  WriteHtmlHead(out, fmt::format("refrain compare: {} / {}", da.path, db.path),
                ".row{display:grid;grid-template-columns:minmax(0,1fr) 4.5em minmax(0,1fr);"
                "column-gap:.8em;border-top:1px solid #ddd;padding:.4em 0}\n"
                ".col{min-width:0;overflow-wrap:anywhere}\n"
                ".score{text-align:center;font-variant-numeric:tabular-nums;color:#555}\n"
                "h2{margin-top:1.5em;font-size:1.1em}\n"
                "del{background:#fdd;text-decoration:line-through}\n"
                "ins{background:#dfd;text-decoration:none}\n"
                ".only .stmt{background:#f6f6f6}\n"
                ".legend{color:#555}\n");
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
  auto write_singles = [&](const std::vector<uint32_t>& only_a,
                           const std::vector<uint32_t>& only_b) {
    for (size_t i = 0; i < std::max(only_a.size(), only_b.size()); ++i) {
      std::string left =
          i < only_a.size()
              ? HtmlStatement(corpus, only_a[i], HtmlEscape(corpus.statements[only_a[i]].text))
              : "";
      std::string right =
          i < only_b.size()
              ? HtmlStatement(corpus, only_b[i], HtmlEscape(corpus.statements[only_b[i]].text))
              : "";
      fmt::print(out,
                 "<div class=\"row single\"><div class=\"col a\">{}</div><div class=\"score\">"
                 "</div><div class=\"col b\">{}</div></div>\n",
                 left, right);
    }
  };
  out << "</section>\n<section class=\"only\">\n<h2>Only in A / only in B</h2>\n";
  write_singles(c.only_a, c.only_b);
  if (!c.ceremony_matched.empty() || !c.ceremony_a.empty() || !c.ceremony_b.empty()) {
    out << "</section>\n<section class=\"only ceremony\">\n<h2>Ceremony</h2>\n";
    for (const MatchedStatements& m : c.ceremony_matched)
      fmt::print(out,
                 "<div class=\"row pair\"><div class=\"col a\">{}</div><div class=\"score\">"
                 "{:.2f}</div><div class=\"col b\">{}</div></div>\n",
                 HtmlStatement(corpus, m.a, HtmlRuns(m.diff.a, "del")), m.score,
                 HtmlStatement(corpus, m.b, HtmlRuns(m.diff.b, "ins")));
    write_singles(c.ceremony_a, c.ceremony_b);
  }
  out << "</section>\n";
  WriteHtmlTail(out);
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

Status WriteComparison(std::ostream& out, const Corpus& corpus, const Comparison& comparison,
                       ReportFormat format, int width) {
  REFRAIN_RETURN_IF_ERROR(RequireFormat(format, kComparisonFormats, "compare"));
  switch (format) {
    case ReportFormat::kJson:
      return WriteComparisonJson(out, corpus, comparison);
    case ReportFormat::kHtml:
      WriteComparisonHtml(out, corpus, comparison);
      break;
    default:
      WriteComparisonText(out, corpus, comparison, width);
      break;
  }
  if (!out.flush()) return Status::IoError("cannot write the comparison");
  return Status::Ok();
}

}  // namespace refrain
