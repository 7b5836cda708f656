// Internal to talking points: the claims of each distinct unit text, read once per run and
// shared by ceremony detection, core choice and the variants' check (the parser is most of a
// run's work, and briefings repeat the same sentences across documents).
#ifndef REFRAIN_SRC_POINTS_CLAIM_CACHE_H_
#define REFRAIN_SRC_POINTS_CLAIM_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
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

// One text's claims as the cache holds them: every field of its UnitClaims in a run of
// numbers, each string an id in the cache's pool. A UnitClaims is ~46 ClaimWords of five
// std::strings each (168 bytes a word); packed, a word is 28 bytes. On wh-briefings the cache
// holds ~134,000 texts before the greedy loop: 1.1 GB as UnitClaims, the run's peak of memory.
struct PackedClaims {
  std::vector<uint32_t> data;
};

// Not thread-safe itself: Get, GetAll and ForEach are called from one thread (GetAll and
// ForEach read on several); Unpack from any while none of those runs, and from ForEach's fn.
// Pointers returned stay valid for the cache's life.
class ClaimCache {
 public:
  // `reader` must outlive the cache.
  explicit ClaimCache(const ClaimReader& reader) : reader_(reader) {}

  // The claims of `text`, read now unless a text with its key was read before.
  UnitClaims Get(std::string_view text);
  // The claims of each of `texts`, in order, packed (Unpack them): those not cached yet read
  // first, each distinct key once, on `threads` workers (0 = one per core); a later Get of them
  // does not parse. Texts with one key have the same pointer.
  std::vector<const PackedClaims*> GetAll(std::span<const std::string_view> texts, int threads);
  // The claims `packed` holds, as the reader made them. Safe from several threads at once
  // while nothing is added to the cache.
  UnitClaims Unpack(const PackedClaims& packed) const;

  // Calls fn(i, worker, claims of texts[i]) for every i, on `threads` workers (0 = one per
  // core; worker in [0, parallel::Workers(threads, texts.size()))), texts in order, each
  // distinct key read once: from the cache when it holds the key, else read on a worker and
  // dropped once its calls are made (not kept: a run's variants are read for one check, and
  // their claims were most of its memory). A later Get of such a text reads it again.
  // Requires: fn is safe to call from several threads at once.
  void ForEach(std::span<const std::string_view> texts, int threads,
               const std::function<void(size_t, size_t, const UnitClaims&)>& fn);

  // How many texts the reader has read (distinct keys, kept or not).
  size_t parsed() const { return by_key_.size() + dropped_; }

 private:
  // `claims` packed, its strings interned (locks pool_mu_: GetAll's workers pack).
  PackedClaims Pack(const UnitClaims& claims);

  const ClaimReader& reader_;
  std::unordered_map<std::string, PackedClaims> by_key_;
  size_t dropped_ = 0;  // keys ForEach read and did not keep
  // Every distinct string of the packed claims, by id (a deque: ids_' views stay put).
  std::deque<std::string> pool_;
  std::unordered_map<std::string_view, uint32_t> ids_;
  std::mutex pool_mu_;
};

}  // namespace refrain::internal

#endif  // REFRAIN_SRC_POINTS_CLAIM_CACHE_H_
