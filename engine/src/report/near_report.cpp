// `refrain near`: the statements near a text, best first.
#include "refrain/near_report.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "report/json_writer.h"
#include "report/report_internal.h"

namespace refrain {

Status WriteNear(std::ostream& out, const Corpus& corpus, const NearResult& near,
                 ReportFormat format) {
  REFRAIN_RETURN_IF_ERROR(RequireFormat(format, kNearFormats, "near"));
  if (format == ReportFormat::kJson) {
    JsonWriter json(out);
    json.BeginObject().Key("neighbors").BeginArray();
    for (const Neighbor& n : near.neighbors) {
      StatementJsonExtras extras;
      extras.score = n.score;
      WriteStatementJson(json, corpus, corpus.statements[n.row], extras);
    }
    json.EndArray()
        .Field("query", near.query)
        .Field("schema", kJsonSchema)
        .Field("threshold", near.threshold)
        .EndObject();
    return json.Finish();
  }
  if (format == ReportFormat::kTsv) {
    out << "id\tscore\tdoc\tdate\tstart\tend\ttext\n";
    for (const Neighbor& n : near.neighbors) {
      const Statement& s = corpus.statements[n.row];
      const Document& d = corpus.documents[s.doc];
      fmt::print(out, "{}\t{:.6f}\t{}\t{}\t{}\t{}\t{}\n", s.id, n.score, OneLine(d.path),
                 d.date.ToString(), s.start, s.end, OneLine(s.text));
    }
  } else {
    for (const Neighbor& n : near.neighbors) {
      const Statement& s = corpus.statements[n.row];
      const Document& d = corpus.documents[s.doc];
      const std::string date = d.date.ToString();
      fmt::print(out, "{:.3f}  {}{}{}  (statement {}, bytes {}-{})\n    {}\n", n.score, date,
                 date.empty() ? "" : "  ", d.path, s.id, s.start, s.end, OneLine(s.text));
    }
  }
  if (!out.flush()) return Status::IoError("cannot write the statements near the text");
  return Status::Ok();
}

}  // namespace refrain
