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
  MatchFlags match_flags;
  IndexMatchOptions match_options;
  Output output;
  std::string file, format_name;
  po::options_description options("Options");
  po::positional_options_description positional;
  options.add_options()("index", po::value(&file)->required(), "the index file");
  positional.add("index", 1);
  corpus_flags.Add(options, positional);
  match_flags.Add(options,
                  "two phrasings make the same point when their score is at least this, in "
                  "(0, 1] (as for talking-points); --clauses is the index's");
  options.add_options()(
      "min-events",
      po::value(&match_options.points.min_events)->default_value(match_options.points.min_events),
      "a point must be made in at least this many distinct events, this document's included")(
      "recent", po::value(&match_options.recent_events)->default_value(match_options.recent_events),
      "'no longer said': points of the source's last N events before the document that it "
      "does not carry (0 = skip)")("format", po::value(&format_name)->default_value("text"),
                                   "text or json");
  output.Add(options);
  po::variables_map vm;
  int code =
      ParseArgs(argc, argv, "refrain match INDEX DOC [--format text|json] [--recent N] [-o FILE]",
                options, positional, vm,
                "  refrain index build corpus/seed -o seed.refrain\n"
                "  refrain match seed.refrain today.md\n"
                "  refrain match seed.refrain today.md --format json --recent 5\n");
  if (code >= 0) return code;
  Result<ReportFormat> format = ParseReportFormat(format_name, kIndexMatchFormats);
  if (!format.ok()) return ReportError(format.status());
  if (Status s = output.Open(); !s.ok()) return ReportError(s);
  Result<MatchOptions> match = match_flags.Build();
  if (!match.ok()) return ReportError(match.status());
  match_options.match = *match;
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
