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

}  // namespace refrain::internal
