// refrain talking-points: the points that keep coming back, across events, each with
// every phrasing of it; a source's stock phrasing is listed apart.
#include "refrain/talking_points.h"

#include <fmt/format.h>

#include <iostream>
#include <optional>

#include "command.h"
#include "refrain/claims.h"
#include "refrain/matcher.h"
#include "refrain/parser.h"
#include "refrain/points_report.h"

namespace refrain::cli {

int RunTalkingPoints(int argc, char** argv) {
  CorpusFlags corpus_flags;
  MatchFlags match_flags;
  std::string format_name;
  TalkingPointsOptions points_options;
  size_t top = 0;
  Output output;
  po::options_description options("Options");
  po::positional_options_description positional;
  corpus_flags.Add(options, positional);
  match_flags.Add(options,
                  "two phrasings make the same point when their score is at least this, in "
                  "(0, 1]; every variant of a point scores at least this against the point's "
                  "core");
  options.add_options()(
      "min-events", po::value(&points_options.min_events)->default_value(points_options.min_events),
      "a point must be made in at least this many distinct events (manifest 'event' column, "
      "else the document)")("format", po::value(&format_name)->default_value("text"),
                            "text, json, csv or md")(
      "min-words", po::value(&points_options.min_words)->default_value(points_options.min_words),
      "a phrase of fewer distinct content words (not stop words, not numbers) than this is "
      "no point")(
      "top,k", po::value(&top)->default_value(top),
      "write only the first K talking points (0 = all); stock phrases are always all written")(
      "stock-min-docs",
      po::value(&points_options.stock_min_docs)->default_value(points_options.stock_min_docs),
      "a phrasing at an end (first or last statements) of at least this many documents "
      "is stock phrasing (dateline, salutation, sign-off), reported apart, not a point")(
      "stock-share", NumberValue(&points_options.stock_min_share),
      "...and so is one at an end of at least this share of one source's (folder's) "
      "documents");
  bool no_claims = false;
  options.add_options()(
      "claims-min-events",
      po::value(&points_options.claims_min_events)->default_value(points_options.claims_min_events),
      "the parser reads the cores of points made in at least this many events "
      "(smaller points: the ceremony phrases only)");
  AddSwitch(options, "keep-ceremony", &points_options.keep_ceremony,
            "list ceremony (protocol, thanks, greetings, biography, sign-offs, deflections) among "
            "the talking points instead of apart");
  AddSwitch(options, "no-claims", &no_claims,
            "do not read candidate cores with the parser (faster; claimless fragments may then "
            "be cores, and ceremony is told by the built-in phrases only)");
  bool no_verify = false;
  AddSwitch(options, "no-verify", &no_verify,
            "keep every TF-IDF variant: do not check each against its core with the claims "
            "aligner (faster; variants may then make another claim)");
  AddSwitch(options, "join-phrasings", &points_options.join_phrasings,
            "join points whose cores make the same claim in other words into one point with "
            "several phrasings (slower: about twice the CPU on wh-briefings)");
  AddSwitch(options, "include-questions", &points_options.include_questions,
            "let a transcript's questions (a reporter's, \"Q\") be talking points");
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
  if (Status s = Validate(points_options); !s.ok()) return ReportError(s);

  if (Status s = output.Open(); !s.ok()) return ReportError(s);
  std::optional<Corpus> corpus = LoadOrReport(corpus_flags, &code);
  if (!corpus) return code;
  if (corpus->statements.empty())
    return ReportError(Status::BadInput("the corpus has no statements"));
  Result<Matcher> matcher = Matcher::Build(*corpus, *match);
  if (!matcher.ok()) return ReportError(matcher.status());
  // The parser reads candidate cores only (about one per point), not every unit.
  std::optional<Parser> parser;
  std::optional<ClaimReader> reader;
  const AliasTable aliases = AliasTable::Builtin();
  if (!no_claims) {
    Result<Parser> loaded = Parser::Load();
    if (!loaded.ok()) return ReportError(loaded.status());
    parser.emplace(std::move(loaded).value());
    reader.emplace(&*parser, nullptr, ClaimOptions{.aliases = &aliases});
    points_options.claims = &*reader;
  }
  points_options.verify_variants = !no_verify;
  points_options.progress = TerminalProgress();
  Result<TalkingPoints> points = FindTalkingPoints(*corpus, *matcher, points_options);
  if (!points.ok()) return ReportError(points.status());
  return output.Finish(WriteTalkingPoints(output.stream(), *corpus, *points, *format, top));
}

}  // namespace refrain::cli
