#include "verify.h"

#include <algorithm>

namespace refrain::internal {

PointClaims ReadPointClaims(std::span<const Unit> units,
                            std::span<const std::vector<TalkingPoint>* const> points,
                            ClaimCache& cache, int threads) {
  PointClaims out;
  out.slot.assign(units.size(), -1);
  std::vector<uint32_t> read;
  for (const std::vector<TalkingPoint>* list : points)
    for (const TalkingPoint& p : *list)
      for (const PointVariant& v : p.variants)
        if (out.slot[v.index] < 0) {
          out.slot[v.index] = 0;
          read.push_back(v.index);
        }
  std::sort(read.begin(), read.end());
  for (size_t i = 0; i < read.size(); ++i) out.slot[read[i]] = static_cast<int32_t>(i);
  std::vector<std::string_view> texts;
  texts.reserve(read.size());
  for (uint32_t u : read) texts.push_back(units[u].text);
  out.claims = cache.GetAll(texts, threads);
  return out;
}

size_t VerifyVariants(const PointClaims& claims, const WordRelations* relations,
                      const AlignOptions& options, TalkingPoint* point) {
  const PointVariant& core = point->representative();
  const int32_t core_slot = claims.slot[core.index];
  if (core_slot < 0) return 0;
  const UnitClaims& core_claims = *claims.claims[static_cast<size_t>(core_slot)];
  std::vector<PointVariant> kept;
  kept.reserve(point->variants.size());
  size_t moved = 0;
  for (PointVariant& v : point->variants) {
    if (v.core) {
      v.claim_score = 1;
      kept.push_back(std::move(v));
      continue;
    }
    const int32_t slot = claims.slot[v.index];
    if (slot < 0) {
      kept.push_back(std::move(v));
      continue;
    }
    v.claim_score =
        AlignClaims(core_claims, *claims.claims[static_cast<size_t>(slot)], relations, options)
            .score;
    if (v.claim_score >= options.threshold) {
      kept.push_back(std::move(v));
    } else {
      point->rejected.push_back(std::move(v));
      ++moved;
    }
  }
  point->variants = std::move(kept);
  for (size_t i = 0; i < point->variants.size(); ++i)
    if (point->variants[i].core) point->core = i;
  return moved;
}

namespace {

bool CarriesContent(const ClaimWord& w) {
  return w.upos == "NOUN" || w.upos == "PROPN" || w.upos == "NUM";
}

// The content words of an argument: its head when it is a noun, name or number (a pronoun or
// determiner head carries nothing, nor do its modifiers), and such modifiers or adjectives.
size_t ArgumentContent(const ClaimArgument& a) {
  if (!CarriesContent(a.head)) return 0;
  size_t n = 1;
  for (const ClaimWord& m : a.modifiers)
    if (CarriesContent(m) || m.upos == "ADJ") ++n;
  return n;
}

// A noun predicate's own content words: those of the claim's words that are neither the
// predicate nor in an argument ("universal" and "community" of "is a universal consensus
// shared by the international community"). A copula's noun is what the claim says of its
// subject, as a verb's object is, so they count as an object's words; but only when the
// subject names something: "It was the executive order that ..." or "They reaffirmed their
// support ..." describe what the context names, and carry no more than before.
size_t NominalPredicateContent(const Claim& c) {
  if (!c.nominal) return 0;
  const bool named_subject =
      std::any_of(c.arguments.begin(), c.arguments.end(), [](const ClaimArgument& a) {
        return a.role == ArgumentRole::kSubject && CarriesContent(a.head);
      });
  if (!named_subject) return 0;
  std::vector<uint32_t> taken = {c.predicate.index};
  for (const ClaimArgument& a : c.arguments) {
    taken.push_back(a.head.index);
    for (const ClaimWord& m : a.modifiers) taken.push_back(m.index);
  }
  size_t n = 0;
  for (const ClaimWord& w : c.words)
    if ((CarriesContent(w) || w.upos == "ADJ") &&
        std::find(taken.begin(), taken.end(), w.index) == taken.end())
      ++n;
  return n;
}

}  // namespace

size_t ClaimSubstance(const UnitClaims& claims) {
  size_t best = 0;
  for (const Claim& c : claims.claims) {
    size_t halves = 2 * NominalPredicateContent(c);
    for (const ClaimArgument& a : c.arguments)
      halves += ArgumentContent(a) * (a.role == ArgumentRole::kSubject ? 1 : 2);
    best = std::max(best, halves);
  }
  return best;
}

}  // namespace refrain::internal
