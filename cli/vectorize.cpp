// refrain vectorize: the TF-IDF matrix of a corpus's statements, its shape and
// size, and optionally the matrix (Matrix Market) and its vocabulary on disk.
#include <fmt/format.h>

#include <iostream>

#include "command.h"
#include "refrain/vectorize_report.h"
#include "refrain/vectorizer.h"

namespace refrain::cli {

int RunVectorize(int argc, char** argv) {
  CorpusFlags corpus_flags;
  VectorizerOptions vec;  // defaults come from here, never repeated below
  std::string format_name, output, min_df = vec.min_df.ToString(), max_df = vec.max_df.ToString();
  std::string norm_name(NormName(vec.norm));
  po::options_description options("Options");
  po::positional_options_description positional;
  corpus_flags.Add(options, positional);
  options.add_options()(
      "output,o", po::value(&output),
      "write the matrix to FILE (Matrix Market, 1-based coordinates) and its vocabulary to "
      "FILE.vocab (one \"term<TAB>df<TAB>idf\" line per column, in column order)")(
      "format", po::value(&format_name)->default_value("text"), "text or json")(
      "threads", po::value(&vec.threads)->default_value(vec.threads),
      "worker threads (0 = one per core); the matrix is the same for any value")(
      "ngram-min", po::value(&vec.ngram_min)->default_value(vec.ngram_min),
      "shortest n-gram (scikit-learn's ngram_range[0])")(
      "ngram-max", po::value(&vec.ngram_max)->default_value(vec.ngram_max),
      "longest n-gram (scikit-learn's ngram_range[1])")(
      "min-df", po::value(&min_df)->default_value(min_df),
      "drop terms in fewer statements: a count (2) or a proportion (0.01), as scikit-learn")(
      "max-df", po::value(&max_df)->default_value(max_df),
      "drop terms in more statements: a count (500) or a proportion (0.5), as scikit-learn")(
      "norm", po::value(&norm_name)->default_value(norm_name), "row norm: l2, l1 or none");
  AddSwitch(options, "stop-words", &vec.tokenizer.stop_words,
            "drop English stop words (scikit-learn's ENGLISH_STOP_WORDS)");
  AddSwitch(options, "stem", &vec.tokenizer.stem, "reduce words to their Snowball English stem");
  AddSwitch(options, "sublinear-tf", &vec.sublinear_tf, "tf = 1 + ln(count) instead of count");
  AddSwitch(options, "smooth-idf", &vec.smooth_idf,
            "idf = ln((1 + n) / (1 + df)) + 1 instead of ln(n / df) + 1");
  AddSwitch(options, "use-idf", &vec.use_idf, "weight terms by inverse document frequency");
  po::variables_map vm;
  int code =
      ParseArgs(argc, argv,
                "refrain vectorize CORPUS... [-o FILE] [--threads N] [--min-df N|P] "
                "[--max-df N|P] [--ngram-max N] [--stop-words] [--stem] [--format text|json]",
                options, positional, vm,
                "  refrain vectorize corpus/seed\n"
                "  refrain vectorize --lines sentences.txt --threads 1\n"
                "  refrain vectorize corpus/seed --min-df 2 --stem -o seed.mtx  "
                "# also writes seed.mtx.vocab\n");
  if (code >= 0) return code;
  Result<ReportFormat> format = ParseReportFormat(format_name, kVectorizeFormats);
  if (!format.ok()) return ReportError(format.status());
  Result<DfBound> min = DfBound::Parse(min_df, "--min-df");
  if (!min.ok()) return ReportError(min.status());
  Result<DfBound> max = DfBound::Parse(max_df, "--max-df");
  if (!max.ok()) return ReportError(max.status());
  vec.min_df = *min;
  vec.max_df = *max;
  if (norm_name == "l2") {
    vec.norm = Norm::kL2;
  } else if (norm_name == "l1") {
    vec.norm = Norm::kL1;
  } else if (norm_name == "none") {
    vec.norm = Norm::kNone;
  } else {
    return ReportError(
        Status::BadUsage(fmt::format("--norm takes l2, l1 or none, not '{}'", norm_name)));
  }
  if (Status valid = Validate(vec); !valid.ok()) return ReportError(valid);

  std::optional<Corpus> corpus = LoadOrReport(corpus_flags, &code);
  if (!corpus) return code;
  vec.progress = TerminalProgress();
  Vectorizer vectorizer(vec);
  TfidfMatrix matrix;
  if (Status s = vectorizer.FitTransform(corpus->statements, &matrix); !s.ok())
    return ReportError(s);
  if (!output.empty()) {
    Status s = Output::WriteFile(output, [&matrix](const std::filesystem::path& to) {
      return SaveMatrixMarket(matrix, to);
    });
    if (s.ok())
      s = Output::WriteFile(output + ".vocab", [&vectorizer](const std::filesystem::path& to) {
        return SaveVocabulary(vectorizer.vocabulary(), to);
      });
    if (!s.ok()) return ReportError(s);
  }
  std::vector<std::string> files;
  if (!output.empty()) files = {output, output + ".vocab"};
  Output summary;  // standard output, checked
  return summary.Finish(WriteVectorizeSummary(summary.stream(), matrix, vec, files, *format));
}

}  // namespace refrain::cli
