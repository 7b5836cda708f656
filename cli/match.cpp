// refrain match: a new document against an index: for each statement, the talking points it
// repeats (since when, in how many events, every earlier phrasing), what is new, and what the
// source said in its last events that this document no longer says.
#include <iostream>

#include "command.h"
#include "refrain/index.h"
#include "refrain/match_report.h"

namespace refrain::cli {

int RunMatch(int argc, char** argv) {
  CorpusFlags corpus_flags;
  IndexMatchOptions match_options;
  Output output;
  std::string file, format_name;
  po::options_description options("Options");
  po::positional_options_description positional;
  options.add_options()("index", po::value(&file)->required(), "the index file");
  positional.add("index", 1);
  corpus_flags.Add(options, positional);
  options.add_options()(
      "recent", po::value(&match_options.recent_events)->default_value(match_options.recent_events),
      "'no longer said': points of the source's last N events before the document that it "
      "does not carry (0 = skip)")("format", po::value(&format_name)->default_value("text"),
                                   "text, json or html (one standalone page)");
  output.Add(options);
  po::variables_map vm;
  int code = ParseArgs(
      argc, argv, "refrain match INDEX DOC [--format text|json|html] [--recent N] [-o FILE]",
      options, positional, vm,
      "  refrain index build corpus/seed -o seed.refrain\n"
      "  refrain match seed.refrain today.md\n"
      "  refrain match seed.refrain today.md --format json --recent 5\n"
      "  refrain match seed.refrain today.md --format html -o today.html\n"
      "The threshold, aliases, clauses and --min-events are the index's: set them at\n"
      "`refrain index build` (refrain index build --help).\n");
  if (code >= 0) return code;
  Result<ReportFormat> format = ParseReportFormat(format_name, kIndexMatchFormats);
  if (!format.ok()) return ReportError(format.status());
  if (Status s = output.Open(); !s.ok()) return ReportError(s);
  Result<CorpusOptions> corpus = corpus_flags.Build();
  if (!corpus.ok()) return ReportError(corpus.status());
  if (corpus_flags.inputs().size() != 1)
    return ReportError(Status::BadUsage("match takes one document after the index"));
  Result<Index> index = Index::Open(file);
  if (!index.ok()) return ReportError(index.status());
  Result<IndexMatch> result = index->Match(corpus_flags.inputs().front(), *corpus, match_options);
  if (!result.ok()) return ReportError(result.status());
  return output.Finish(WriteIndexMatch(output.stream(), *result, *format));
}

}  // namespace refrain::cli
