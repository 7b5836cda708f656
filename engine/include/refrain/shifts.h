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

#include "refrain/status.h"
#include "refrain/themes.h"
#include "refrain/types.h"

namespace refrain {

enum class ShiftKind { kEmerged, kFaded, kGrew, kShrank, kReframed };
std::string_view ShiftKindName(ShiftKind kind);  // "emerged", "faded", ...

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
  int min_term_count = 3;
  // A theme is reframed when at least this many terms are gained or lost in all.
  int min_reframed_terms = 2;
  // Gained and lost terms listed per shift, strongest first.
  int max_terms = 8;
  // Statements quoted on each side of a shift.
  int evidence = 2;
  // Statements that count (e.g. those attributed to one speaker), by index into
  // Corpus::statements; empty = all. Period totals are counted over these too.
  std::vector<bool> include;
};

struct Shift {
  size_t theme = 0;  // index into ThemeModel::themes
  ShiftKind kind = ShiftKind::kEmerged;
  int32_t from = 0;  // period indices into ThemeModel::periods.labels
  int32_t to = 0;
  // Strength, for ranking: G^2 of the theme's share for emerged, faded, grew and
  // shrank; the sum of the listed terms' G^2 for reframed.
  double score = 0;
  double p = 1;  // p of the theme's share test (all kinds but reframed)
  int64_t from_count = 0, from_statements = 0;  // theme's statements / all, before
  int64_t to_count = 0, to_statements = 0;      // and after
  std::vector<std::string> gained, lost;        // surface forms (reframed)
  std::vector<uint32_t> before, after;          // evidence, indices into Corpus::statements
};

// G^2 (log-likelihood ratio) of `a` of `n` against `b` of `m`: how unlikely it is
// that both come from one rate. 0 when either total is 0.
double LogLikelihood(int64_t a, int64_t n, int64_t b, int64_t m);
// Its p-value, chi-square with one degree of freedom: erfc(sqrt(G^2 / 2)).
double LogLikelihoodP(double g2);

// The shifts of every theme of `model` between each pair of consecutive periods that
// have statements (with a split: the two sides), strongest first. Errors: bad options.
Result<std::vector<Shift>> FindShifts(const Corpus& corpus, const ThemeModel& model,
                                      const ShiftOptions& options);

}  // namespace refrain

#endif  // REFRAIN_SHIFTS_H_
