#include "meaning/wordnet.h"

#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <mutex>

// wn.h defines two license texts as `static char*` string literals, legal in C, a warning in C++.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wwrite-strings"
#pragma GCC diagnostic ignored "-Wunused-variable"
#include <wn.h>
#pragma GCC diagnostic pop

namespace refrain::meaning {
namespace {

std::mutex& WordNetLock() {
  static std::mutex lock;
  return lock;
}

bool opened = false;  // guarded by WordNetLock()

// libwordnet reads its index and data files through stdio: each step of its binary searches is
// an fseek and a 4 KB read(), about 1 ms of system calls per word. Served from a read-only
// mapping (fmemopen), the same calls make none and the pages come from the OS's cache. wn.h
// declares datafps and indexfps public; the mapping lives as long as the process, as
// libwordnet's own state does. On any failure the stdio stream stays, only slower.
void ServeFromMemory(FILE*& file) {
  if (file == nullptr) return;
  struct stat info;
  if (::fstat(::fileno(file), &info) != 0 || info.st_size <= 0) return;
  auto bytes = static_cast<size_t>(info.st_size);
  void* map = ::mmap(nullptr, bytes, PROT_READ, MAP_PRIVATE, ::fileno(file), 0);
  if (map == MAP_FAILED) return;
  FILE* memory = ::fmemopen(map, bytes, "r");
  if (memory == nullptr) {
    ::munmap(map, bytes);
    return;
  }
  // A binary search step reads one line after each seek: a small buffer copies less per seek.
  std::setvbuf(memory, nullptr, _IOFBF, 512);
  std::fclose(file);
  file = memory;
}

// libwordnet's parts of speech are 1..4 (NOUN, VERB, ADJ, ADV), satellites (5) are adjectives.
int PartOfSpeech(int pos) { return pos == SATELLITE ? ADJ : pos; }

SynsetId Synset(int pos, long offset) {
  return (uint64_t(PartOfSpeech(pos)) << 40) | (uint64_t(offset) << 8);
}

SenseId Sense(int pos, long offset, int word) {
  return Synset(pos, offset) | uint64_t(word & 0xFF);
}

template <typename T>
void SortUnique(std::vector<T>& values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
}

template <typename T>
void Append(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

// Whether `word` may be handed to libwordnet. It copies a query into fixed buffers of WORDBUF
// (256) bytes without a bound, and morphstr appends endings: a longer token (a run of letters in
// a badly extracted PDF) overflowed them and made other words' lemmas change from run to run.
// WordNet's longest lemma, a collocation, has 71 bytes, so nothing longer can be found anyway.
bool FitsWordNet(std::string_view word) {
  constexpr size_t kLongestLemmaBytes = 71;
  return word.size() <= kLongestLemmaBytes;
}

// The facts of `word` in part of speech `pos` (1..4). Requires: the lock is held.
ClassFacts ReadClass(const std::string& word, int pos) {
  ClassFacts facts;
  std::vector<char> buffer(word.begin(), word.end());
  buffer.push_back('\0');
  for (char* base = morphstr(buffer.data(), pos); base != nullptr; base = morphstr(nullptr, pos))
    facts.lemmas.emplace_back(base);
  bool word_is_base =
      std::find(facts.lemmas.begin(), facts.lemmas.end(), word) != facts.lemmas.end();
  std::vector<std::string> in_wordnet = facts.lemmas;
  if (!word_is_base) in_wordnet.push_back(word);
  for (std::string& lemma : in_wordnet) {
    IndexPtr index = index_lookup(lemma.data(), pos);
    if (index == nullptr) continue;
    if (lemma == word && !word_is_base) facts.lemmas.push_back(word);
    for (int s = 0; s < index->off_cnt; ++s) {
      long offset = static_cast<long>(index->offset[s]);
      SynsetPtr synset = read_synset(pos, offset, lemma.data());
      if (synset == nullptr) continue;
      int place = synset->whichword;
      facts.synsets.push_back(Synset(pos, offset));
      facts.senses.push_back(Sense(pos, offset, place));
      for (int p = 0; p < synset->ptrcount; ++p) {
        int type = synset->ptrtyp[p];
        int target_pos = synset->ppos[p];
        long target = synset->ptroff[p];
        // A lexical pointer starts at one word of the synset (pfrm); 0 is the whole synset.
        bool from_lemma = synset->pfrm[p] == 0 || synset->pfrm[p] == place;
        if (type == HYPERPTR || type == INSTANCE) {
          facts.hypernyms.push_back(Synset(target_pos, target));
        } else if (type == ANTPTR && from_lemma) {
          facts.antonyms.push_back(Synset(target_pos, target));
        } else if (type == DERIVATION && from_lemma) {
          facts.derived.push_back(Sense(target_pos, target, synset->pto[p]));
        }
      }
      free_synset(synset);
    }
    free_index(index);
  }
  SortUnique(facts.synsets);
  SortUnique(facts.senses);
  SortUnique(facts.hypernyms);
  SortUnique(facts.antonyms);
  SortUnique(facts.derived);
  return facts;
}

// How many senses `lemma` has in part of speech `pos`. Requires: the lock is held.
int SenseCount(std::string& lemma, int pos) {
  IndexPtr index = index_lookup(lemma.data(), pos);
  if (index == nullptr) return 0;
  const int senses = index->off_cnt;
  free_index(index);
  return senses;
}

// Whether `word` is a common noun of its own in WordNet: a sense written in lower case. Names
// do not count: "sessions" is listed for the composer Roger Sessions, "hopes" is not listed.
// Requires: the lock is held.
bool CommonNoun(std::string& word) {
  IndexPtr index = index_lookup(word.data(), NOUN);
  if (index == nullptr) return false;
  bool common = false;
  for (int s = 0; s < index->off_cnt && !common; ++s) {
    SynsetPtr synset = read_synset(NOUN, static_cast<long>(index->offset[s]), word.data());
    if (synset == nullptr) continue;
    const int place = synset->whichword;
    common = place >= 1 && place <= synset->wcount && synset->words[place - 1] != nullptr &&
             !std::isupper(static_cast<unsigned char>(synset->words[place - 1][0]));
    free_synset(synset);
  }
  free_index(index);
  return common;
}

// Whether WordNet knows `lemma` mostly as an adjective: more adjective senses than noun or
// verb senses ("good" 21 / 4 / 0, "right" 14 / 8 / 4; not "clear" 17 / 2 / 24). Requires: the
// lock is held.
bool MostlyAdjective(std::string lemma) {
  const int adjective = SenseCount(lemma, ADJ);
  return adjective > SenseCount(lemma, NOUN) && adjective > SenseCount(lemma, VERB);
}

}  // namespace

Status OpenWordNet() {
  std::lock_guard<std::mutex> hold(WordNetLock());
  if (opened) return Status::Ok();
  // wninit opens the data and index files and the exception lists; a database with no "entity"
  // (the root noun) is not WordNet 3.0 either.
  bool found = wninit() == 0;
  if (found) {
    char root[] = "entity";
    IndexPtr index = index_lookup(root, NOUN);
    found = index != nullptr;
    if (index != nullptr) free_index(index);
  }
  if (!found) {
    const char* folder = std::getenv("WNSEARCHDIR");
    return Status::IoError(
        fmt::format("{}: cannot open the WordNet 3.0 database; install Debian's wordnet-base with "
                    "scripts/install-deps (WNSEARCHDIR names another folder)",
                    folder != nullptr ? folder : "/usr/share/wordnet"));
  }
  for (int pos = NOUN; pos <= ADV; ++pos) {
    ServeFromMemory(indexfps[pos]);
    ServeFromMemory(datafps[pos]);
  }
  opened = true;
  return Status::Ok();
}

WordFacts ReadWordFacts(std::string_view word) {
  WordFacts facts;
  if (!FitsWordNet(word)) return facts;
  std::string key(word);
  std::replace(key.begin(), key.end(), ' ', '_');
  std::lock_guard<std::mutex> hold(WordNetLock());
  ClassFacts& any = facts[4];
  for (int pos = NOUN; pos <= ADV; ++pos) {
    facts[pos - 1] = ReadClass(key, pos);
    const ClassFacts& one = facts[pos - 1];
    for (const std::string& lemma : one.lemmas)
      if (std::find(any.lemmas.begin(), any.lemmas.end(), lemma) == any.lemmas.end())
        any.lemmas.push_back(lemma);
    Append(any.synsets, one.synsets);
    Append(any.senses, one.senses);
    Append(any.hypernyms, one.hypernyms);
    Append(any.antonyms, one.antonyms);
    Append(any.derived, one.derived);
  }
  SortUnique(any.synsets);
  SortUnique(any.senses);
  SortUnique(any.hypernyms);
  SortUnique(any.antonyms);
  SortUnique(any.derived);
  return facts;
}

std::string ReadTermLemma(std::string_view word) {
  if (!FitsWordNet(word)) return std::string();
  std::string key(word);
  std::replace(key.begin(), key.end(), ' ', '_');
  std::lock_guard<std::mutex> hold(WordNetLock());
  if (CommonNoun(key)) return std::string(word);
  bool known = false;
  for (int pos = NOUN; pos <= ADV; ++pos) {
    std::vector<char> buffer(key.begin(), key.end());
    buffer.push_back('\0');
    // morphstr returns a static buffer (or nullptr), overwritten by the next call.
    const char* base = morphstr(buffer.data(), pos);
    if (base != nullptr && key != base) {
      std::string lemma(base);
      if (pos == NOUN && MostlyAdjective(lemma)) return std::string(word);
      std::replace(lemma.begin(), lemma.end(), '_', ' ');
      return lemma;
    }
    known = known || SenseCount(key, pos) > 0;
  }
  return known ? std::string(word) : std::string();
}

bool ReadMostlyNotNoun(std::string_view lemma) {
  if (!FitsWordNet(lemma)) return false;
  std::string key(lemma);
  std::replace(key.begin(), key.end(), ' ', '_');
  std::lock_guard<std::mutex> hold(WordNetLock());
  const int noun = SenseCount(key, NOUN);
  for (int pos = VERB; pos <= ADV; ++pos)
    if (SenseCount(key, pos) > noun) return true;
  return false;
}

}  // namespace refrain::meaning
