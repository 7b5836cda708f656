// The parse stage's classifiers: linear models over hashed sparse features. Training uses an
// averaged perceptron (Collins 2002, with Daume's trick for the average); what ships is its
// average, quantised to 16 bits and pruned, in a compact open-addressed table.
#ifndef REFRAIN_PARSE_LINEAR_MODEL_H_
#define REFRAIN_PARSE_LINEAR_MODEL_H_

#include <cstdint>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "refrain/status.h"

namespace refrain::parse {

// splitmix64's finaliser: a fixed, platform-independent mix, so a model's feature keys mean the
// same on every machine that loads it.
inline uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// FNV-1a over the bytes, then Mix.
inline uint64_t HashString(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ULL;
  return Mix(h);
}

// The key of one feature: its template number and up to three values.
inline uint64_t FeatureKey(uint64_t template_id, uint64_t a, uint64_t b = 0, uint64_t c = 0) {
  uint64_t h = Mix(template_id * 0x100000001b3ULL + a);
  h = Mix(h ^ b);
  return Mix(h ^ (c + 0x51ed270b27ULL));
}

// What FrozenLinear keeps of a key: its high 32 bits, never 0 (0 marks an empty slot). Two
// features of a model share one in about 2^-32 of pairs: a few of half a million merge.
inline uint32_t Fingerprint(uint64_t key) {
  uint32_t f = static_cast<uint32_t>(key >> 32);
  return f == 0 ? 1 : f;
}

// A trained linear model, read-only: score = sum over the features of their rows (only the
// classes a row holds). Thread-safe: Score writes only to its output.
class FrozenLinear {
 public:
  int classes() const { return classes_; }
  uint64_t rows() const { return keys_.size(); }
  uint64_t entries() const { return entries_.size(); }
  // Requires: scores has classes() elements. Fills them with the summed integer weights (the
  // model's scale is the same for every class, so argmax needs no multiply).
  void Score(std::span<const uint64_t> features, int32_t* scores) const;

  // The binary form: classes, rows, entries, then per row its fingerprint and entry count, then
  // per entry its class (8 bits) and weight (16 bits). Little-endian.
  void Write(std::ostream& out) const;
  Status Read(std::istream& in, const std::string& file);

 private:
  friend class AveragedPerceptron;
  struct Entry {
    uint8_t cls;
    int16_t weight;
  };
  void BuildSlots();
  int classes_ = 0;
  std::vector<uint32_t> keys_;    // fingerprints, sorted
  std::vector<uint32_t> starts_;  // row r's entries are [starts_[r], starts_[r + 1])
  std::vector<Entry> entries_;
  // Open addressing, capacity a power of two; a slot holds its row's entry range so that a
  // lookup touches two cache lines (slot, entries), and Score prefetches every slot first.
  struct Slot {
    uint32_t key = 0;
    uint32_t begin = 0, end = 0;
  };
  std::vector<Slot> slots_;
  // A table of at most kInlineClasses classes (the transition classifier's four moves, most of
  // a parse's lookups) keeps each row's weights in its slot instead, 0 for the classes the row
  // lacks: one cache miss per feature instead of two, the same sums. slots_ is then empty.
  static constexpr int kInlineClasses = 4;
  struct InlineSlot {
    uint32_t key = 0;
    int16_t weight[kInlineClasses] = {};
  };
  std::vector<InlineSlot> inline_slots_;
  uint64_t mask_ = 0;
};

// The perceptron while it learns. Not thread-safe.
class AveragedPerceptron {
 public:
  explicit AveragedPerceptron(int classes) : classes_(classes) {}
  int classes() const { return classes_; }
  // Current (not averaged) weights; scores has classes() elements.
  void Score(std::span<const uint64_t> features, float* scores) const;
  // One mistake: truth gains, guess loses, for every feature.
  void Update(std::span<const uint64_t> features, int truth, int guess);
  // One decision made (the averaging clock).
  void Tick() { ++clock_; }
  // The averaged weights, quantised to int16 with one scale (largest |weight| = 32767); entries
  // whose averaged |weight| is below `prune` are dropped, and rows left empty with them.
  FrozenLinear Freeze(double prune) const;
  uint64_t rows() const { return rows_.size(); }

 private:
  int classes_;
  std::unordered_map<uint64_t, uint32_t> rows_;
  std::vector<float> weights_;
  std::vector<double> stamped_;  // sum of clock * delta, for the average w - stamped / clock
  int64_t clock_ = 1;
};

}  // namespace refrain::parse

#endif  // REFRAIN_PARSE_LINEAR_MODEL_H_
