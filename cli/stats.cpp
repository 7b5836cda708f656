// refrain stats: what a corpus holds.
#include <iostream>

#include "command.h"
#include "refrain/report.h"

namespace refrain::cli {

int RunStats(int argc, char** argv) {
  CorpusFlags corpus_flags;
  std::string format_name;
  Output output;
  po::options_description options("Options");
  po::positional_options_description positional;
  corpus_flags.Add(options, positional);
  options.add_options()("format", po::value(&format_name)->default_value("text"), "text or json");
  output.Add(options);
  po::variables_map vm;
  int code = ParseArgs(argc, argv, "refrain stats CORPUS... [--format text|json] [-o FILE]",
                       options, positional, vm,
                       "  refrain stats corpus/seed\n"
                       "  refrain stats ../shared/corpora/ungdc --glob 'CHN_*' --format json\n");
  if (code >= 0) return code;
  Result<ReportFormat> format = ParseReportFormat(format_name, kStatsFormats);
  if (!format.ok()) return ReportError(format.status());
  if (Status s = output.Open(); !s.ok()) return ReportError(s);
  std::optional<Corpus> corpus = LoadOrReport(corpus_flags, &code);
  if (!corpus) return code;
  return output.Finish(WriteStats(output.stream(), *corpus, *format));
}

}  // namespace refrain::cli
