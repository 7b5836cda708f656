// refrain talking-points: the points that keep coming back, across events, each with
// every phrasing of it; a source's stock phrasing is listed apart.
#include "refrain/talking_points.h"

#include <fmt/format.h>

#include <iostream>
#include <optional>

#include "command.h"
#include "refrain/matcher.h"
#include "refrain/points_report.h"

namespace refrain::cli {

int RunTalkingPoints(int argc, char** argv) {
  CorpusFlags corpus_flags;
  MatchFlags match_flags;
  std::string format_name;
  PointsFlags points_flags;
  size_t top = 0;
  Output output;
  po::options_description options("Options");
  po::positional_options_description positional;
  corpus_flags.Add(options, positional);
  match_flags.Add(options,
                  "two phrasings make the same point when their score is at least this, in "
                  "(0, 1]; every variant of a point scores at least this against the point's "
                  "core");
  points_flags.Add(options);
  options.add_options()("format", po::value(&format_name)->default_value("text"),
                        "text, json, csv or md")(
      "top,k", po::value(&top)->default_value(top),
      "write only the first K talking points (0 = all); stock phrases are always all written");
  output.Add(options);
  po::variables_map vm;
  int code = ParseArgs(
      argc, argv,
      "refrain talking-points CORPUS... [--threshold T] [--min-events N] "
      "[--format text|json|csv|md] [--top K] [--keep-ceremony] [--no-claims] [--no-verify] "
      "[--join-phrasings] "
      "[--aliases FILE] "
      "[--exclude FILE] [-o FILE]",
      options, positional, vm,
      "  refrain talking-points corpus/seed\n"
      "  refrain talking-points corpus/seed --format json > points.json\n"
      "  refrain talking-points ../shared/corpora/wh-briefings --from 2024 --top 20\n"
      "  refrain talking-points corpus/seed --threshold 0.6 --min-events 3 --format md\n");
  if (code >= 0) return code;
  Result<ReportFormat> format = ParseReportFormat(format_name, kTalkingPointsFormats);
  if (!format.ok()) return ReportError(format.status());
  Result<MatchOptions> match = match_flags.Build();
  if (!match.ok()) return ReportError(match.status());
  if (Status s = Validate(points_flags.options()); !s.ok()) return ReportError(s);

  if (Status s = output.Open(); !s.ok()) return ReportError(s);
  std::optional<Corpus> corpus = LoadOrReport(corpus_flags, &code);
  if (!corpus) return code;
  if (corpus->statements.empty())
    return ReportError(Status::BadInput("the corpus has no statements"));
  Result<Matcher> matcher = Matcher::Build(*corpus, *match);
  if (!matcher.ok()) return ReportError(matcher.status());
  Result<TalkingPointsOptions> points_options = points_flags.Build();
  if (!points_options.ok()) return ReportError(points_options.status());
  Result<TalkingPoints> points = FindTalkingPoints(*corpus, *matcher, *points_options);
  if (!points.ok()) return ReportError(points.status());
  return output.Finish(WriteTalkingPoints(output.stream(), *corpus, *points, *format, top));
}

}  // namespace refrain::cli
