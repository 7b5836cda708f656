#include "verify.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "util/parallel.h"

namespace refrain::internal {
namespace {

// The cores a worker unpacked last, by their packed claims (direct-mapped): the variants are
// read in the order the points list them, so a core's asks come close together.
class CoreMemo {
 public:
  const UnitClaims& Get(const ClaimCache& cache, const PackedClaims* packed) {
    const size_t at = (reinterpret_cast<uintptr_t>(packed) / alignof(PackedClaims)) % kSlots;
    if (key_[at] != packed) {
      claims_[at] = cache.Unpack(*packed);
      key_[at] = packed;
    }
    return claims_[at];
  }

 private:
  static constexpr size_t kSlots = 64;
  std::array<const PackedClaims*, kSlots> key_{};
  std::array<UnitClaims, kSlots> claims_;
};

}  // namespace

std::vector<std::vector<double>> ScoreVariants(
    std::span<const Unit> units, std::span<const std::vector<TalkingPoint>* const> points,
    ClaimCache& cache, const WordRelations* relations, const AlignOptions& options, int threads,
    size_t* units_read) {
  std::vector<const TalkingPoint*> all;
  for (const std::vector<TalkingPoint>* list : points)
    for (const TalkingPoint& p : *list) all.push_back(&p);
  std::vector<std::string_view> core_texts;
  core_texts.reserve(all.size());
  for (const TalkingPoint* p : all) core_texts.push_back(units[p->representative().index].text);
  const std::vector<const PackedClaims*> core_claims = cache.GetAll(core_texts, threads);

  // Each distinct unit (in the order the points list them) and the (point, variant) pairs it is
  // scored for.
  std::vector<int32_t> slot(units.size(), -1);
  std::vector<uint32_t> read;
  for (const TalkingPoint* p : all)
    for (const PointVariant& v : p->variants)
      if (slot[v.index] < 0) {
        slot[v.index] = 0;
        read.push_back(v.index);
      }
  for (size_t i = 0; i < read.size(); ++i) slot[read[i]] = static_cast<int32_t>(i);
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> asked(read.size());
  std::vector<std::vector<double>> scores(all.size());
  for (uint32_t p = 0; p < all.size(); ++p) {
    const std::vector<PointVariant>& variants = all[p]->variants;
    scores[p].assign(variants.size(), 1.0);
    for (uint32_t i = 0; i < variants.size(); ++i)
      if (!variants[i].core) asked[static_cast<size_t>(slot[variants[i].index])].emplace_back(p, i);
  }
  std::vector<std::string_view> texts;
  texts.reserve(read.size());
  for (uint32_t u : read) texts.push_back(units[u].text);
  // Each (point, variant) is asked of one unit only, so the workers write apart.
  std::vector<CoreMemo> memo(parallel::Workers(threads, texts.size()));
  cache.ForEach(texts, threads, [&](size_t s, size_t worker, const UnitClaims& claims) {
    for (auto [p, i] : asked[s])
      scores[p][i] =
          AlignClaims(memo[worker].Get(cache, core_claims[p]), claims, relations, options).score;
  });
  *units_read = read.size();
  return scores;
}

size_t VerifyVariants(std::span<const double> scores, double threshold, TalkingPoint* point) {
  std::vector<PointVariant> kept;
  kept.reserve(point->variants.size());
  size_t moved = 0;
  for (size_t i = 0; i < point->variants.size(); ++i) {
    PointVariant& v = point->variants[i];
    v.claim_score = scores[i];
    if (v.core || v.claim_score >= threshold) {
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
