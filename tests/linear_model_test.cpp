// The parse stage's linear models: FrozenLinear::Score against a brute-force sum over the rows
// its own binary form holds, for tables small enough to keep weights in their slots (four
// classes: the transition classifier) and larger ones (taggers, labeller).
#include "parse/linear_model.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstring>
#include <random>
#include <sstream>
#include <unordered_map>
#include <vector>

namespace refrain::parse {
namespace {

// Per fingerprint, (class, weight) of each entry, read from FrozenLinear::Write's layout.
using Rows = std::unordered_map<uint32_t, std::vector<std::pair<int, int>>>;

template <typename T>
T Take(const std::string& bytes, size_t* at) {
  T value;
  std::memcpy(&value, bytes.data() + *at, sizeof(T));
  *at += sizeof(T);
  return value;
}

Rows RowsOf(const std::string& bytes, int* classes) {
  size_t at = 0;
  *classes = static_cast<int>(Take<uint32_t>(bytes, &at));
  const uint64_t rows = Take<uint64_t>(bytes, &at), entries = Take<uint64_t>(bytes, &at);
  std::vector<uint32_t> keys(rows);
  std::vector<uint8_t> counts(rows), entry_class(entries);
  std::vector<int16_t> weights(entries);
  for (auto& k : keys) k = Take<uint32_t>(bytes, &at);
  for (auto& c : counts) c = Take<uint8_t>(bytes, &at);
  for (auto& c : entry_class) c = Take<uint8_t>(bytes, &at);
  for (auto& w : weights) w = Take<int16_t>(bytes, &at);
  Rows out;
  size_t e = 0;
  for (uint64_t r = 0; r < rows; ++r)
    for (uint8_t n = 0; n < counts[r]; ++n, ++e)
      out[keys[r]].emplace_back(entry_class[e], weights[e]);
  return out;
}

TEST_CASE("Score sums the rows of the features it is given, whatever the table's layout",
          "[linear_model]") {
  const int classes = GENERATE(2, 4, 5, 17, 50);
  std::mt19937_64 random(static_cast<uint64_t>(classes) * 7919);
  AveragedPerceptron learner(classes);
  std::vector<uint64_t> features(40);
  for (int step = 0; step < 3000; ++step) {
    for (uint64_t& f : features) f = FeatureKey(random() % 30, random() % 200);
    learner.Update(features, static_cast<int>(random() % classes),
                   static_cast<int>(random() % classes));
    learner.Tick();
  }
  const FrozenLinear frozen = learner.Freeze(0.0);
  REQUIRE(frozen.rows() > 1000);
  std::ostringstream written;
  frozen.Write(written);
  int written_classes = 0;
  const Rows rows = RowsOf(written.str(), &written_classes);
  REQUIRE(written_classes == classes);
  FrozenLinear read;
  std::istringstream in(written.str());
  REQUIRE(read.Read(in, "in memory").ok());

  size_t nonzero = 0;
  for (int probe = 0; probe < 500; ++probe) {
    // Features seen in training and unseen ones (template 30 never was), up to 150 of them:
    // more than one of Score's chunks.
    std::vector<uint64_t> asked(1 + random() % 150);
    for (uint64_t& f : asked) f = FeatureKey(random() % 31, random() % 200);
    std::vector<int32_t> expected(classes, 0), got(classes, -1), got_read(classes, -1);
    for (uint64_t f : asked)
      if (auto it = rows.find(Fingerprint(f)); it != rows.end())
        for (auto [c, w] : it->second) expected[c] += w;
    frozen.Score(asked, got.data());
    read.Score(asked, got_read.data());
    REQUIRE(got == expected);
    REQUIRE(got_read == expected);
    nonzero += std::any_of(expected.begin(), expected.end(), [](int32_t s) { return s != 0; });
  }
  CHECK(nonzero > 400);
}

}  // namespace
}  // namespace refrain::parse
