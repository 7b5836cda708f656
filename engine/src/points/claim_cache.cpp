#include "claim_cache.h"

#include <cctype>
#include <utility>
#include <vector>

#include "util/parallel.h"

namespace refrain::internal {

std::string ClaimKey(std::string_view text) {
  std::string key;
  key.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !key.empty();
      continue;
    }
    if (space) key.push_back(' ');
    space = false;
    key.push_back(c);
  }
  return key;
}

const UnitClaims& ClaimCache::Get(std::string_view text) {
  std::string key = ClaimKey(text);
  auto it = by_key_.find(key);
  if (it != by_key_.end()) return it->second;
  UnitClaims claims = reader_.Analyze(key);
  return by_key_.emplace(std::move(key), std::move(claims)).first->second;
}

void ClaimCache::Prefetch(std::span<const std::string_view> texts, int threads) {
  std::vector<std::string> keys;
  std::unordered_map<std::string_view, char> queued;  // views into `keys`' strings, reserved
  keys.reserve(texts.size());
  for (std::string_view text : texts) {
    std::string key = ClaimKey(text);
    if (by_key_.contains(key)) continue;
    keys.push_back(std::move(key));
    if (!queued.emplace(keys.back(), 0).second) keys.pop_back();
  }
  std::vector<UnitClaims> read(keys.size());
  parallel::For(keys.size(), threads, [&](size_t i, size_t) { read[i] = reader_.Analyze(keys[i]); });
  for (size_t i = 0; i < keys.size(); ++i) by_key_.emplace(std::move(keys[i]), std::move(read[i]));
}

}  // namespace refrain::internal
