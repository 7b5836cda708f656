// refrain pairs: every pair of statements whose TF-IDF cosine reaches a threshold,
// streamed as found (never held whole), exact, the same for any --threads.
#include <iostream>
#include <optional>
#include <string_view>
#include <vector>

#include "command.h"
#include "refrain/distributed.h"
#include "refrain/pairs_report.h"
#include "refrain/similarity.h"
#include "refrain/vectorizer.h"

namespace refrain::cli {
namespace {

// Under mpirun (refrain/distributed.h): every rank joins its share, rank 0 writes the output.
int RunDistributed(const Corpus& corpus, const DistributedPairsOptions& options,
                   ReportFormat format, Output& output) {
  std::vector<std::string_view> texts;
  texts.reserve(corpus.statements.size());
  for (const Statement& s : corpus.statements) texts.push_back(s.text);
  std::optional<PairsWriter> writer;
  const PairSinkOpener open = [&]() -> Result<PairSink> {
    REFRAIN_RETURN_IF_ERROR(output.Open());
    Result<PairsWriter> created =
        PairsWriter::Create(output.stream(), corpus, format, options.threshold);
    if (!created.ok()) return created.status();
    writer.emplace(std::move(created).value());
    return PairSink([&writer](std::span<const ScoredPair> pairs) { return writer->Write(pairs); });
  };
  int rank = 0;
  Status status = DistributedAllPairs(texts, options, open, &rank);
  if (rank != 0 || !writer) return status.ok() ? 0 : ReportError(status);
  if (status.ok()) status = writer->Finish();
  return output.Finish(status);
}

}  // namespace

int RunPairs(int argc, char** argv) {
  CorpusFlags corpus_flags;
  std::string format_name;
  double threshold = 0;
  SimilarityOptions similarity;
  bool exhaustive = false;
  bool rank_report = false;
  Output output;
  po::options_description options("Options");
  po::positional_options_description positional;
  corpus_flags.Add(options, positional);
  options.add_options()("threshold,t", po::value(&threshold)->required(),
                        "keep pairs whose cosine is at least this, in (0, 1]")(
      "format", po::value(&format_name)->default_value("tsv"),
      "tsv (a header line, then id_a id_b score doc_a date_a doc_b date_b) or json")(
      "threads", po::value(&similarity.threads)->default_value(similarity.threads),
      "worker threads, 0 = one per core; the output is the same for any number");
  AddSwitch(options, "rank-report", &rank_report,
            "under mpirun: each rank prints its rows, share of the predicted work, seconds, "
            "pairs and bytes sent to stderr");
  AddSwitch(options, "exhaustive", &exhaustive,
            "compare every statement with every other (a plain sparse product): slow, the "
            "reference");
  output.Add(options);
  po::variables_map vm;
  int code = ParseArgs(argc, argv,
                       "refrain pairs CORPUS... --threshold T [--format tsv|json] [--threads N] "
                       "[--exhaustive] [-o FILE]",
                       options, positional, vm,
                       "  refrain pairs corpus/seed --threshold 0.5\n"
                       "  refrain pairs --lines sentences.txt --threshold 0.8 > pairs.tsv\n"
                       "  refrain pairs corpus/seed --threshold 0.6 --format json\n"
                       "  mpirun -np 2 refrain pairs --lines sentences.txt --threshold 0.8 "
                       "--threads 1  (MPI builds)\n");
  if (code >= 0) return code;
  Result<ReportFormat> format = ParseReportFormat(format_name, kPairsFormats);
  if (!format.ok()) return ReportError(format.status());
  if (Status s = CheckThreshold(threshold, "--threshold"); !s.ok()) return ReportError(s);
  if (exhaustive) similarity.kernel = SimilarityKernel::kExhaustive;
  similarity.min_threshold = threshold;
  if (similarity.threads < 0)
    return ReportError(Status::BadUsage("--threads must be 0 (one per core) or more"));

  // Under mpirun only rank 0 opens the output (RunDistributed).
  if (!UnderMpirun())
    if (Status s = output.Open(); !s.ok()) return ReportError(s);
  std::optional<Corpus> corpus = LoadOrReport(corpus_flags, &code);
  if (!corpus) return code;
  if (corpus->statements.empty())
    return ReportError(Status::BadInput("the corpus has no statements"));
  if (corpus->statements.size() == 1)
    return ReportError(Status::BadInput("the corpus has one statement: a pair needs at least two"));

  VectorizerOptions vectorizer_options;
  vectorizer_options.threads = similarity.threads;
  if (UnderMpirun())
    return RunDistributed(*corpus, {vectorizer_options, similarity, threshold, rank_report},
                          *format, output);
  vectorizer_options.progress = TerminalProgress();
  Vectorizer vectorizer(vectorizer_options);
  Result<TfidfMatrix> matrix = vectorizer.FitTransform(corpus->statements);
  if (!matrix.ok()) return ReportError(matrix.status());
  similarity.progress = TerminalProgress();
  Result<std::unique_ptr<SimilarityIndex>> index = BuildSimilarityIndex(*matrix, similarity);
  if (!index.ok()) return ReportError(index.status());
  *matrix = TfidfMatrix();  // the index holds its own copy

  Result<PairsWriter> writer = PairsWriter::Create(output.stream(), *corpus, *format, threshold);
  if (!writer.ok()) return ReportError(writer.status());
  Status status = (*index)->AllPairs(
      threshold, [&writer](std::span<const ScoredPair> pairs) { return writer->Write(pairs); });
  if (status.ok()) status = writer->Finish();
  return output.Finish(status);
}

}  // namespace refrain::cli
