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

std::vector<const UnitClaims*> ClaimCache::GetAll(std::span<const std::string_view> texts,
                                                  int threads) {
  // Each text's node in by_key_, made empty for the keys not read yet (map nodes stay put, so
  // the pointers hold while the others are added), then filled on the workers.
  std::vector<const UnitClaims*> out;
  out.reserve(texts.size());
  std::vector<std::pair<const std::string*, UnitClaims*>> unread;
  for (std::string_view text : texts) {
    auto [it, added] = by_key_.try_emplace(ClaimKey(text));
    if (added) unread.emplace_back(&it->first, &it->second);
    out.push_back(&it->second);
  }
  parallel::For(unread.size(), threads,
                [&](size_t i, size_t) { *unread[i].second = reader_.Analyze(*unread[i].first); });
  return out;
}

void ClaimCache::ForEach(std::span<const std::string_view> texts, int threads,
                         const std::function<void(size_t, const UnitClaims&)>& fn) {
  // The texts grouped by key, in first-seen order; the workers only find in by_key_.
  std::unordered_map<std::string, size_t> group_of;
  std::vector<std::string> keys;
  std::vector<std::vector<size_t>> members;
  for (size_t i = 0; i < texts.size(); ++i) {
    std::string key = ClaimKey(texts[i]);
    auto [it, added] = group_of.try_emplace(key, keys.size());
    if (added) {
      keys.push_back(std::move(key));
      members.emplace_back();
    }
    members[it->second].push_back(i);
  }
  std::vector<char> read(keys.size(), 0);
  parallel::For(keys.size(), threads, [&](size_t g, size_t) {
    auto it = by_key_.find(keys[g]);
    if (it != by_key_.end()) {
      for (size_t i : members[g]) fn(i, it->second);
      return;
    }
    const UnitClaims claims = reader_.Analyze(keys[g]);
    read[g] = 1;
    for (size_t i : members[g]) fn(i, claims);
  });
  for (char r : read) dropped_ += static_cast<size_t>(r);
}

}  // namespace refrain::internal
