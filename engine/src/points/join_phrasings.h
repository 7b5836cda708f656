// Internal to talking points: the join after grouping. The greedy grouping makes one point per
// core, so one claim said in several phrasings that the matcher scores apart ("Taiwan is part of
// China" / "Taiwan is an inalienable part of China's territory": 0.32 by TF-IDF, 0.77 by the
// claims aligner) ends up as several small points. The join merges such points into one that
// keeps each former core as a phrasing (TalkingPoint::phrasings).
#ifndef REFRAIN_SRC_POINTS_JOIN_PHRASINGS_H_
#define REFRAIN_SRC_POINTS_JOIN_PHRASINGS_H_

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "claim_cache.h"
#include "match_graph.h"
#include "refrain/matcher.h"
#include "refrain/talking_points.h"
#include "refrain/tokenizer.h"
#include "refrain/types.h"

namespace refrain::internal {

// The formulas of a text: every run of `words` content words in a row (the tokenizer's stop
// words skipped, Snowball stems), joined by one space: "Taiwan is an inalienable part of
// China's territory" has "taiwan inalien china" and "inalien china territori" at 3. `tokenizer`
// must drop stop words and stem.
std::vector<std::string> Formulas(Tokenizer& tokenizer, std::string_view text, size_t words);

// Whether the claims of two cores agree enough to be phrasings of one point: AlignClaims scores
// them at `options.threshold` or more and every slot check passes (the predicates align and do
// not oppose, the main arguments align, neither names what the other does not, the polarity and
// the figures agree), and so does each claim of the core with fewer claims against some claim
// of the other, which makes at most one claim more. Sets *score to AlignClaims' score.
bool ClaimsAgree(const UnitClaims& a, const UnitClaims& b, const WordRelations* relations,
                 const AlignOptions& options, double* score);

// Merges the points of `points` (ranked, best first) whose cores make the same claim. Two points
// are linked when their cores' claims agree (ClaimsAgree, at options.verify) and either the cores
// are neighbours in `graph` (the matcher scores them at the threshold) or they share a formula
// (Formulas at options.join_formula_words) that is rare in the corpus: its idf over `units`,
// ln(units / units holding it), is at least options.join_formula_min_idf. Links are taken
// strongest claim score first, and two groups are merged only when every pair of their cores'
// claims agrees, so a joined point never holds two phrasings that make different claims (no
// chaining through a phrasing that makes two). A merged point sits where its best member was; its
// core (and substance, claim_words) is that member's, its variants and rejected the union (one
// variant per statement, a phrasing's core first), each variant's `phrasing` the member it came
// from; `recount` then sets its events and dates. The cores' claims are read into `cache` (on
// options.threads workers) unless it holds them. Returns how many points were merged into others.
size_t JoinPhrasings(const Corpus& corpus, std::span<const Unit> units, const Graph& graph,
                     const TalkingPointsOptions& options, ClaimCache& cache,
                     const std::function<void(TalkingPoint*)>& recount,
                     std::vector<TalkingPoint>* points);

}  // namespace refrain::internal

#endif  // REFRAIN_SRC_POINTS_JOIN_PHRASINGS_H_
