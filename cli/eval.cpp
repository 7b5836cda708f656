// refrain eval: how well the matcher tells "same point" from "not" on labelled
// pairs of spans. The scoring is the engine's (refrain/eval.h); here are the flags and
// the two ways of writing the result.
#include "refrain/eval.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "command.h"
#include "refrain/matcher.h"
#include "refrain/report.h"

namespace refrain::cli {
namespace {

std::string SharedTerms(const Explanation& e, size_t limit) {
  std::string out;
  for (size_t i = 0; i < e.shared.size() && i < limit; ++i)
    out += fmt::format("{}{} {:.3f}", i ? ", " : "", e.shared[i].term, e.shared[i].contribution);
  if (e.shared.size() > limit) out += fmt::format(", ... ({} more)", e.shared.size() - limit);
  return out;
}

void WriteEvalJson(std::ostream& out, const std::string& labels_name, const EvalResult& result) {
  nlohmann::json pairs = nlohmann::json::array();
  for (const EvalPair& scored : result.pairs) {
    const LabelledPair& row = scored.pair;
    nlohmann::json j = {{"line", row.line},        {"doc_a", row.doc[0]},
                        {"start_a", row.start[0]}, {"end_a", row.end[0]},
                        {"doc_b", row.doc[1]},     {"start_b", row.start[1]},
                        {"end_b", row.end[1]},     {"label", row.same ? 1 : 0}};
    if (scored.skipped) {
      j["skipped"] = true;
    } else {
      j["score"] = scored.explanation.score;
      j["cosine"] = scored.explanation.cosine;
      j["different"] = scored.explanation.different;
      j["predicted"] = scored.predicted ? 1 : 0;
      nlohmann::json shared = nlohmann::json::array();
      for (const TermContribution& t : scored.explanation.shared)
        shared.push_back({{"term", t.term}, {"contribution", t.contribution}});
      j["shared"] = std::move(shared);
    }
    pairs.push_back(std::move(j));
  }
  nlohmann::json j = {{"schema", kJsonSchema},
                      {"labels", labels_name},
                      {"threshold", result.threshold},
                      {"precision", result.precision()},
                      {"recall", result.recall()},
                      {"f1", result.f1()},
                      {"tp", result.tp},
                      {"fp", result.fp},
                      {"fn", result.fn},
                      {"tn", result.tn},
                      {"skipped", result.skipped},
                      {"pairs", std::move(pairs)}};
  out << DumpJson(j, 2) << "\n";
}

void WriteEvalText(std::ostream& out, const EvalResult& result, bool verbose) {
  if (verbose)
    for (const EvalPair& scored : result.pairs) {
      const LabelledPair& row = scored.pair;
      if (scored.skipped || scored.predicted == row.same) continue;
      fmt::print(out,
                 "{} line {}: score {:.3f}, label {}\n  A {} [{},{}): {}\n  B {} [{},{}): {}\n  "
                 "shared: {}\n",
                 scored.predicted ? "false positive" : "false negative", row.line,
                 scored.explanation.score, row.same ? 1 : 0, row.doc[0], row.start[0], row.end[0],
                 OneLine(scored.text[0]), row.doc[1], row.start[1], row.end[1],
                 OneLine(scored.text[1]), SharedTerms(scored.explanation, 8));
    }
  fmt::print(
      out,
      "threshold {:.3f}: precision {:.3f}  recall {:.3f}  f1 {:.3f}  (tp {}, fp {}, fn {}, "
      "tn {}{})\n",
      result.threshold, result.precision(), result.recall(), result.f1(), result.tp, result.fp,
      result.fn, result.tn,
      result.skipped ? fmt::format(", {} pairs skipped: files missing", result.skipped) : "");
}

}  // namespace

int RunEval(int argc, char** argv) {
  std::string labels_name, format_name;
  MatchFlags match_flags;
  EvalOptions eval;  // defaults come from here, never repeated below
  std::string root_name = eval.root.string();
  bool verbose = false;
  Output output;
  po::options_description options("Options");
  options.add_options()(
      "labels", po::value(&labels_name)->required(),
      "labelled pairs: doc_a start_a end_a doc_b start_b end_b label (TSV; - = standard input)")(
      "format", po::value(&format_name)->default_value("text"), "text or json")(
      "root", po::value(&root_name)->default_value(root_name),
      "folder the documents' paths are relative to");
  AddSwitch(options, "skip-missing", &eval.skip_missing,
            "skip (and count) pairs whose files are missing instead of failing");
  AddSwitch(options, "verbose,v", &verbose,
            "list every pair judged wrong, with its texts and shared terms");
  match_flags.Add(options,
                  "a pair is predicted \"same point\" when its score is at least this, in (0, 1]");
  output.Add(options);
  po::positional_options_description positional;
  positional.add("labels", 1);
  po::variables_map vm;
  int code = ParseArgs(argc, argv,
                       "refrain eval LABELS.tsv [--threshold T] [--format text|json] "
                       "[--skip-missing] [--verbose] [-o FILE]",
                       options, positional, vm,
                       "  refrain eval tests/data/eval/labels-tune.tsv\n"
                       "  refrain eval tests/data/eval/labels-test.tsv --format json\n"
                       "  refrain eval tests/data/eval/labels-tune.tsv -t 0.4 --verbose\n"
                       "  refrain eval labels.tsv --skip-missing   # rows of absent corpora\n"
                       "  refrain eval tests/data/eval/labels-tune.tsv --no-stem --no-clauses\n");
  if (code >= 0) return code;
  Result<Format> format = ParseFormat(format_name, {Format::kText, Format::kJson});
  if (!format.ok()) return ReportError(format.status());
  Result<MatchOptions> match = match_flags.Build();
  if (!match.ok()) return ReportError(match.status());
  eval.match = std::move(match).value();
  eval.root = root_name;
  eval.progress = TerminalProgress();
  eval.loading = [](const std::filesystem::path& corpus) {
    std::cerr << "refrain eval: loading " << corpus.string() << "\n";
  };
  if (Status s = output.Open(); !s.ok()) return ReportError(s);

  Result<Labels> labels =
      labels_name == "-" ? ParseLabels(std::cin, labels_name) : ReadLabels(labels_name);
  if (!labels.ok()) return ReportError(labels.status());
  Result<EvalResult> result = Evaluate(*labels, eval);
  if (!result.ok()) return ReportError(result.status());
  for (const Diagnostic& w : result->warnings)
    std::cerr << fmt::format("refrain eval: warning: {}:{}: {}\n", w.file, w.line, w.message);
  if (*format == Format::kJson)
    WriteEvalJson(output.stream(), labels_name, *result);
  else
    WriteEvalText(output.stream(), *result, verbose);
  if (Status s = output.Close(); !s.ok()) return ReportError(s);
  return kExitOk;
}

}  // namespace refrain::cli
