// refrain shifts: how what is said about each theme changes between periods:
// emerged, faded, grew, shrank (tested), reframed (the words around it changed).
#include "refrain/shifts.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <iostream>

#include "command.h"
#include "refrain/lexicon.h"
#include "refrain/periods.h"
#include "refrain/speakers.h"
#include "refrain/themes.h"
#include "refrain/themes_report.h"

namespace refrain::cli {

void AddThemeFlags(po::options_description& options, ThemeOptions& theme, std::string& by,
                   std::string& themes_file, bool& lemmas);
int BuildThemeModel(CorpusFlags& corpus_flags, const std::string& by, const std::string& split,
                    const std::string& themes_file, bool lemmas, ThemeOptions& theme_options,
                    std::optional<Lexicon>& lexicon, std::optional<Corpus>& corpus,
                    ThemeModel& model, const std::function<int(const Periods&)>& check_periods);

namespace {

// Shifts are between periods: when every placed statement falls in one, say so on stderr (the
// output alone says only "no shifts") and name a finer grouping. `by` is "" for a split.
void WarnOnePeriod(const Corpus& corpus, const Periods& periods, const std::string& by) {
  size_t placed = 0;
  int32_t only = -1;
  for (const Statement& s : corpus.statements) {
    const int32_t period = periods.of_document[s.doc];
    if (period < 0) continue;
    if (only >= 0 && period != only) return;
    only = period;
    ++placed;
  }
  if (only < 0) return;
  const std::string& label = periods.labels[static_cast<size_t>(only)];
  if (by.empty()) {
    std::cerr << fmt::format("refrain: all {} statements fall on one side of the split ({})\n",
                             placed, label);
    return;
  }
  const std::string finer = by == "year"      ? "; try --by quarter or --by month"
                            : by == "quarter" ? "; try --by month or --by event"
                            : by == "month"   ? "; try --by event"
                                              : "";
  std::cerr << fmt::format("refrain: all {} statements fall in one {} ({}){}\n", placed, by, label,
                           finer);
}

}  // namespace

int RunShifts(int argc, char** argv) {
  CorpusFlags corpus_flags;
  ThemeOptions theme_options;
  ShiftOptions shift_options;
  std::string format_name, by, themes_file, split, baseline;
  size_t top = 0;
  bool stances = true, lemmas = true;
  Output output;
  po::options_description options("Options");
  po::positional_options_description positional;
  corpus_flags.Add(options, positional);
  AddThemeFlags(options, theme_options, by, themes_file, lemmas);
  options.add_options()(
      "split", po::value(&split),
      "compare two periods: documents before DATE and from DATE on (instead of --by)")(
      "baseline", po::value(&baseline),
      "compare every period against this one (a label of --by: 2015, 2021-Q3, 2021-07, an "
      "event) instead of each against the next")(
      "p", NumberValue(&shift_options.p_value),
      "grew/shrank: the G^2 test of the theme's share must give p below this")(
      "presence-p", NumberValue(&shift_options.presence_p_value),
      "emerged/faded: the same test must give p below this")(
      "context-p", NumberValue(&shift_options.context_p_value),
      "reframed: a gained or lost term's G^2 p must be below this")(
      "min-count",
      po::value(&shift_options.min_statements)->default_value(shift_options.min_statements),
      "emerged/faded/grew/shrank: at least this many statements in the period where it is")(
      "min-term-count",
      po::value(&shift_options.min_term_count)->default_value(shift_options.min_term_count),
      "reframed: a gained (lost) term is in at least this many of the theme's statements")(
      "evidence", po::value(&shift_options.evidence)->default_value(shift_options.evidence),
      "statements quoted before and after")("top", po::value(&top)->default_value(0),
                                            "show at most this many shifts (0 = all)")(
      "format", po::value(&format_name)->default_value("text"),
      "text, json, md or html (a page: each theme's weight per period, its shifts marked)");
  AddSwitch(options, "stances", &stances,
            "look for stance changes: a lost and a gained term are WordNet antonyms (needs the "
            "lexicon of scripts/install-deps; without it, a warning)");
  output.Add(options);
  po::variables_map vm;
  int code = ParseArgs(
      argc, argv,
      "refrain shifts CORPUS [--split DATE | --by year|quarter|month|event [--baseline PERIOD]] "
      "[--speaker NAME] "
      "[--format text|json|md|html] [-o FILE]\n\n"
      "For each theme (see refrain themes) and each pair of consecutive periods with statements\n"
      "(with --baseline: the baseline and each other period, the baseline as \"before\"):\n"
      "  emerged   no statement before, at least --min-count after, G^2 p < --presence-p\n"
      "  faded     at least --min-count before, none after, G^2 p < --presence-p\n"
      "  grew, shrank  its share of the statements changed, G^2 p < --p (counts shown)\n"
      "  reframed  in both, but the words in its statements changed: terms gained and lost\n"
      "            (G^2 p < --context-p each), with the statements that show it\n"
      "  stance changed  reframed, and a lost and a gained word are antonyms (supports ->\n"
      "            opposes)\n"
      "Shifts are ranked by score (G^2; for reframed, the sum over its terms). p is printed as\n"
      "\"< 1e-300\" where it underflows; \"share xR\" is the effect size, the share after over\n"
      "the share before (each (count + 0.5) / (statements + 1)).",
      options, positional, vm,
      "  refrain shifts corpus/seed\n"
      "  refrain shifts corpus/seed --split 2022 --format json\n"
      "  refrain shifts corpus/seed --speaker Lavrov --split 2022\n"
      "  refrain shifts ../shared/corpora/ungdc --glob 'CHN_*' --by year --top 20\n"
      "  refrain shifts ../shared/corpora/ungdc --glob 'CHN_*' --by year --baseline 2015\n"
      "  refrain shifts corpus/seed --by event --format md > shifts.md\n"
      "  refrain shifts corpus/seed --by quarter --format html -o shifts.html\n");
  if (code >= 0) return code;
  Result<ReportFormat> format = ParseReportFormat(format_name, kShiftsFormats);
  if (!format.ok()) return ReportError(format.status());
  if (!split.empty() && !vm["by"].defaulted())
    return ReportError(Status::BadUsage("--split and --by cannot be used together"));
  if (!split.empty() && !baseline.empty())
    return ReportError(Status::BadUsage(
        "--split and --baseline cannot be used together: a split has two periods only"));
  if (Status s = output.Open(); !s.ok()) return ReportError(s);
  // Outlives the model, whose terms it made, and FindShifts, which reads antonyms through it.
  std::optional<Lexicon> lexicon;
  std::optional<Corpus> corpus;
  ThemeModel model;
  // An unknown --baseline is a usage error found before the themes are (the costly part).
  auto check_baseline = [&](const Periods& periods) {
    if (baseline.empty()) return -1;
    const std::vector<std::string>& labels = periods.labels;
    auto found = std::find(labels.begin(), labels.end(), baseline);
    if (found != labels.end()) {
      shift_options.baseline = static_cast<int32_t>(found - labels.begin());
      return -1;
    }
    std::string known;
    for (size_t i = 0; i < labels.size() && i < 12; ++i) known += (i ? ", " : "") + labels[i];
    if (labels.size() > 12) known += ", ...";
    return ReportError(Status::BadUsage(fmt::format(
        "--baseline {}: no such period with --by {} (periods: {})", baseline, by, known)));
  };
  code = BuildThemeModel(corpus_flags, by, split, themes_file, lemmas, theme_options, lexicon,
                         corpus, model, check_baseline);
  if (code >= 0) return code;
  WarnOnePeriod(*corpus, model.periods, split.empty() ? by : "");

  if (stances && !lexicon) {
    Result<Lexicon> opened = Lexicon::Open({});
    if (opened.ok()) {
      lexicon.emplace(std::move(opened).value());
    } else {
      std::cerr << "refrain: warning: stance changes not looked for: " << opened.status().message()
                << "\n";
    }
  }
  if (stances && lexicon) shift_options.relations = &*lexicon;
  Result<std::vector<Shift>> shifts = FindShifts(*corpus, model, shift_options);
  if (!shifts.ok()) return ReportError(shifts.status());
  if (top > 0 && shifts->size() > top) shifts->resize(top);
  // Speakers of the quoted statements only: attribution reads their documents.
  std::vector<uint32_t> docs;
  for (const Shift& s : *shifts)
    for (const auto* list : {&s.before, &s.after})
      for (uint32_t id : *list) docs.push_back(corpus->statements[id].doc);
  std::sort(docs.begin(), docs.end());
  docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
  std::vector<std::string> speakers;
  if (!docs.empty()) speakers = AttributeSpeakers(*corpus, docs);
  return output.Finish(WriteShifts(output.stream(), *corpus, model, *shifts, speakers, *format));
}

}  // namespace refrain::cli
