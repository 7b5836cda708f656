#include "parse/linear_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <istream>
#include <ostream>

namespace refrain::parse {
namespace {

// Linear probing over a power-of-two table whose empty slots have key 0 (fingerprints are never
// 0): the slot holding `key`, or nullptr; and the first free slot from `key`'s home.
template <typename SlotType>
const SlotType* FindSlot(const std::vector<SlotType>& table, uint64_t mask, uint32_t key) {
  for (uint64_t slot = key & mask;; slot = (slot + 1) & mask) {
    const SlotType& s = table[slot];
    if (s.key == key) return &s;
    if (s.key == 0) return nullptr;
  }
}

template <typename SlotType>
SlotType& FreeSlot(std::vector<SlotType>& table, uint64_t mask, uint32_t key) {
  uint64_t slot = key & mask;
  while (table[slot].key != 0) slot = (slot + 1) & mask;
  return table[slot];
}

}  // namespace

void FrozenLinear::Score(std::span<const uint64_t> features, int32_t* scores) const {
  std::fill(scores, scores + classes_, 0);
  if (keys_.empty()) return;
  if (!inline_slots_.empty()) {
    for (uint64_t feature : features)
      __builtin_prefetch(&inline_slots_[Fingerprint(feature) & mask_]);
    for (uint64_t feature : features) {
      const InlineSlot* s = FindSlot(inline_slots_, mask_, Fingerprint(feature));
      if (s == nullptr) continue;
      for (int c = 0; c < classes_; ++c) scores[c] += s->weight[c];
    }
    return;
  }
  // Three passes per chunk of features: prefetch the slots, find them and prefetch their
  // entries, sum; so that both misses of each feature overlap those of the others.
  constexpr size_t kChunk = 128;
  uint32_t begin[kChunk], end[kChunk];
  for (size_t at = 0; at < features.size(); at += kChunk) {
    const std::span<const uint64_t> chunk =
        features.subspan(at, std::min(kChunk, features.size() - at));
    for (uint64_t feature : chunk) __builtin_prefetch(&slots_[Fingerprint(feature) & mask_]);
    size_t found = 0;
    for (uint64_t feature : chunk) {
      const Slot* s = FindSlot(slots_, mask_, Fingerprint(feature));
      if (s == nullptr) continue;
      __builtin_prefetch(&entries_[s->begin]);
      begin[found] = s->begin;
      end[found] = s->end;
      ++found;
    }
    for (size_t f = 0; f < found; ++f)
      for (uint32_t e = begin[f]; e < end[f]; ++e) scores[entries_[e].cls] += entries_[e].weight;
  }
}

void FrozenLinear::BuildSlots() {
  uint64_t capacity = std::bit_ceil(std::max<uint64_t>(16, keys_.size() * 2));
  mask_ = capacity - 1;
  slots_.clear();
  inline_slots_.clear();
  if (classes_ <= kInlineClasses) {
    inline_slots_.assign(capacity, InlineSlot{});
    for (uint32_t row = 0; row < keys_.size(); ++row) {
      InlineSlot& s = FreeSlot(inline_slots_, mask_, keys_[row]);
      s.key = keys_[row];
      for (uint32_t e = starts_[row]; e < starts_[row + 1]; ++e)
        s.weight[entries_[e].cls] = entries_[e].weight;
    }
    return;
  }
  slots_.assign(capacity, Slot{});
  for (uint32_t row = 0; row < keys_.size(); ++row)
    FreeSlot(slots_, mask_, keys_[row]) = {keys_[row], starts_[row], starts_[row + 1]};
}

namespace {

template <typename T>
void WritePod(std::ostream& out, const T& value) {
  out.write(reinterpret_cast<const char*>(&value), sizeof(T));
}
template <typename T>
void WriteArray(std::ostream& out, const std::vector<T>& values) {
  out.write(reinterpret_cast<const char*>(values.data()),
            static_cast<std::streamsize>(values.size() * sizeof(T)));
}
template <typename T>
bool ReadPod(std::istream& in, T* value) {
  return static_cast<bool>(in.read(reinterpret_cast<char*>(value), sizeof(T)));
}
template <typename T>
bool ReadArray(std::istream& in, uint64_t count, std::vector<T>* values) {
  values->resize(count);
  return static_cast<bool>(in.read(reinterpret_cast<char*>(values->data()),
                                   static_cast<std::streamsize>(count * sizeof(T))));
}

}  // namespace

void FrozenLinear::Write(std::ostream& out) const {
  WritePod(out, static_cast<uint32_t>(classes_));
  WritePod(out, static_cast<uint64_t>(keys_.size()));
  WritePod(out, static_cast<uint64_t>(entries_.size()));
  WriteArray(out, keys_);
  std::vector<uint8_t> counts(keys_.size()), classes(entries_.size());
  std::vector<int16_t> weights(entries_.size());
  for (size_t r = 0; r < keys_.size(); ++r)
    counts[r] = static_cast<uint8_t>(starts_[r + 1] - starts_[r]);
  for (size_t e = 0; e < entries_.size(); ++e) {
    classes[e] = entries_[e].cls;
    weights[e] = entries_[e].weight;
  }
  WriteArray(out, counts);
  WriteArray(out, classes);
  WriteArray(out, weights);
}

Status FrozenLinear::Read(std::istream& in, const std::string& file) {
  uint32_t classes = 0;
  uint64_t rows = 0, entries = 0;
  auto corrupt = [&](const char* what) {
    return Status::BadInput(fmt::format("{}: corrupt parser model ({})", file, what));
  };
  if (!ReadPod(in, &classes) || !ReadPod(in, &rows) || !ReadPod(in, &entries))
    return corrupt("truncated table header");
  if (classes == 0 || classes > 255 || rows > (1ULL << 31) || entries > (1ULL << 32))
    return corrupt("impossible table sizes");
  classes_ = static_cast<int>(classes);
  std::vector<uint8_t> counts, entry_classes;
  std::vector<int16_t> weights;
  if (!ReadArray(in, rows, &keys_) || !ReadArray(in, rows, &counts) ||
      !ReadArray(in, entries, &entry_classes) || !ReadArray(in, entries, &weights))
    return corrupt("truncated table");
  starts_.assign(1, 0);
  for (uint64_t r = 0; r < rows; ++r) {
    if (keys_[r] == 0) return corrupt("bad row");
    starts_.push_back(starts_.back() + counts[r]);
  }
  if (starts_.back() != entries) return corrupt("row sizes do not add up");
  entries_.resize(entries);
  for (uint64_t e = 0; e < entries; ++e) {
    if (entry_classes[e] >= classes_) return corrupt("class out of range");
    entries_[e] = {entry_classes[e], weights[e]};
  }
  BuildSlots();
  return Status::Ok();
}

void AveragedPerceptron::Score(std::span<const uint64_t> features, float* scores) const {
  std::fill(scores, scores + classes_, 0.0f);
  for (uint64_t key : features) {
    auto it = rows_.find(key);
    if (it == rows_.end()) continue;
    const float* w = &weights_[size_t(it->second) * classes_];
    for (int c = 0; c < classes_; ++c) scores[c] += w[c];
  }
}

void AveragedPerceptron::Update(std::span<const uint64_t> features, int truth, int guess) {
  for (uint64_t key : features) {
    auto [it, added] = rows_.try_emplace(key, static_cast<uint32_t>(rows_.size()));
    if (added) {
      weights_.resize(weights_.size() + classes_, 0.0f);
      stamped_.resize(stamped_.size() + classes_, 0.0);
    }
    size_t base = size_t(it->second) * classes_;
    weights_[base + truth] += 1.0f;
    stamped_[base + truth] += double(clock_);
    weights_[base + guess] -= 1.0f;
    stamped_[base + guess] -= double(clock_);
  }
}

FrozenLinear AveragedPerceptron::Freeze(double prune) const {
  // In fingerprint order, so that the same weights always write the same file.
  std::vector<std::pair<uint64_t, uint32_t>> order(rows_.begin(), rows_.end());
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return std::pair(Fingerprint(a.first), a.first) < std::pair(Fingerprint(b.first), b.first);
  });
  auto average = [&](size_t i) { return double(weights_[i]) - stamped_[i] / double(clock_); };
  double largest = 0;
  for (size_t i = 0; i < weights_.size(); ++i) largest = std::max(largest, std::abs(average(i)));
  double scale = largest > 0 ? 32767.0 / largest : 1.0;
  FrozenLinear frozen;
  frozen.classes_ = classes_;
  frozen.starts_.push_back(0);
  for (const auto& [key, row] : order) {
    size_t before = frozen.entries_.size();
    for (int c = 0; c < classes_; ++c) {
      double a = average(size_t(row) * classes_ + c);
      long q = std::lround(a * scale);
      if (std::abs(a) < prune || q == 0) continue;
      frozen.entries_.push_back({static_cast<uint8_t>(c), static_cast<int16_t>(q)});
    }
    if (frozen.entries_.size() == before) continue;
    frozen.keys_.push_back(Fingerprint(key));
    frozen.starts_.push_back(static_cast<uint32_t>(frozen.entries_.size()));
  }
  frozen.BuildSlots();
  return frozen;
}

}  // namespace refrain::parse
