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

// The claims of the units some point holds, each distinct unit text read once.
struct PointClaims {
  std::vector<int32_t> slot;              // per unit: its index in `claims`, -1 when not read
  std::vector<const UnitClaims*> claims;  // in unit order; owned by the ClaimCache
};

// The claims of every distinct unit of `points` (their variants; `units` indexed by
// PointVariant::index) from `cache`, those it lacks read on `threads` workers (0 = one per core).
PointClaims ReadPointClaims(std::span<const Unit> units,
                            std::span<const std::vector<TalkingPoint>* const> points,
                            ClaimCache& cache, int threads);

// Scores each variant of `point` against its core with AlignClaims and moves those scoring
// below `options.threshold` to point->rejected (their claim_score set). The core stays.
// Returns how many were moved.
size_t VerifyVariants(const PointClaims& claims, const WordRelations* relations,
                      const AlignOptions& options, TalkingPoint* point);

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
