// `refrain eval`: precision, recall and the pairs behind them.
#include "refrain/eval_report.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "report/json_writer.h"
#include "report/report_internal.h"

namespace refrain {
namespace {

std::string SharedTerms(const Explanation& e, size_t limit) {
  std::string out;
  for (size_t i = 0; i < e.shared.size() && i < limit; ++i)
    out += fmt::format("{}{} {:.3f}", i ? ", " : "", e.shared[i].term, e.shared[i].contribution);
  if (e.shared.size() > limit) out += fmt::format(", ... ({} more)", e.shared.size() - limit);
  return out;
}

// An alignment in one line: the predicates, the words aligned, the failed checks.
std::string AlignmentLine(const ClaimMatch& m) {
  if (!m.no_claim.empty()) return "no claim: " + m.no_claim;
  std::string out = fmt::format("predicates {} / {}; aligned:", m.predicate_a, m.predicate_b);
  for (const WordAlignment& w : m.words)
    out += fmt::format(" {}={} ({} {:.2f})", w.a, w.b, WordRelationName(w.relation), w.weight);
  for (const SlotCheck& c : m.checks)
    if (!c.passed) out += fmt::format("; {} failed x{:.2f} ({})", c.name, c.factor, c.detail);
  // The parts that sum to the score (with a model: what each feature adds to the logit, then
  // the logistic; the rule score is one of the features).
  out += fmt::format("; score {:.3f} =", m.score);
  for (const ScorePart& p : m.parts)
    if (p.value != 0) out += fmt::format(" {:+.3f} ({})", p.value, p.name);
  return out;
}

// Keys in byte order, as every JSON object of refrain's is written.
Status WriteJson(std::ostream& out, std::string_view labels_name, const EvalResult& result) {
  JsonWriter json(out);
  json.BeginObject()
      .Field("f1", result.f1())
      .Field("fn", result.fn)
      .Field("fp", result.fp)
      .Field("labels", labels_name)
      .Key("pairs")
      .BeginArray();
  for (const EvalPair& scored : result.pairs) {
    const LabelledPair& row = scored.pair;
    const Explanation& e = scored.explanation;
    json.BeginObject();
    if (!scored.skipped) json.Field("cosine", e.cosine).Field("different", e.different);
    json.Field("doc_a", row.doc[0])
        .Field("doc_b", row.doc[1])
        .Field("end_a", row.end[0])
        .Field("end_b", row.end[1])
        .Field("label", row.same ? 1 : 0)
        .Field("line", row.line);
    if (scored.skipped) {
      json.Field("skipped", true);
    } else {
      json.Field("predicted", scored.predicted ? 1 : 0).Field("score", scored.score).Key("shared");
      json.BeginArray();
      for (const TermContribution& t : e.shared)
        json.BeginObject().Field("contribution", t.contribution).Field("term", t.term).EndObject();
      json.EndArray();
    }
    json.Field("start_a", row.start[0]).Field("start_b", row.start[1]).EndObject();
  }
  json.EndArray()
      .Field("precision", result.precision())
      .Field("recall", result.recall())
      .Field("schema", kJsonSchema)
      .Field("skipped", result.skipped)
      .Field("threshold", result.threshold)
      .Field("tn", result.tn)
      .Field("tp", result.tp)
      .EndObject();
  return json.Finish();
}

void WriteText(std::ostream& out, const EvalResult& result, bool verbose) {
  if (verbose)
    for (const EvalPair& scored : result.pairs) {
      const LabelledPair& row = scored.pair;
      if (scored.skipped || scored.predicted == row.same) continue;
      fmt::print(out,
                 "{} line {}: score {:.3f}, label {}\n  A {} [{},{}): {}\n  B {} [{},{}): {}\n  "
                 "shared: {}\n",
                 scored.predicted ? "false positive" : "false negative", row.line, scored.score,
                 row.same ? 1 : 0, row.doc[0], row.start[0], row.end[0], OneLine(scored.text[0]),
                 row.doc[1], row.start[1], row.end[1], OneLine(scored.text[1]),
                 scored.alignment.claim_a >= 0 || !scored.alignment.no_claim.empty()
                     ? AlignmentLine(scored.alignment)
                     : SharedTerms(scored.explanation, 8));
    }
  fmt::print(
      out,
      "threshold {:.3f}: precision {:.3f}  recall {:.3f}  f1 {:.3f}  (tp {}, fp {}, fn {}, "
      "tn {}{})\n",
      result.threshold, result.precision(), result.recall(), result.f1(), result.tp, result.fp,
      result.fn, result.tn,
      result.skipped ? fmt::format(", {} pairs skipped: files missing", result.skipped) : "");
}

Status WriteTextPairsJson(std::ostream& out, std::string_view pairs_name,
                          const TextPairsResult& result) {
  JsonWriter json(out);
  json.BeginObject()
      .Field("accuracy", result.accuracy())
      .Field("f1", result.f1())
      .Field("fn", result.fn)
      .Field("fp", result.fp)
      .Key("pairs")
      .BeginArray();
  for (const ScoredTextPair& scored : result.pairs)
    json.BeginObject()
        .Field("label", scored.pair.same ? 1 : 0)
        .Field("line", scored.pair.line)
        .Field("predicted", scored.predicted ? 1 : 0)
        .Field("score", scored.score)
        .EndObject();
  json.EndArray()
      .Field("precision", result.precision())
      .Field("recall", result.recall())
      .Field("schema", kJsonSchema)
      .Field("scorer", PairScorerName(result.scorer))
      .Field("text_pairs", pairs_name)
      .Field("threshold", result.threshold)
      .Field("tn", result.tn)
      .Field("tp", result.tp)
      .EndObject();
  return json.Finish();
}

void WriteTextPairsText(std::ostream& out, const TextPairsResult& result, bool verbose) {
  if (verbose)
    for (const ScoredTextPair& scored : result.pairs) {
      if (scored.predicted == scored.pair.same) continue;
      fmt::print(out, "{} line {}: score {:.3f}\n  1: {}\n  2: {}\n",
                 scored.predicted ? "false positive" : "false negative", scored.pair.line,
                 scored.score, OneLine(scored.pair.text[0]), OneLine(scored.pair.text[1]));
      if (result.scorer == PairScorer::kTfidf)
        fmt::print(out, "  shared: {}\n", SharedTerms(scored.explanation, 8));
      else
        fmt::print(out, "  {}\n", AlignmentLine(scored.alignment));
    }
  fmt::print(out,
             "{} pairs, scorer {}, threshold {:.3f}: accuracy {:.3f}  precision {:.3f}  recall "
             "{:.3f}  f1 {:.3f}  (tp {}, fp {}, fn {}, tn {})\n",
             result.total(), PairScorerName(result.scorer), result.threshold, result.accuracy(),
             result.precision(), result.recall(), result.f1(), result.tp, result.fp, result.fn,
             result.tn);
}

}  // namespace

Status WriteTextPairsEval(std::ostream& out, std::string_view pairs_name,
                          const TextPairsResult& result, ReportFormat format, bool verbose) {
  REFRAIN_RETURN_IF_ERROR(RequireFormat(format, kEvalFormats, "eval"));
  if (format == ReportFormat::kJson) return WriteTextPairsJson(out, pairs_name, result);
  WriteTextPairsText(out, result, verbose);
  if (!out.flush()) return Status::IoError("cannot write the evaluation");
  return Status::Ok();
}

Status WriteEval(std::ostream& out, std::string_view labels_name, const EvalResult& result,
                 ReportFormat format, bool verbose) {
  REFRAIN_RETURN_IF_ERROR(RequireFormat(format, kEvalFormats, "eval"));
  if (format == ReportFormat::kJson) return WriteJson(out, labels_name, result);
  WriteText(out, result, verbose);
  if (!out.flush()) return Status::IoError("cannot write the evaluation");
  return Status::Ok();
}

}  // namespace refrain
