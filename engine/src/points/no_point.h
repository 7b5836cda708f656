// Internal to talking points: the units (clauses) that make no point of their own and are
// never a talking point, so that neither the similarity index nor the grouping spends
// time on them.
#ifndef REFRAIN_SRC_POINTS_NO_POINT_H_
#define REFRAIN_SRC_POINTS_NO_POINT_H_

#include <span>
#include <string_view>
#include <vector>

#include "refrain/matcher.h"
#include "refrain/types.h"

namespace refrain::internal {

// Units that make no point of their own, and are never a talking point: too few distinct
// content words (TalkingPointsOptions::min_words); a heading or a list of names; the
// opening of a list ("The Administration has taken action to", "President Biden will
// announce the following actions:"), which ends on a word that needs what follows, or at
// a colon. The points of such a list are its items. A transcript's question is the
// questioner's, never the answering side's point, unless `include_questions`.
// Returns one flag per unit, 1 when it makes no point.
std::vector<char> UnitsMakingNoPoint(const Corpus& corpus, std::span<const Unit> units,
                                     int min_words, bool include_questions);

// The distinct content words of `text` (not English stop words, not bare numbers).
int CountContentWords(std::string_view text);
}  // namespace refrain::internal

#endif  // REFRAIN_SRC_POINTS_NO_POINT_H_
