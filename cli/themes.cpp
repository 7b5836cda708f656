// refrain themes: the subjects a corpus keeps coming back to, found from the corpus
// itself, with their weight in every period and their documents.
#include "refrain/themes.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <iostream>

#include "command.h"
#include "refrain/lexicon.h"
#include "refrain/periods.h"
#include "refrain/themes_report.h"

namespace refrain::cli {

// Flags shared by `themes` and `shifts`: how themes are found. Defaults come from
// ThemeOptions, never repeated here.
void AddThemeFlags(po::options_description& options, ThemeOptions& theme, std::string& by,
                   std::string& themes_file, bool& lemmas) {
  options.add_options()(
      "by", po::value(&by)->default_value("year"),
      "periods: year (2021), quarter (2021-Q3), month (2021-07), or event (a manifest `event` "
      "column, else each document)")(
      "themes", po::value(&themes_file),
      "pin these themes (YAML: name: [term, ...]; or CSV: name,term,term...): reported whether "
      "or not the corpus would have found them (- = CSV from standard input)")(
      "cohesion", NumberValue(&theme.cohesion),
      "merge groups of terms while their average co-occurrence similarity (Ochiai: shared "
      "statements / sqrt(product of their statements)) is at least this; lower: fewer, broader "
      "themes")("min-df", po::value(&theme.min_df)->default_value(theme.min_df),
                "a theme term is in at least this many statements")(
      "max-df", NumberValue(&theme.max_df),
      "a theme term is in at most this share of all statements (more is too general)")(
      "max-terms", po::value(&theme.max_terms)->default_value(theme.max_terms),
      "cluster at most this many candidate terms, the most frequent (bounds the cost)")(
      "min-statements", po::value(&theme.min_statements)->default_value(theme.min_statements),
      "a theme is mentioned by at least this many statements")(
      "min-share", NumberValue(&theme.min_share),
      "... and by at least this share of all statements")(
      "top-terms", po::value(&theme.top_terms)->default_value(theme.top_terms),
      "terms reported per theme")("threads",
                                  po::value(&theme.threads)->default_value(theme.threads),
                                  "tokenizing threads (0 = one per core)");
  options.add_options()("boilerplate-share", NumberValue(&theme.boilerplate_share),
                        "a term in at least this share of the documents of every source (of 20 "
                        "or more) is boilerplate, never a term (0 = off)")(
      "merge-overlap", NumberValue(&theme.merge_overlap),
      "merge two themes when their statements' Ochiai similarity is at least this (0 = off)");
  AddSwitch(
      options, "drop-ceremony", &theme.drop_ceremony,
      "leave ceremony statements (thanks, congratulations, protocol) out of themes (they also "
      "hold a readout's \"exchanged views on X\")");
  AddSwitch(options, "include-questions", &theme.include_questions,
            "let a transcript's questions (a reporter's, \"Q\") take part in themes");
  AddSwitch(options, "lemmas", &lemmas,
            "terms are WordNet lemmas (\"countries\" = \"country\", \"goods\" apart from "
            "\"good\"; needs the lexicon of scripts/install-deps; without it, or off, Snowball "
            "stems)");
}

// Loads the corpus, groups it by --by (or splits it at `split` when set), finds themes.
// Prints what it leaves out on stderr. Returns -1 on success, else the exit code.
// With `lemmas`, opens `lexicon` for the terms (a warning, and stems, when it cannot).
// `check_periods`, when set, sees the periods before the themes are found (the costly part)
// and returns -1 to go on, else the exit code.
int BuildThemeModel(CorpusFlags& corpus_flags, const std::string& by, const std::string& split,
                    const std::string& themes_file, bool lemmas, ThemeOptions& theme_options,
                    std::optional<Lexicon>& lexicon, std::optional<Corpus>& corpus,
                    ThemeModel& model, const std::function<int(const Periods&)>& check_periods) {
  if (!themes_file.empty()) {
    Result<std::filesystem::path> file = InputFile(themes_file, "--themes", ".csv");
    if (!file.ok()) return ReportError(file.status());
    Result<std::vector<PinnedTheme>> pinned = LoadPinnedThemes(*file);
    if (!pinned.ok()) return ReportError(pinned.status());
    theme_options.pinned = std::move(pinned).value();
  }
  Result<PeriodBy> period_by = ParsePeriodBy(by);
  if (!period_by.ok()) return ReportError(period_by.status());
  std::optional<Date> split_date;
  if (!split.empty()) {
    split_date = Date::Parse(split);
    if (!split_date)
      return ReportError(Status::BadUsage(
          "--split takes a date: YYYY, YYYY-MM or YYYY-MM-DD, not '" + split + "'"));
  }
  int code = 0;
  corpus = LoadOrReport(corpus_flags, &code);
  if (!corpus) return code;
  if (corpus->statements.empty())
    return ReportError(Status::BadInput("the corpus has no statements"));
  Periods periods = split_date ? SplitAt(*corpus, *split_date) : GroupByPeriod(*corpus, *period_by);
  if (periods.undated)
    std::cerr << "refrain: " << periods.undated
              << " undated document(s) are in no period (themes are still found in them)\n";
  if (periods.too_coarse)
    std::cerr << "refrain: " << periods.too_coarse << " document(s) dated too coarsely for "
              << (split_date ? "the split" : "--by " + by) << " are in no period\n";
  if (check_periods) {
    if (int checked = check_periods(periods); checked >= 0) return checked;
  }
  if (lemmas && !lexicon) {
    Result<Lexicon> opened = Lexicon::Open({});
    if (opened.ok()) {
      lexicon.emplace(std::move(opened).value());
    } else {
      std::cerr << "refrain: warning: terms are Snowball stems, not lemmas: "
                << opened.status().message() << "\n";
    }
  }
  if (lemmas && lexicon) theme_options.lemmas = &*lexicon;
  theme_options.progress = TerminalProgress();
  if (Status s = FindThemes(*corpus, periods, theme_options, &model); !s.ok())
    return ReportError(s);
  for (const std::string& w : model.warnings) std::cerr << "refrain: warning: " << w << "\n";
  return -1;
}

int RunThemes(int argc, char** argv) {
  CorpusFlags corpus_flags;
  ThemeOptions theme_options;
  std::string format_name, by, themes_file;
  size_t top = 0;
  bool lemmas = true;
  Output output;
  po::options_description options("Options");
  po::positional_options_description positional;
  corpus_flags.Add(options, positional);
  AddThemeFlags(options, theme_options, by, themes_file, lemmas);
  options.add_options()("format", po::value(&format_name)->default_value("text"),
                        "text (a timeline of bars per theme), json or csv")(
      "top", po::value(&top)->default_value(0),
      "show at most this many found themes, the most mentioned (0 = all; pinned themes always)");
  output.Add(options);
  po::variables_map vm;
  int code = ParseArgs(
      argc, argv,
      "refrain themes CORPUS [--by year|quarter|month|event] [--themes FILE] "
      "[--top N] [--format text|json|csv] [-o FILE]\n\n"
      "Themes are groups of terms (words and bigrams as lemmas, stop words out) that occur in the\n"
      "same statements, found by clustering their co-occurrence; how many there are follows\n"
      "from --cohesion, not from a fixed number. A statement mentions a theme when it has one\n"
      "of its terms; a theme's weight in a period is the share of the period's statements that\n"
      "mention it. A theme is recurring when it is mentioned in at least two periods.",
      options, positional, vm,
      "  refrain themes corpus/seed\n"
      "  refrain themes corpus/seed --by event --format json\n"
      "  refrain themes ../shared/corpora/ungdc --glob 'CHN_*' --by year\n"
      "  refrain themes corpus/seed --themes my-themes.yaml --format csv\n"
      "      (my-themes.yaml:  afghanistan: [afghan, taliban]\n"
      "                        covid: [covid, coronavirus, epidemic])\n");
  if (code >= 0) return code;
  Result<ReportFormat> format = ParseReportFormat(format_name, kThemesFormats);
  if (!format.ok()) return ReportError(format.status());
  if (Status s = output.Open(); !s.ok()) return ReportError(s);
  std::optional<Lexicon> lexicon;  // outlives the model, whose terms it made
  std::optional<Corpus> corpus;
  ThemeModel model;
  code = BuildThemeModel(corpus_flags, by, "", themes_file, lemmas, theme_options, lexicon, corpus,
                         model, {});
  if (code >= 0) return code;
  if (top > 0) {
    size_t found = 0;
    std::erase_if(model.themes, [&](const Theme& t) { return !t.pinned && ++found > top; });
  }
  return output.Finish(WriteThemes(output.stream(), *corpus, model, by, *format));
}

}  // namespace refrain::cli
