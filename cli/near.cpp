// refrain near: where something like a given text was said before: the statements
// whose TF-IDF cosine with it reaches a threshold, best first.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "command.h"
#include "refrain/report.h"
#include "refrain/similarity.h"
#include "refrain/vectorizer.h"

namespace refrain::cli {
namespace {

void WriteNeighbors(std::ostream& out, const Corpus& corpus, const std::string& query,
                    double threshold, const std::vector<Neighbor>& found, Format format) {
  switch (format) {
    case Format::kJson: {
      nlohmann::json list = nlohmann::json::array();
      for (const Neighbor& n : found) {
        nlohmann::json j = StatementJson(corpus, corpus.statements[n.row]);
        j["score"] = n.score;
        list.push_back(std::move(j));
      }
      nlohmann::json j = {{"schema", kJsonSchema},
                          {"query", query},
                          {"threshold", threshold},
                          {"neighbors", std::move(list)}};
      out << DumpJson(j, 2) << "\n";
      return;
    }
    case Format::kTsv:
      out << "id\tscore\tdoc\tdate\tstart\tend\ttext\n";
      for (const Neighbor& n : found) {
        const Statement& s = corpus.statements[n.row];
        const Document& d = corpus.documents[s.doc];
        fmt::print(out, "{}\t{:.6f}\t{}\t{}\t{}\t{}\t{}\n", s.id, n.score, OneLine(d.path),
                   d.date.ToString(), s.start, s.end, OneLine(s.text));
      }
      return;
    default:
      for (const Neighbor& n : found) {
        const Statement& s = corpus.statements[n.row];
        const Document& d = corpus.documents[s.doc];
        std::string date = d.date.ToString();
        fmt::print(out, "{:.3f}  {}{}{}  (statement {}, bytes {}-{})\n    {}\n", n.score,
                   date.empty() ? "" : date, date.empty() ? "" : "  ", d.path, s.id, s.start, s.end,
                   OneLine(s.text));
      }
      return;
  }
}

}  // namespace

int RunNear(int argc, char** argv) {
  CorpusFlags corpus_flags;
  std::string format_name, query;
  double threshold = 0;
  size_t top = 0;
  Output output;
  po::options_description options("Options");
  po::positional_options_description unused;  // CORPUS then TEXT, set below
  corpus_flags.Add(options, unused);
  po::positional_options_description positional;
  positional.add("corpus", 1).add("text", 1);
  options.add_options()("text", po::value(&query)->required(),
                        "the text to look for (second argument)")(
      "threshold,t", po::value(&threshold)->default_value(0.5),
      "list statements whose cosine with the text is at least this, in (0, 1]")(
      "top,k", po::value(&top)->default_value(10), "list at most this many (0 = all)")(
      "format", po::value(&format_name)->default_value("text"), "text, tsv or json");
  output.Add(options);
  po::variables_map vm;
  int code = ParseArgs(argc, argv,
                       "refrain near CORPUS \"some text\" [--threshold T] [--top K] "
                       "[--format text|tsv|json] [-o FILE]",
                       options, positional, vm,
                       "  refrain near corpus/seed \"support each other on core interests\"\n"
                       "  refrain near --lines sentences.txt \"the two ministers met\" --top 3\n"
                       "  refrain near corpus/seed \"Winter Olympics\" -t 0.2 --format json\n");
  if (code >= 0) return code;
  Result<Format> format = ParseFormat(format_name, {Format::kText, Format::kTsv, Format::kJson});
  if (!format.ok()) return ReportError(format.status());
  if (Status s = CheckThreshold(threshold, "--threshold"); !s.ok()) return ReportError(s);

  if (Status s = output.Open(); !s.ok()) return ReportError(s);
  std::optional<Corpus> corpus = LoadOrReport(corpus_flags, &code);
  if (!corpus) return code;
  if (corpus->statements.empty())
    return ReportError(Status::BadInput("the corpus has no statements"));
  VectorizerOptions vectorizer_options;
  vectorizer_options.progress = TerminalProgress();
  Vectorizer vectorizer(vectorizer_options);
  Result<TfidfMatrix> matrix = vectorizer.FitTransform(corpus->statements);
  if (!matrix.ok()) return ReportError(matrix.status());
  std::string_view texts[] = {query};
  Result<TfidfMatrix> query_matrix = vectorizer.Transform(texts);
  if (!query_matrix.ok()) return ReportError(query_matrix.status());
  const QueryVector query_vector = query_matrix->row(0);
  if (query_vector.nonZeros() == 0)
    std::cerr << "refrain near: no word of the text occurs in the corpus\n";

  SimilarityOptions similarity;
  similarity.min_threshold = threshold;
  Result<std::unique_ptr<SimilarityIndex>> index = BuildSimilarityIndex(*matrix, similarity);
  if (!index.ok()) return ReportError(index.status());
  Result<std::vector<Neighbor>> found = (*index)->Near(query_vector, threshold, top);
  if (!found.ok()) return ReportError(found.status());
  WriteNeighbors(output.stream(), *corpus, query, threshold, *found, *format);
  if (Status s = output.Close(); !s.ok()) return ReportError(s);
  return kExitOk;
}

}  // namespace refrain::cli
