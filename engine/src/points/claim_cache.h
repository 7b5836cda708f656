// Internal to talking points: the claims of each distinct unit text, read once per run and
// shared by ceremony detection, core choice and the variants' check (the parser is most of a
// run's work, and briefings repeat the same sentences across documents).
#ifndef REFRAIN_SRC_POINTS_CLAIM_CACHE_H_
#define REFRAIN_SRC_POINTS_CLAIM_CACHE_H_

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "refrain/claims.h"

namespace refrain::internal {

// The key a unit's text is cached under: the text trimmed, its runs of whitespace one space
// (SplitUdWords cuts on whitespace, so such texts read the same).
std::string ClaimKey(std::string_view text);

// Not thread-safe itself: Get and GetAll are called from one thread; GetAll reads on
// several. References returned stay valid for the cache's life.
class ClaimCache {
 public:
  // `reader` must outlive the cache.
  explicit ClaimCache(const ClaimReader& reader) : reader_(reader) {}

  // The claims of `text`, read now unless a text with its key was read before.
  const UnitClaims& Get(std::string_view text);
  // The claims of each of `texts`, in order: those not cached yet read first, each distinct key
  // once, on `threads` workers (0 = one per core); a later Get of them does not parse.
  std::vector<const UnitClaims*> GetAll(std::span<const std::string_view> texts, int threads);

  // How many texts the reader has read (distinct keys).
  size_t parsed() const { return by_key_.size(); }

 private:
  const ClaimReader& reader_;
  std::unordered_map<std::string, UnitClaims> by_key_;
};

}  // namespace refrain::internal

#endif  // REFRAIN_SRC_POINTS_CLAIM_CACHE_H_
