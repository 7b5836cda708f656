// Internal to talking points: the claims of each distinct unit text, read once per run and
// shared by ceremony detection, core choice and the variants' check (the parser is most of a
// run's work, and briefings repeat the same sentences across documents).
#ifndef REFRAIN_SRC_POINTS_CLAIM_CACHE_H_
#define REFRAIN_SRC_POINTS_CLAIM_CACHE_H_

#include <cstddef>
#include <functional>
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

  // Calls fn(i, claims of texts[i]) for every i, on `threads` workers (0 = one per core), each
  // distinct key read once: from the cache when it holds the key, else read on a worker and
  // dropped once its calls are made (not kept: a run's variants are read for one check, and
  // their claims were most of its memory). A later Get of such a text reads it again.
  // Requires: fn is safe to call from several threads at once.
  void ForEach(std::span<const std::string_view> texts, int threads,
               const std::function<void(size_t, const UnitClaims&)>& fn);

  // How many texts the reader has read (distinct keys, kept or not).
  size_t parsed() const { return by_key_.size() + dropped_; }

 private:
  const ClaimReader& reader_;
  std::unordered_map<std::string, UnitClaims> by_key_;
  size_t dropped_ = 0;  // keys ForEach read and did not keep
};

}  // namespace refrain::internal

#endif  // REFRAIN_SRC_POINTS_CLAIM_CACHE_H_
