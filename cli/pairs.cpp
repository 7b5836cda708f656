// refrain pairs: every pair of statements whose TF-IDF cosine reaches a threshold,
// streamed as found (never held whole), exact, the same for any --threads.
#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "command.h"
#include "refrain/report.h"
#include "refrain/similarity.h"
#include "refrain/vectorizer.h"

namespace refrain::cli {
namespace {

// Writes pairs as they arrive, one buffer per batch. Per-document names and
// dates are rendered once, since millions of rows repeat them.
class PairWriter {
 public:
  PairWriter(const Corpus& corpus, Format format, double threshold, Output& out)
      : corpus_(corpus), format_(format), out_(out) {
    for (const Document& doc : corpus.documents) {
      if (format_ == Format::kJson) {
        docs_.push_back(DumpJson(doc.path));
        dates_.push_back(DumpJson(doc.date.ToString()));
      } else {
        docs_.push_back(OneLine(doc.path));
        dates_.push_back(doc.date.ToString());
      }
    }
    if (format_ == Format::kJson)
      fmt::format_to(std::back_inserter(buffer_),
                     "{{\"schema\": {}, \"threshold\": {}, \"statements\": {}, \"pairs\": [",
                     kJsonSchema, threshold, corpus.statements.size());
    else
      fmt::format_to(std::back_inserter(buffer_),
                     "id_a\tid_b\tscore\tdoc_a\tdate_a\tdoc_b\tdate_b\n");
  }

  Status Write(std::span<const ScoredPair> pairs) {
    for (const ScoredPair& p : pairs) {
      const Statement& a = corpus_.statements[p.a];
      const Statement& b = corpus_.statements[p.b];
      if (format_ == Format::kJson)
        fmt::format_to(std::back_inserter(buffer_),
                       "{}\n{{\"id_a\": {}, \"id_b\": {}, \"score\": {:.6f}, \"doc_a\": {}, "
                       "\"date_a\": {}, \"doc_b\": {}, \"date_b\": {}}}",
                       written_ ? "," : "", a.id, b.id, p.score, docs_[a.doc], dates_[a.doc],
                       docs_[b.doc], dates_[b.doc]);
      else
        fmt::format_to(std::back_inserter(buffer_), "{}\t{}\t{:.6f}\t{}\t{}\t{}\t{}\n", a.id, b.id,
                       p.score, docs_[a.doc], dates_[a.doc], docs_[b.doc], dates_[b.doc]);
      ++written_;
    }
    return Flush();
  }

  Status Finish() {
    if (format_ == Format::kJson) fmt::format_to(std::back_inserter(buffer_), "\n]}}\n");
    REFRAIN_RETURN_IF_ERROR(Flush());
    return out_.Close();
  }

  uint64_t written() const { return written_; }

 private:
  Status Flush() {
    out_.stream().write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
    return out_.Check();
  }

  const Corpus& corpus_;
  Format format_;
  Output& out_;
  std::vector<std::string> docs_;
  std::vector<std::string> dates_;
  fmt::memory_buffer buffer_;
  uint64_t written_ = 0;
};

}  // namespace

int RunPairs(int argc, char** argv) {
  CorpusFlags corpus_flags;
  std::string format_name;
  double threshold = 0;
  SimilarityOptions similarity;
  bool exhaustive = false;
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
                       "  refrain pairs corpus/seed --threshold 0.6 --format json\n");
  if (code >= 0) return code;
  Result<Format> format = ParseFormat(format_name, {Format::kTsv, Format::kJson});
  if (!format.ok()) return ReportError(format.status());
  if (Status s = CheckThreshold(threshold, "--threshold"); !s.ok()) return ReportError(s);
  if (exhaustive) similarity.kernel = SimilarityKernel::kExhaustive;
  similarity.min_threshold = threshold;
  if (similarity.threads < 0)
    return ReportError(Status::BadUsage("--threads must be 0 (one per core) or more"));

  if (Status s = output.Open(); !s.ok()) return ReportError(s);
  std::optional<Corpus> corpus = LoadOrReport(corpus_flags, &code);
  if (!corpus) return code;
  if (corpus->statements.empty())
    return ReportError(Status::BadInput("the corpus has no statements"));
  if (corpus->statements.size() == 1)
    return ReportError(Status::BadInput("the corpus has one statement: a pair needs at least two"));

  VectorizerOptions vectorizer_options;
  vectorizer_options.threads = similarity.threads;
  vectorizer_options.progress = TerminalProgress();
  Vectorizer vectorizer(vectorizer_options);
  Result<TfidfMatrix> matrix = vectorizer.FitTransform(corpus->statements);
  if (!matrix.ok()) return ReportError(matrix.status());
  similarity.progress = TerminalProgress();
  Result<std::unique_ptr<SimilarityIndex>> index = BuildSimilarityIndex(*matrix, similarity);
  if (!index.ok()) return ReportError(index.status());
  *matrix = TfidfMatrix();  // the index holds its own copy

  PairWriter writer(*corpus, *format, threshold, output);
  Status status = (*index)->AllPairs(
      threshold, [&writer](std::span<const ScoredPair> pairs) { return writer.Write(pairs); });
  if (status.ok()) status = writer.Finish();
  if (!status.ok()) return ReportError(status);
  return kExitOk;
}

}  // namespace refrain::cli
