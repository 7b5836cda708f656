// refrain eval: how well the matcher tells "same point" from "not" on labelled
// pairs of spans. The scoring (refrain/eval.h) and the writers (refrain/eval_report.h) are
// the engine's; here are the flags.
#include "refrain/eval.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <fstream>
#include <iostream>
#include <optional>

#include "command.h"
#include "refrain/claims.h"
#include "refrain/eval_report.h"
#include "refrain/lexicon.h"
#include "refrain/matcher.h"

namespace refrain::cli {

namespace {

// `--features FILE`: each pair's label and PairFeatures as TSV ("" writes nothing). A pair with
// no claim on a side has no features: all zero, as its score is.
Status WriteFeatures(const std::string& name,
                     const std::vector<std::pair<bool, const ClaimMatch*>>& rows) {
  if (name.empty()) return Status::Ok();
  std::ofstream out(name);
  out << "label\t" << fmt::format("{}", fmt::join(PairFeatureNames(), "\t")) << "\n";
  for (const auto& [same, match] : rows) {
    std::vector<double> values = match->features;
    values.resize(PairFeatureNames().size(), 0);
    out << (same ? 1 : 0) << "\t" << fmt::format("{:.6g}", fmt::join(values, "\t")) << "\n";
  }
  return out ? Status::Ok() : Status::IoError(name + ": cannot write the features");
}

}  // namespace

int RunEval(int argc, char** argv) {
  std::string labels_name, format_name, text_pairs_name, features_name, idf_name,
      model_name = "auto";
  EvalOptions eval;  // defaults come from here, never repeated below
  // "auto": the claims aligner for sentence pairs, which is what it was built to judge;
  // EvalOptions' scorer (the matcher's TF-IDF, what talking points start from) for labelled
  // spans of a corpus.
  std::string scorer_name = "auto";
  MatchFlags match_flags;
  std::string root_name = eval.root.string();
  bool verbose = false, lexicon_on = true;
  Output output;
  po::options_description options("Options");
  options.add_options()(
      "labels", po::value(&labels_name),
      "labelled pairs: doc_a start_a end_a doc_b start_b end_b label (TSV; - = standard input)")(
      "text-pairs", po::value(&text_pairs_name),
      "instead of LABELS: sentence pairs, label sentence1 sentence2 (TSV, MRPC's layout "
      "allowed; - = standard input), scored without a corpus")(
      "scorer", po::value(&scorer_name)->default_value(scorer_name),
      "how a pair is scored: tfidf (the matcher's clause cosine), claims (the sentences' "
      "claims aligned; --threshold then defaults to the aligner's) or auto (claims for "
      "--text-pairs, tfidf for labelled spans)")(
      "format", po::value(&format_name)->default_value("text"), "text or json")(
      "root", po::value(&root_name)->default_value(root_name),
      "folder the documents' paths are relative to");
  AddSwitch(options, "skip-missing", &eval.skip_missing,
            "skip (and count) pairs whose files are missing instead of failing");
  AddSwitch(options, "lexicon", &lexicon_on,
            "claims: align words through the WordNet/GloVe lexicon (scripts/install-deps "
            "installs it; missing, it is an error); --no-lexicon: same word or stem only");
  options.add_options()(
      "model", po::value(&model_name)->default_value(model_name),
      "claims: auto (the learned model, models/claims-paraphrase.json, for --text-pairs; the "
      "aligner's rule score for labelled spans), on or off")(
      "features", po::value(&features_name),
      "claims: also write each pair's label and PairFeatures as TSV to this file "
      "(what scripts/train-claims-model trains on)")(
      "idf", po::value(&idf_name),
      "claims: weigh the IDF features by the word table (\"word_idf\") of this JSON file "
      "instead of the model's (what scripts/train-claims-model trains with)");
  AddSwitch(options, "verbose,v", &verbose,
            "list every pair judged wrong, with its texts and shared terms");
  match_flags.Add(options,
                  "a pair is predicted \"same point\" when its score is at least this, in (0, 1]");
  output.Add(options);
  po::positional_options_description positional;
  positional.add("labels", 1);
  po::variables_map vm;
  int code = ParseArgs(
      argc, argv,
      "refrain eval LABELS.tsv [--threshold T] [--format text|json] "
      "[--skip-missing] [--verbose] [-o FILE]\n"
      "       refrain eval --text-pairs PAIRS.tsv [--scorer auto|tfidf|claims] [--threshold T] "
      "[--no-lexicon] [--model auto|on|off] [--features FILE] [--idf FILE] [--format text|json] "
      "[--verbose] [-o FILE]",
      options, positional, vm,
      "  refrain eval tests/data/eval/labels-tune.tsv\n"
      "  refrain eval tests/data/eval/labels-test.tsv --format json\n"
      "  refrain eval tests/data/eval/labels-tune.tsv -t 0.4 --verbose\n"
      "  refrain eval labels.tsv --skip-missing   # rows of absent corpora\n"
      "  refrain eval tests/data/eval/labels-tune.tsv --no-stem --no-clauses\n"
      "  refrain eval --text-pairs build/mrpc-dev.tsv   # scripts/mrpc-split\n"
      "  refrain eval --text-pairs build/mrpc-dev.tsv --scorer tfidf\n"
      "  refrain eval --text-pairs build/mrpc-dev.tsv --no-lexicon\n");
  if (code >= 0) return code;
  if (labels_name.empty() == text_pairs_name.empty())
    return ReportError(Status::BadUsage("give either LABELS.tsv or --text-pairs FILE"));
  Result<ReportFormat> format = ParseReportFormat(format_name, kEvalFormats);
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

  if (scorer_name != "auto") {
    Result<PairScorer> scorer = ParsePairScorer(scorer_name);
    if (!scorer.ok()) return ReportError(scorer.status());
    eval.scorer = *scorer;
  } else if (!text_pairs_name.empty()) {
    eval.scorer = PairScorer::kClaims;
  }
  using Use = ScoringOptions::ClaimModelUse;
  if (model_name == "on" || model_name == "off") {
    eval.claim_model = model_name == "on" ? Use::kOn : Use::kOff;
  } else if (model_name != "auto") {
    return ReportError(
        Status::BadUsage(fmt::format("--model must be auto, on or off, not '{}'", model_name)));
  }
  if (!vm["threshold"].defaulted()) eval.align.threshold = eval.match.threshold;
  std::optional<Lexicon> lexicon;  // outlives the scoring, which holds a pointer to it
  if (eval.scorer == PairScorer::kClaims && lexicon_on) {
    Result<Lexicon> opened = Lexicon::Open({});
    if (!opened.ok()) return ReportError(opened.status());
    lexicon.emplace(std::move(opened).value());
    eval.relations = &*lexicon;
  }
  std::optional<WordIdf> idf;  // outlives the scoring, as the lexicon does
  if (!idf_name.empty()) {
    Result<WordIdf> loaded = WordIdf::Load(idf_name);
    if (!loaded.ok()) return ReportError(loaded.status());
    idf.emplace(std::move(loaded).value());
    eval.align.idf = &*idf;
  }
  if (!text_pairs_name.empty()) {
    const TextPairsOptions text_pairs{eval};
    Result<TextPairs> pairs = text_pairs_name == "-" ? ParseTextPairs(std::cin, text_pairs_name)
                                                     : ReadTextPairs(text_pairs_name);
    if (!pairs.ok()) return ReportError(pairs.status());
    TextPairsOptions scoring = text_pairs;
    scoring.align.want_features = !features_name.empty();
    Result<TextPairsResult> result = EvaluateTextPairs(*pairs, scoring);
    if (!result.ok()) return ReportError(result.status());
    std::vector<std::pair<bool, const ClaimMatch*>> rows;
    for (const ScoredTextPair& p : result->pairs) rows.emplace_back(p.pair.same, &p.alignment);
    if (Status s = WriteFeatures(features_name, rows); !s.ok()) return ReportError(s);
    return output.Finish(
        WriteTextPairsEval(output.stream(), text_pairs_name, *result, *format, verbose));
  }

  Result<Labels> labels =
      labels_name == "-" ? ParseLabels(std::cin, labels_name) : ReadLabels(labels_name);
  if (!labels.ok()) return ReportError(labels.status());
  eval.align.want_features = !features_name.empty();
  Result<EvalResult> result = Evaluate(*labels, eval);
  if (!result.ok()) return ReportError(result.status());
  std::vector<std::pair<bool, const ClaimMatch*>> rows;
  for (const EvalPair& p : result->pairs) rows.emplace_back(p.pair.same, &p.alignment);
  if (Status s = WriteFeatures(features_name, rows); !s.ok()) return ReportError(s);
  for (const Diagnostic& w : result->warnings)
    std::cerr << fmt::format("refrain eval: warning: {}:{}: {}\n", w.file, w.line, w.message);
  return output.Finish(WriteEval(output.stream(), labels_name, *result, *format, verbose));
}

}  // namespace refrain::cli
