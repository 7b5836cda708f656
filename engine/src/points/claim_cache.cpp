#include "claim_cache.h"

#include <cctype>
#include <cstring>
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

namespace {

// The packed form is written and read field by field in one order, UnitClaims' own: a string
// is its id, a count precedes its items, a double is its two halves.
class Writer {
 public:
  Writer(std::vector<uint32_t>* out, std::deque<std::string>* pool,
         std::unordered_map<std::string_view, uint32_t>* ids)
      : out_(*out), pool_(*pool), ids_(*ids) {}
  void Number(uint32_t n) { out_.push_back(n); }
  void String(const std::string& s) {
    auto it = ids_.find(s);
    if (it == ids_.end()) {
      pool_.push_back(s);
      it = ids_.emplace(pool_.back(), static_cast<uint32_t>(pool_.size() - 1)).first;
    }
    out_.push_back(it->second);
  }
  void Real(double d) {
    uint32_t halves[2];
    std::memcpy(halves, &d, sizeof d);
    out_.insert(out_.end(), halves, halves + 2);
  }
  void Word(const ClaimWord& w) {
    String(w.text);
    String(w.lemma);
    String(w.stem);
    String(w.upos);
    Number(static_cast<uint32_t>(w.word_class));
    Number(w.index);
    String(w.name);
  }
  void Words(const std::vector<ClaimWord>& words) {
    Number(static_cast<uint32_t>(words.size()));
    for (const ClaimWord& w : words) Word(w);
  }
  void Figures(const std::vector<Figure>& figures) {
    Number(static_cast<uint32_t>(figures.size()));
    for (const Figure& f : figures) {
      Number(static_cast<uint32_t>(f.kind));
      Real(f.value);
      String(f.currency);
      String(f.text);
      Number(f.index);
      Number(f.size);
    }
  }
  void Claims(const UnitClaims& u) {
    Number(static_cast<uint32_t>(u.claims.size()));
    for (const Claim& c : u.claims) {
      Word(c.predicate);
      Number(static_cast<uint32_t>(c.nominal));
      Number(static_cast<uint32_t>(c.negated));
      Number(static_cast<uint32_t>(c.modality));
      Number(static_cast<uint32_t>(c.arguments.size()));
      for (const ClaimArgument& a : c.arguments) {
        Number(static_cast<uint32_t>(a.role));
        String(a.preposition);
        Word(a.head);
        Words(a.modifiers);
      }
      Figures(c.figures);
      Words(c.words);
    }
    String(u.no_claim_reason);
    Figures(u.figures);
    Words(u.words);
  }

 private:
  std::vector<uint32_t>& out_;
  std::deque<std::string>& pool_;
  std::unordered_map<std::string_view, uint32_t>& ids_;
};

class Reader {
 public:
  Reader(const std::vector<uint32_t>& data, const std::deque<std::string>& pool)
      : at_(data.data()), pool_(pool) {}
  uint32_t Number() { return *at_++; }
  const std::string& String() { return pool_[*at_++]; }
  double Real() {
    double d;
    std::memcpy(&d, at_, sizeof d);
    at_ += 2;
    return d;
  }
  void Word(ClaimWord* w) {
    w->text = String();
    w->lemma = String();
    w->stem = String();
    w->upos = String();
    w->word_class = static_cast<WordClass>(Number());
    w->index = Number();
    w->name = String();
  }
  void Words(std::vector<ClaimWord>* words) {
    words->resize(Number());
    for (ClaimWord& w : *words) Word(&w);
  }
  void Figures(std::vector<Figure>* figures) {
    figures->resize(Number());
    for (Figure& f : *figures) {
      f.kind = static_cast<Figure::Kind>(Number());
      f.value = Real();
      f.currency = String();
      f.text = String();
      f.index = Number();
      f.size = Number();
    }
  }
  void Claims(UnitClaims* u) {
    u->claims.resize(Number());
    for (Claim& c : u->claims) {
      Word(&c.predicate);
      c.nominal = Number() != 0;
      c.negated = Number() != 0;
      c.modality = static_cast<Modality>(Number());
      c.arguments.resize(Number());
      for (ClaimArgument& a : c.arguments) {
        a.role = static_cast<ArgumentRole>(Number());
        a.preposition = String();
        Word(&a.head);
        Words(&a.modifiers);
      }
      Figures(&c.figures);
      Words(&c.words);
    }
    u->no_claim_reason = String();
    Figures(&u->figures);
    Words(&u->words);
  }

 private:
  const uint32_t* at_;
  const std::deque<std::string>& pool_;
};

}  // namespace

PackedClaims ClaimCache::Pack(const UnitClaims& claims) {
  PackedClaims packed;
  std::lock_guard lock(pool_mu_);
  Writer(&packed.data, &pool_, &ids_).Claims(claims);
  packed.data.shrink_to_fit();
  return packed;
}

UnitClaims ClaimCache::Unpack(const PackedClaims& packed) const {
  UnitClaims claims;
  Reader(packed.data, pool_).Claims(&claims);
  return claims;
}

UnitClaims ClaimCache::Get(std::string_view text) {
  std::string key = ClaimKey(text);
  auto it = by_key_.find(key);
  if (it != by_key_.end()) return Unpack(it->second);
  UnitClaims claims = reader_.Analyze(key);
  by_key_.emplace(std::move(key), Pack(claims));
  return claims;
}

std::vector<const PackedClaims*> ClaimCache::GetAll(std::span<const std::string_view> texts,
                                                    int threads) {
  // Each text's node in by_key_, made empty for the keys not read yet (map nodes stay put, so
  // the pointers hold while the others are added), then filled on the workers.
  std::vector<const PackedClaims*> out;
  out.reserve(texts.size());
  std::vector<std::pair<const std::string*, PackedClaims*>> unread;
  for (std::string_view text : texts) {
    auto [it, added] = by_key_.try_emplace(ClaimKey(text));
    if (added) unread.emplace_back(&it->first, &it->second);
    out.push_back(&it->second);
  }
  parallel::For(unread.size(), threads, [&](size_t i, size_t) {
    *unread[i].second = Pack(reader_.Analyze(*unread[i].first));
  });
  return out;
}

void ClaimCache::ForEach(std::span<const std::string_view> texts, int threads,
                         const std::function<void(size_t, size_t, const UnitClaims&)>& fn) {
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
  parallel::For(keys.size(), threads, [&](size_t g, size_t worker) {
    auto it = by_key_.find(keys[g]);
    const bool cached = it != by_key_.end();
    const UnitClaims claims = cached ? Unpack(it->second) : reader_.Analyze(keys[g]);
    read[g] = !cached;
    for (size_t i : members[g]) fn(i, worker, claims);
  });
  for (char r : read) dropped_ += static_cast<size_t>(r);
}

}  // namespace refrain::internal
