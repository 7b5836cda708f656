// The vectorizer's per-thread term tables: words and n-grams to dense ids without
// a std::string per token. Words are keyed by their bytes (kept in an arena), an
// n-gram by the pair (id of its first n-1 words, id of its last word), so counting
// bigrams never builds the string "foo bar". Internal to the engine.
#ifndef REFRAIN_TERM_TABLE_H_
#define REFRAIN_TERM_TABLE_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace refrain::internal {

// Open addressing with linear probing over a power-of-two array kept at most half
// full; a slot holds id + 1 (0 = empty) and 32 bits of the hash to skip most compares.
class TermTable {
 public:
  static constexpr uint32_t kNoPrefix = UINT32_MAX;

  struct Term {
    uint32_t prefix = kNoPrefix;  // id of the first n-1 words; kNoPrefix for a word
    uint32_t last = 0;            // id of the last word (itself for a word)
    uint32_t n = 1;               // words in the term
    uint32_t length = 0;          // bytes of the term's text in the arena
    uint64_t offset = 0;          // where the text starts (words at once, n-grams in Spell)
  };

  TermTable() { Rehash(1 << 12); }

  // The id of word `text`, added if new.
  uint32_t Word(std::string_view text) {
    uint64_t h = HashText(text);
    uint32_t tag = static_cast<uint32_t>(h >> 32);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.id == 0) {
        uint32_t id = Add({kNoPrefix, 0, 1, static_cast<uint32_t>(text.size()), arena_.size()});
        terms_[id].last = id;
        arena_.append(text);
        s = {id + 1, tag};
        if (terms_.size() * 2 > slots_.size()) Rehash(slots_.size() * 2);
        return id;
      }
      if (s.tag == tag && terms_[s.id - 1].prefix == kNoPrefix && Text(s.id - 1) == text)
        return s.id - 1;
    }
  }

  // The id of the n-gram `prefix` followed by word `last`, added if new.
  uint32_t Gram(uint32_t prefix, uint32_t last) {
    uint64_t key = (static_cast<uint64_t>(prefix) << 32) | last;
    uint64_t h = Mix(key);
    uint32_t tag = static_cast<uint32_t>(h >> 32);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.id == 0) {
        uint32_t id = Add({prefix, last, terms_[prefix].n + 1, 0, 0});
        s = {id + 1, tag};
        if (terms_.size() * 2 > slots_.size()) Rehash(slots_.size() * 2);
        return id;
      }
      const Term& t = terms_[s.id - 1];
      if (s.tag == tag && t.prefix == prefix && t.last == last) return s.id - 1;
    }
  }

  // Writes every n-gram's text ("w1 w2 ... wn") into the arena so Text() works for all
  // ids. Prefixes have smaller ids than their n-grams, so one pass in id order suffices.
  void Spell() {
    // Lengths first, so the arena grows once and the appends below never read freed bytes.
    size_t bytes = arena_.size();
    for (size_t id = spelled_; id < terms_.size(); ++id) {
      Term& t = terms_[id];
      if (t.prefix == kNoPrefix) continue;
      t.length = terms_[t.prefix].length + 1 + terms_[t.last].length;
      bytes += t.length;
    }
    arena_.reserve(bytes);
    for (size_t id = spelled_; id < terms_.size(); ++id) {
      Term& t = terms_[id];
      if (t.prefix == kNoPrefix) continue;
      const Term& p = terms_[t.prefix];
      const Term& w = terms_[t.last];
      t.offset = arena_.size();
      arena_.append(arena_.data() + p.offset, p.length);
      arena_.push_back(' ');
      arena_.append(arena_.data() + w.offset, w.length);
    }
    spelled_ = terms_.size();
  }

  // Requires: a word, or Spell() called since the n-gram was added.
  std::string_view Text(uint32_t id) const {
    const Term& t = terms_[id];
    return std::string_view(arena_.data() + t.offset, t.length);
  }
  const Term& term(uint32_t id) const { return terms_[id]; }
  size_t size() const { return terms_.size(); }

 private:
  struct Slot {
    uint32_t id = 0;  // id + 1; 0 = empty
    uint32_t tag = 0;
  };

  static uint64_t Mix(uint64_t key) {
    // Murmur3's 64-bit finaliser: every key bit reaches the low bits used as the index.
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    key *= 0xc4ceb9fe1a85ec53ULL;
    key ^= key >> 33;
    return key;
  }

  // Words are short: a multiply per eight bytes, then the finaliser.
  static uint64_t HashText(std::string_view text) {
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ text.size();
    const char* p = text.data();
    size_t n = text.size();
    for (; n >= 8; p += 8, n -= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      h = (h ^ word) * 0xbf58476d1ce4e5b9ULL;
    }
    // The last 0-7 bytes without a variable-length copy: two overlapping 4-byte reads,
    // or the first, middle and last byte (wyhash's trick; the length is already in h).
    uint64_t tail = 0;
    if (n >= 4) {
      uint32_t first, last;
      std::memcpy(&first, p, 4);
      std::memcpy(&last, p + n - 4, 4);
      tail = (static_cast<uint64_t>(first) << 32) | last;
    } else if (n > 0) {
      tail = (static_cast<uint64_t>(static_cast<uint8_t>(p[0])) << 16) |
             (static_cast<uint64_t>(static_cast<uint8_t>(p[n >> 1])) << 8) |
             static_cast<uint8_t>(p[n - 1]);
    }
    return Mix((h ^ tail) * 0x94d049bb133111ebULL);
  }

  uint32_t Add(const Term& t) {
    terms_.push_back(t);
    return static_cast<uint32_t>(terms_.size() - 1);
  }

  uint64_t HashOf(uint32_t id) const {
    const Term& t = terms_[id];
    if (t.prefix == kNoPrefix) return HashText(Text(id));
    return Mix((static_cast<uint64_t>(t.prefix) << 32) | t.last);
  }

  void Rehash(size_t capacity) {
    std::vector<Slot> slots(capacity);
    size_t mask = capacity - 1;
    for (uint32_t id = 0; id < terms_.size(); ++id) {
      uint64_t h = HashOf(id);
      size_t i = h & mask;
      while (slots[i].id != 0) i = (i + 1) & mask;
      slots[i] = {id + 1, static_cast<uint32_t>(h >> 32)};
    }
    slots_.swap(slots);
    mask_ = mask;
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  std::vector<Term> terms_;
  std::string arena_;
  size_t spelled_ = 0;
};

}  // namespace refrain::internal

#endif  // REFRAIN_TERM_TABLE_H_
