// refrain segments: the statements of a corpus.
#include <iostream>

#include "command.h"
#include "refrain/report.h"

namespace refrain::cli {

int RunSegments(int argc, char** argv) {
  CorpusFlags corpus_flags;
  std::string format_name;
  bool show_dropped = false;
  Output output;
  po::options_description options("Options");
  po::positional_options_description positional;
  corpus_flags.Add(options, positional);
  options.add_options()("format", po::value(&format_name)->default_value("text"),
                        "text, json or csv");
  AddSwitch(options, "show-dropped", &show_dropped,
            "also list every dropped span and skipped file, with its reason");
  output.Add(options);
  po::variables_map vm;
  int code = ParseArgs(
      argc, argv, "refrain segments CORPUS... [--format text|json|csv] [--show-dropped] [-o FILE]",
      options, positional, vm,
      "  refrain segments corpus/seed\n"
      "  refrain segments corpus/seed --format json --show-dropped\n"
      "  refrain segments --lines sentences.txt --format csv\n");
  if (code >= 0) return code;
  Result<ReportFormat> format = ParseReportFormat(format_name, kSegmentsFormats);
  if (!format.ok()) return ReportError(format.status());
  if (Status s = output.Open(); !s.ok()) return ReportError(s);
  std::optional<Corpus> corpus = LoadOrReport(corpus_flags, &code);
  if (!corpus) return code;
  return output.Finish(WriteSegments(output.stream(), *corpus, *format, show_dropped));
}

}  // namespace refrain::cli
