// `refrain near`: the statements near a text, best first.
#include "refrain/near_report.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "report/json_writer.h"
#include "report/report_internal.h"

namespace refrain {

namespace {

// The statement's text with its best span between [[ and ]] when the span is a part of it.
std::string MarkedText(const Statement& s, const NearHit& hit) {
  const std::string_view text = s.text;
  const size_t begin = hit.span_text_begin, end = hit.span_text_end;
  if (end > text.size() || begin >= end || (begin == 0 && end == text.size())) return OneLine(text);
  return OneLine(text.substr(0, begin)) + "[[" + OneLine(text.substr(begin, end - begin)) + "]]" +
         OneLine(text.substr(end));
}

}  // namespace

Status WriteNear(std::ostream& out, const Corpus& corpus, const NearResult& near,
                 ReportFormat format) {
  REFRAIN_RETURN_IF_ERROR(RequireFormat(format, kNearFormats, "near"));
  if (format == ReportFormat::kJson) {
    JsonWriter json(out);
    json.BeginObject().Key("neighbors").BeginArray();
    for (const NearHit& hit : near.hits) {
      const StatementJsonExtras::Number numbers[] = {
          {"clause_start", static_cast<double>(hit.clause_start), true},
          {"clause_end", static_cast<double>(hit.clause_end), true},
          {"clause_score", hit.clause_score, false},
          {"span_start", static_cast<double>(hit.span_start), true},
          {"span_end", static_cast<double>(hit.span_end), true},
          {"statement_score", hit.statement_score, false}};
      StatementJsonExtras extras;
      extras.score = hit.score;
      extras.numbers = numbers;
      WriteStatementJson(json, corpus, corpus.statements[hit.statement], extras);
    }
    json.EndArray()
        .Field("query", near.query)
        .Field("schema", kJsonSchema)
        .Field("threshold", near.threshold)
        .EndObject();
    return json.Finish();
  }
  if (format == ReportFormat::kTsv) {
    out << "id\tscore\tdoc\tdate\tstart\tend\ttext\tstatement_score\tclause_start\tclause_end"
           "\tclause_score\tspan_start\tspan_end\n";
    for (const NearHit& hit : near.hits) {
      const Statement& s = corpus.statements[hit.statement];
      const Document& d = corpus.documents[s.doc];
      fmt::print(out, "{}\t{:.6f}\t{}\t{}\t{}\t{}\t{}\t{:.6f}\t{}\t{}\t{:.6f}\t{}\t{}\n", s.id,
                 hit.score, OneLine(d.path), d.date.ToString(), s.start, s.end, OneLine(s.text),
                 hit.statement_score, hit.clause_start, hit.clause_end, hit.clause_score,
                 hit.span_start, hit.span_end);
    }
  } else {
    for (const NearHit& hit : near.hits) {
      const Statement& s = corpus.statements[hit.statement];
      const Document& d = corpus.documents[s.doc];
      const std::string date = d.date.ToString();
      fmt::print(out,
                 "{:.3f}  {}{}{}  (statement {}, bytes {}-{}; span bytes {}-{}; clause bytes "
                 "{}-{} {:.3f}; whole statement {:.3f})\n    {}\n",
                 hit.score, date, date.empty() ? "" : "  ", d.path, s.id, s.start, s.end,
                 hit.span_start, hit.span_end, hit.clause_start, hit.clause_end, hit.clause_score,
                 hit.statement_score, MarkedText(s, hit));
    }
  }
  if (!out.flush()) return Status::IoError("cannot write the statements near the text");
  return Status::Ok();
}

}  // namespace refrain
