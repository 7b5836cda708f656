// refrain near: where something like a given text was said before: the statements
// whose best clause's TF-IDF cosine with it reaches a threshold, best first.
#include "refrain/near.h"

#include <fmt/format.h>

#include <iostream>

#include "command.h"
#include "refrain/near_report.h"

namespace refrain::cli {

int RunNear(int argc, char** argv) {
  CorpusFlags corpus_flags;
  std::string format_name, query;
  NearOptions near;  // defaults come from here, never repeated below
  Output output;
  po::options_description options("Options");
  po::positional_options_description unused;  // CORPUS then TEXT, set below
  corpus_flags.Add(options, unused);
  po::positional_options_description positional;
  positional.add("corpus", 1).add("text", 1);
  options.add_options()("text", po::value(&query)->required(),
                        "the text to look for (second argument)")(
      "threshold,t", NumberValue(&near.threshold),
      "list statements whose cosine with the text is at least this, in (0, 1]")(
      "top,k", po::value(&near.top)->default_value(near.top), "list at most this many (0 = all)")(
      "format", po::value(&format_name)->default_value("text"), "text, tsv or json");
  AddSwitch(options, "clauses", &near.clauses,
            "score each statement by its best clause (the matcher's cut); the text output marks "
            "that clause [[like this]]");
  AddSwitch(options, "spans", &near.spans,
            "also score runs of words inside a clause, the text's length to twice it, so that a "
            "phrase inside a long clause is found; the text output marks the best [[like this]]");
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
  Result<ReportFormat> format = ParseReportFormat(format_name, kNearFormats);
  if (!format.ok()) return ReportError(format.status());
  if (Status s = CheckThreshold(near.threshold, "--threshold"); !s.ok()) return ReportError(s);

  if (Status s = output.Open(); !s.ok()) return ReportError(s);
  std::optional<Corpus> corpus = LoadOrReport(corpus_flags, &code);
  if (!corpus) return code;
  near.vectorizer.progress = TerminalProgress();
  Result<NearResult> found = FindNear(*corpus, query, near);
  if (!found.ok()) return ReportError(found.status());
  if (!found->query_has_known_word)
    std::cerr << "refrain near: no word of the text occurs in the corpus\n";
  else if (found->hits.empty())
    std::cerr << fmt::format("refrain near: no statement scored >= {}; the best was {:.3f}\n",
                             near.threshold, found->best_score);
  return output.Finish(WriteNear(output.stream(), *corpus, *found, *format));
}

}  // namespace refrain::cli
