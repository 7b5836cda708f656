// Stage themes (src/themes/), shifts: how what a corpus says about each theme changes from one
// period to the next. A theme emerges or fades, grows or shrinks (its share of the statements,
// tested with the log-likelihood ratio G^2 so that one extra sentence is not a shift), or is
// reframed: still there, but the words around it change (what is supported, opposed or urged, which
// partners and mechanisms are named). Every shift quotes the statements that show it.
#ifndef REFRAIN_SHIFTS_H_
#define REFRAIN_SHIFTS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "refrain/lexicon.h"
#include "refrain/status.h"
#include "refrain/themes.h"
#include "refrain/types.h"

namespace refrain {

// kStanceChanged: a reframing in which what is said about the subject turns into its opposite:
// a lost and a gained word oppose each other ("supports" -> "opposes", from a built-in table of
// opposed stances, or WordNet verb antonyms with ShiftOptions::relations).
enum class ShiftKind { kEmerged, kFaded, kGrew, kShrank, kReframed, kStanceChanged };
std::string_view ShiftKindName(ShiftKind kind);  // "emerged", "faded", ..., "stance changed"

struct ShiftOptions {
  // Grew / shrank need p below this for G^2 of the theme's statements in the two
  // periods (2x2 table, one degree of freedom): lower asks for stronger evidence.
  double p_value = 0.01;
  // A context term is gained or lost when its G^2 p is below this. Stricter than
  // p_value because hundreds of terms are tested per theme and pair of periods.
  double context_p_value = 0.001;
  // Emerged / faded need p below this for the same test: absence is a strong signal,
  // so the bar is lower than for grew / shrank, but a theme that comes and goes with
  // a sentence or two between consecutive years is not a shift.
  double presence_p_value = 0.1;
  // A theme emerges (fades) when it has no statement before (after) and at least this
  // many after (before); grew / shrank also need this many in the larger period.
  int min_statements = 3;
  // Reframing is looked for only when the theme has at least this many statements in
  // each of the two periods: fewer have no context to compare.
  int min_context_statements = 3;
  // A gained (lost) term is in at least this many of the theme's statements after (before).
  // Numbers, dates, procedure and names are never gained or lost (ThemeModel::never_terms).
  int min_term_count = 3;
  // Reframing compares only the statements that name a found theme plainly: by one of its
  // terms of two words or more, or by two of its terms. One word of the theme alone ("rate" of
  // "unemployment rate", "war" of "war in Ukraine") is often that word's other sense ("tariff
  // rate", "the War of 1812"), whose words would read as a reframing. Pinned themes: all.
  bool strong_mentions = true;
  // A theme is reframed when at least this many terms are gained or lost in all.
  int min_reframed_terms = 2;
  // Gained and lost terms listed per shift, strongest first.
  int max_terms = 8;
  // Statements quoted on each side of a shift.
  int evidence = 2;
  // When set, WordNet verb antonyms (increase / decrease; not adverbs, "later" / "early")
  // among a reframing's lost and gained words make a stance change too (kStanceChanged),
  // besides the built-in opposed stances; nullptr: those only. Must outlive the call.
  const WordRelations* relations = nullptr;
  // Statements that count (e.g. those attributed to one speaker), by index into
  // Corpus::statements; empty = all. Period totals are counted over these too.
  std::vector<bool> include;
  // Compare every other period that has statements against this one (an index into
  // ThemeModel::periods.labels; it is each shift's `from`) instead of each period against the
  // next; -1: consecutive periods. The baseline needs statements.
  int32_t baseline = -1;
};

struct Shift {
  size_t theme = 0;  // index into ThemeModel::themes
  ShiftKind kind = ShiftKind::kEmerged;
  int32_t from = 0;  // period indices into ThemeModel::periods.labels
  int32_t to = 0;
  // Strength, for ranking: G^2 of the theme's share for emerged, faded, grew and
  // shrank; the sum of the listed terms' G^2 for reframed.
  double score = 0;
  double p = 1;        // p of the theme's share test (all kinds but reframed); 0 on underflow
  double log10_p = 0;  // its log10, finite where p underflows (LogLikelihoodLog10P)
  // Effect size of the share change: log2 of the share after over the share before, each
  // (count + 0.5) / (statements + 1) so that emerged and faded are finite; 1 = doubled.
  double effect = 0;
  int64_t from_count = 0, from_statements = 0;  // theme's statements / all, before
  int64_t to_count = 0, to_statements = 0;      // and after
  std::vector<std::string> gained, lost;        // surface forms (reframed, stance changed)
  std::string stance_before, stance_after;      // stance changed: the lost and gained antonyms
  std::vector<uint32_t> before, after;          // evidence, indices into Corpus::statements
};

// G^2 (log-likelihood ratio) of `a` of `n` against `b` of `m`: how unlikely it is
// that both come from one rate. 0 when either total is 0.
double LogLikelihood(int64_t a, int64_t n, int64_t b, int64_t m);
// Its p-value, chi-square with one degree of freedom: erfc(sqrt(G^2 / 2)).
double LogLikelihoodP(double g2);
// log10 of that p-value, from the tail's asymptote where the double underflows (G^2 > ~1380).
double LogLikelihoodLog10P(double g2);
// A p-value as reports print it: "0.0031", "2.1e-45", and "< 1e-300" (never 0) at underflow.
std::string FormatP(double p);
// ShiftKind effect size: log2 of (b + 0.5) / (m + 1) over (a + 0.5) / (n + 1); 0 when a total
// is 0.
double ShareLog2Ratio(int64_t a, int64_t n, int64_t b, int64_t m);

// The shifts of every theme of `model` between each pair of consecutive periods that
// have statements (with a split: the two sides; with ShiftOptions::baseline: the baseline and
// each other period), strongest first. Errors: bad options, a baseline without statements.
Result<std::vector<Shift>> FindShifts(const Corpus& corpus, const ThemeModel& model,
                                      const ShiftOptions& options);

}  // namespace refrain

#endif  // REFRAIN_SHIFTS_H_
