// Stage points (src/points/): talking points. Units that make the same point (see matcher.h) are
// grouped around a core, so that every member is close to the core itself and
// not merely to a neighbour; a group counts when it spans several events. A
// source's stock phrasing (a dateline, a sign-off) is told apart and reported
// on its own.
#ifndef REFRAIN_TALKING_POINTS_H_
#define REFRAIN_TALKING_POINTS_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "refrain/claims.h"
#include "refrain/matcher.h"
#include "refrain/progress.h"
#include "refrain/similarity.h"
#include "refrain/status.h"
#include "refrain/types.h"

namespace refrain {

struct TalkingPointsOptions {
  // A talking point is made in at least this many distinct events (Document::event): a
  // report that repeats its own abstract is one event.
  int min_events = 2;
  // A unit with fewer distinct content words (not stop words, not bare numbers) than this
  // makes no point: list numbers, "(Laughter.)", "Thank you, thank you.", "and the rule of
  // law." would otherwise gather hundreds of loose matches and top the list.
  int min_words = 3;
  // A transcript's questions (TurnKind::kQuestion) are the questioner's words, not a point
  // of the side that answers: left out unless this is set.
  bool include_questions = false;
  // Stock phrasing (datelines, salutations, attributions, sign-offs) sits at one end of
  // its documents: among their first or last this many statements.
  size_t stock_edge_statements = 2;
  // A group is stock phrasing, not a point, when it is in at least this many documents
  // and at least `stock_edge_share` of its variants sit at an end of their documents...
  size_t stock_min_docs = 5;
  double stock_edge_share = 0.8;
  // ...or when at least this share of the documents of one source (Document::source, the
  // folder; one with at least stock_min_docs documents) carry it at either end. Lower
  // catches rarer formulas but starts to take points a source keeps making.
  double stock_min_share = 0.6;
  // What units claim (claims.h), or nullptr. Given, a candidate core is read into its claims:
  // one that makes none (a topic-only fragment such as "regional peace and stability.") is
  // never a core, and one whose every claim has a ceremony predicate is ceremony. With or
  // without it, built-in ceremony phrases (protocol, thanks, biography, sign-offs,
  // deflections: src/points/ceremony.cpp) make a core ceremony. Must outlive the call.
  const ClaimReader* claims = nullptr;
  // ...but only the cores of points made in at least this many events are read so (the
  // parser is the costly part; the long tail of two-event points is most of the reading):
  // a smaller point's core is told by the phrases alone, and may be a fragment.
  int claims_min_events = 3;
  // Ceremony points (see `claims`) are listed among the talking points instead of apart.
  bool keep_ceremony = false;
  // With `claims`: every unit of a point (and of a ceremony point) is read into its claims,
  // each once, on `threads` workers, and each variant is kept only when AlignClaims scores it
  // against its core at `verify.threshold` or more (TF-IDF finds the candidates, the aligner
  // checks them); a variant that fails goes to TalkingPoint::rejected, and a point left with
  // fewer than min_events events is dropped (counted in TalkingPoints::verifier).
  bool verify_variants = true;
  // The aligner's options for that check; threshold 0.45, the best without a lexicon on MRPC
  // fit and labels-tune (tests/data/eval/TUNING.md), the other fields claims.h's defaults.
  AlignOptions verify = [] {
    AlignOptions a;
    a.threshold = 0.45;
    return a;
  }();
  // With `claims`: points whose cores make the same claim are joined into one point with
  // several phrasings (TalkingPoint::phrasings), which the matcher alone splits ("Taiwan is part
  // of China" / "Taiwan is an inalienable part of China's territory"). Two points join when
  // their cores' claims agree (AlignClaims at `verify.threshold`, every slot check passed) and
  // the cores are neighbours by the matcher or share a rare formula (below); every pair of a
  // joined point's phrasings agrees so. Off: one phrasing per point, as grouped. Off by
  // default: on wh-briefings it about doubles the CPU time (the aligner on every candidate
  // pair), and figures are not yet told apart ("two million jobs" / "15 million jobs").
  bool join_phrasings = false;
  // A formula is a run of this many content words in a row (stop words skipped, stemmed:
  // "inalienable part of China's territory" has "inalien china territori"); 0: the matcher's
  // neighbours only. Fewer words join more on chance phrases.
  size_t join_formula_words = 3;
  // ...that is rare: ln(units / units holding it) at least this (6: in at most one unit of
  // about 400). Lower lets common frames ("want to stress that") link cores.
  double join_formula_min_idf = 6.0;
  // Cores that are the matcher's neighbours (and share no such formula) join only when their
  // claims score at least this (AlignClaims, what the longer adds counted as much as what they
  // share): every core near a common frame ("It serves the interests of ...") is a neighbour.
  double join_neighbour_min_score = 0.8;
  // Workers for reading the points' units (0 = one per core).
  int threads = 0;
  // Called as ("clustering", cores tried, units) from the calling thread.
  ProgressFn progress;
};

// Checks the options; the message names the option.
Status Validate(const TalkingPointsOptions& options);

// One phrasing of a point: a unit, and its score against the point's core.
struct PointVariant {
  uint32_t index = 0;  // of the unit among the units grouped (Matcher::units())
  Unit unit;
  double score = 0;  // cosine with the core (1 for the core itself)
  bool core = false;
  // AlignClaims' score against the core (TalkingPointsOptions::verify_variants); -1 when not
  // checked.
  double claim_score = -1;
  // In a joined point: the phrasing it matched (index into TalkingPoint::phrasings), whose core
  // `score` and `claim_score` are against; 0 (the main core) otherwise.
  uint32_t phrasing = 0;
};

// A group of units around one core. Every variant's score to the core is at least the
// threshold; one variant per statement, or more when the core matches several clauses of it.
// A unit may be a variant of several points, and is the core of one at most. A joined point
// (TalkingPointsOptions::join_phrasings) has several phrasings of its claim, and every variant
// is within the threshold of the phrasing it matched.
struct TalkingPoint {
  std::vector<PointVariant> variants;  // in (date, doc, start) order
  size_t core = 0;                     // index of the core in `variants`
  size_t events = 0;                   // distinct Document::event values
  size_t documents = 0;                // distinct documents
  Date first, last;                    // earliest and latest known dates ({} when none)
  int years = 0;                       // last.year - first.year + 1 (0 when undated)
  size_t claim_words = 0;              // content words of the core's claims (or of the core)
  // How much claim the core carries, read from its claims (0 when not read): the content words
  // of its arguments, a pronoun's ("this", "it") none, the subject's at half weight; in halves.
  size_t substance = 0;
  // Variants the claims check took out (their claim_score below its threshold): still
  // candidates by TF-IDF, listed so that none is silently lost.
  std::vector<PointVariant> rejected;
  // A joined point's phrasings: the cores of the points joined into it, the main core
  // (representative()) first, each with `phrasing` its index here; empty when none was joined.
  std::vector<PointVariant> phrasings;
  // For a stock phrase: why. At one end of its documents ("start" or "end"), or carried
  // by most documents of a source ("source"): the source, its documents and how many of
  // them carry it at either end.
  std::string stock_reason;
  std::string source;
  size_t source_documents = 0;
  size_t source_carrying = 0;

  const PointVariant& representative() const { return variants[core]; }
};

// What the claims check of the variants did (TalkingPointsOptions::verify_variants).
struct VerifierStats {
  bool ran = false;
  size_t units_read = 0;         // distinct units read into claims
  size_t variants_checked = 0;   // variants scored against their core
  size_t variants_rejected = 0;  // of them, below the threshold (TalkingPoint::rejected)
  size_t points_dropped = 0;     // points left under min_events events by it, not listed
  size_t units_dropped = 0;      // the units of those points
};

struct TalkingPoints {
  double threshold = 0;
  // Unit texts the claims reader parsed in the run (cores, ceremony, the variants' check), each
  // distinct text (trimmed, whitespace runs as one space) once; 0 without a reader.
  size_t units_parsed = 0;
  // Ranked by weight: events times how much claim the core carries (substance, when the
  // cores were read; see RankWeight in grouping.cpp), then years spanned, claim_words,
  // variants, earliest.
  std::vector<TalkingPoint> points;
  // Ceremony (protocol, thanks, greetings, biography, sign-offs, deflections), ranked as
  // `points`; never also among them (empty with TalkingPointsOptions::keep_ceremony).
  std::vector<TalkingPoint> ceremony;
  // Stock phrasing, most carrying documents first. Never also among `points`.
  std::vector<TalkingPoint> stock_phrases;
  VerifierStats verifier;
  // Points merged into others by TalkingPointsOptions::join_phrasings (not in `points`).
  size_t points_joined = 0;
};

// The score of two units (indices into the units grouped), when it is not the index's
// cosine: the matcher's Explain, which can lower a cosine. Must not exceed the cosine.
using UnitScoreFn = std::function<double(uint32_t unit_a, uint32_t unit_b)>;

// Groups `units` (of `corpus`) whose score is at least `threshold`: pairs the index
// finds at `threshold`, rescored by `score` when given. `index` must be built over the
// units' vectors, row i = units[i], for thresholds down to `threshold` or lower. The
// grouping is greedy: the unit whose group would span the most events (then years,
// variants, summed score) becomes a core and takes, per other statement, a unit within
// `threshold` of it that is in no point yet or whose pair with it no point holds yet, then
// every other such unit (a second clause of a statement it took one clause of), so no two
// points share a core; repeat while a pair is held by no point. So every pair at the
// threshold across events is in some point, unless neither of its units can be a core (both
// claimless, see TalkingPointsOptions::claims), and every variant matches its core (no
// chaining).
// Deterministic.
Result<TalkingPoints> FindTalkingPoints(const Corpus& corpus, std::span<const Unit> units,
                                        const SimilarityIndex& index, double threshold,
                                        const TalkingPointsOptions& options,
                                        const UnitScoreFn& score = nullptr);

// The same over a matcher's units and vectors, at the matcher's threshold (with an index
// built for it), scored as the matcher's Explain scores.
Result<TalkingPoints> FindTalkingPoints(const Corpus& corpus, const Matcher& matcher,
                                        const TalkingPointsOptions& options);

// A short label for a point: the representative's first words.
std::string PointLabel(const TalkingPoint& point, size_t max_words = 12);

}  // namespace refrain

#endif  // REFRAIN_TALKING_POINTS_H_
