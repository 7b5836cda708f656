// Internal to talking points and compare: whether a unit makes a claim an analyst would track,
// is the source's ceremony (protocol, pleasantries, biography, sign-offs, a spokesman's
// deflections), or makes no claim at all (a topic-only fragment, a question).
#ifndef REFRAIN_SRC_POINTS_CEREMONY_H_
#define REFRAIN_SRC_POINTS_CEREMONY_H_

#include <cstddef>
#include <string_view>

#include "refrain/claims.h"

namespace refrain::internal {

enum class UnitKind {
  kClaim,     // a position, commitment, slogan or figure
  kCeremony,  // protocol, thanks, greetings, biography, sign-offs, deflections
  kNoClaim,   // no predicate (a topic-only noun phrase), a question, an empty unit
};

struct UnitReading {
  UnitKind kind = UnitKind::kClaim;
  // How much claim the unit carries: the content words of its claims (with a reader), else
  // its distinct content words. Ranks points of equal events and years.
  size_t claim_words = 0;
};

// Reads `text`. With a reader, a unit without claims makes none ("courtesy": ceremony), and one
// whose every claim has a ceremony predicate (kCeremonyPredicates in ceremony.cpp: thank, meet,
// congratulate, ...) is ceremony; with or without one, the built-in ceremony phrases
// (kCeremonyPhrases: "held talks", "look forward to", "I would refer you to", "has served
// as", ...) make a unit ceremony.
UnitReading ReadUnit(std::string_view text, const ClaimReader* reader);
// The same from the claims a reader made of `text` (ClaimCache's, read once per run).
UnitReading ReadUnit(std::string_view text, const UnitClaims& claims);

}  // namespace refrain::internal

#endif  // REFRAIN_SRC_POINTS_CEREMONY_H_
