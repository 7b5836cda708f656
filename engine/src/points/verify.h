// Internal to talking points: each variant of a point checked against its core by the claims
// aligner (claims.h's AlignClaims). TF-IDF finds the candidates; this keeps those that make the
// core's claim.
#ifndef REFRAIN_SRC_POINTS_VERIFY_H_
#define REFRAIN_SRC_POINTS_VERIFY_H_

#include <cstddef>
#include <span>
#include <vector>

#include "claim_cache.h"
#include "refrain/claims.h"
#include "refrain/talking_points.h"
#include "refrain/types.h"

namespace refrain::internal {

// The claim score (AlignClaims) of every variant of `points` against its point's core:
// result[p][i] for variant i of the p-th point of the lists taken in order, 1 for a core.
// `units` indexed by PointVariant::index. The cores' claims are read into `cache` and kept; the
// other variants' are read on `threads` workers (0 = one per core), scored there and dropped
// (ClaimCache::ForEach), each distinct text once. Sets *units_read to the distinct units read.
std::vector<std::vector<double>> ScoreVariants(
    std::span<const Unit> units, std::span<const std::vector<TalkingPoint>* const> points,
    ClaimCache& cache, const WordRelations* relations, const AlignOptions& options, int threads,
    size_t* units_read);

// Sets each variant's claim_score from `scores` (ScoreVariants' row for `point`) and moves
// those below `threshold` to point->rejected. The core stays. Returns how many were moved.
size_t VerifyVariants(std::span<const double> scores, double threshold, TalkingPoint* point);

// How much claim a unit carries, read from its claims: per claim, the content words
// (nouns, names, numbers, adjectives) of its arguments that are not the subject, each
// argument counted only when its head is such a word (not a pronoun or determiner: "this",
// "it", "that"), plus the subject's words at half weight, plus a noun predicate's own
// modifiers as an object's when the subject names something ("The one-China principle is a
// universal consensus shared by the international community"; not "It was the executive
// order ..."); the best claim's count, in halves.
// "Taiwan is an inalienable part of China's territory" carries more than "China's position is
// very clear" or "China is firmly opposed to this".
size_t ClaimSubstance(const UnitClaims& claims);

}  // namespace refrain::internal

#endif  // REFRAIN_SRC_POINTS_VERIFY_H_
