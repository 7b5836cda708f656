#include "refrain/lexicon.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <utility>

#include "meaning/vectors.h"
#include "meaning/wordnet.h"
#include "util/text.h"

namespace refrain {
namespace {

constexpr const char* kVectorsFile = "glove-6b-100d.rvec";

bool Exists(const std::string& path) {
  struct stat info;
  return ::stat(path.c_str(), &info) == 0;
}

// True when the two sorted lists share a value.
bool Meet(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  auto i = a.begin(), j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (*i == *j) return true;
    if (*i < *j) {
      ++i;
    } else {
      ++j;
    }
  }
  return false;
}

// One bit per id (a hash of it mod 64): two lists whose masks share no bit cannot meet, which
// settles most pairs of unrelated words without walking the lists.
uint64_t MaskOf(const std::vector<uint64_t>& ids) {
  uint64_t mask = 0;
  for (uint64_t id : ids) mask |= uint64_t{1} << ((id * 0x9E3779B97F4A7C15ull) >> 58);
  return mask;
}

struct ClassMasks {
  uint64_t synsets = 0, senses = 0, hypernyms = 0, antonyms = 0, derived = 0;
};

// True when the two sorted lists share a value; their masks first.
bool Meet(const std::vector<uint64_t>& a, uint64_t mask_a, const std::vector<uint64_t>& b,
          uint64_t mask_b) {
  return (mask_a & mask_b) != 0 && Meet(a, b);
}

// A word's cached facts: WordNet's, and the row of its GloVe vector (its lemma's when the word
// has none), read once.
struct WordEntry {
  meaning::WordFacts facts;
  std::array<ClassMasks, 5> masks;
  int32_t vector = meaning::WordVectors::kNoWord;
};

using text::StringHash;

// The cache is split into shards, each with its own reader-writer lock, so that threads relating
// different words rarely wait on each other; a hit takes a shared lock only.
constexpr size_t kShards = 64;
struct Shard {
  mutable std::shared_mutex lock;
  std::unordered_map<std::string, std::unique_ptr<const WordEntry>, StringHash, std::equal_to<>>
      entries;
  // TermLemma's answers: a theme vocabulary asks for every distinct word of a corpus.
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> term_lemmas;
};

}  // namespace

struct Lexicon::State {
  LexiconOptions options;
  meaning::WordVectors vectors;
  std::array<Shard, kShards> shards;

  explicit State(LexiconOptions o, meaning::WordVectors v)
      : options(std::move(o)), vectors(std::move(v)) {}

  // Requires: `word` is lower case. Entries are never removed, so the pointer stays valid as
  // long as the Lexicon.
  const WordEntry& Entry(std::string_view word) {
    Shard& shard = shards[StringHash{}(word) % kShards];
    {
      std::shared_lock<std::shared_mutex> read(shard.lock);
      auto found = shard.entries.find(word);
      if (found != shard.entries.end()) return *found->second;
    }
    // Read outside the shard's lock (WordNet has its own): two threads may read the same word
    // at once, and the first to insert wins.
    auto entry = std::make_unique<WordEntry>();
    entry->facts = meaning::ReadWordFacts(word);
    for (size_t c = 0; c < entry->facts.size(); ++c) {
      const meaning::ClassFacts& facts = entry->facts[c];
      entry->masks[c] = {MaskOf(facts.synsets), MaskOf(facts.senses), MaskOf(facts.hypernyms),
                         MaskOf(facts.antonyms), MaskOf(facts.derived)};
    }
    entry->vector = vectors.Find(word);
    for (size_t c = 0; c < 4 && entry->vector == meaning::WordVectors::kNoWord; ++c)
      if (!entry->facts[c].lemmas.empty()) entry->vector = vectors.Find(entry->facts[c].lemmas[0]);
    std::unique_lock<std::shared_mutex> write(shard.lock);
    auto [at, inserted] = shard.entries.try_emplace(std::string(word), std::move(entry));
    return *at->second;
  }
};

std::string LexiconVectorsPath(const LexiconOptions& options) {
  if (!options.data_dir.empty()) return options.data_dir + "/" + kVectorsFile;
  if (const char* dir = std::getenv("REFRAIN_DATA_DIR"); dir != nullptr && *dir != '\0')
    return std::string(dir) + "/" + kVectorsFile;
  std::string in_source = std::string(REFRAIN_SOURCE_DATA_DIR) + "/" + kVectorsFile;
  std::string installed = std::string(REFRAIN_INSTALLED_DATA_DIR) + "/" + kVectorsFile;
  if (!Exists(in_source) && Exists(installed)) return installed;
  return in_source;
}

Result<Lexicon> Lexicon::Open(const LexiconOptions& options) {
  REFRAIN_RETURN_IF_ERROR(meaning::OpenWordNet());
  Result<meaning::WordVectors> vectors = meaning::WordVectors::Open(LexiconVectorsPath(options));
  if (!vectors.ok()) return vectors.status();
  return Lexicon(std::make_unique<State>(options, std::move(*vectors)));
}

Lexicon::Lexicon(std::unique_ptr<State> state) : state_(std::move(state)) {}
Lexicon::Lexicon(Lexicon&& other) noexcept = default;
Lexicon& Lexicon::operator=(Lexicon&& other) noexcept = default;
Lexicon::~Lexicon() = default;

std::string Lexicon::Lemma(std::string_view word, WordClass word_class) const {
  std::string lower = text::AsciiLower(word);
  const WordEntry& entry = state_->Entry(lower);
  const std::vector<std::string>& lemmas = entry.facts[static_cast<size_t>(word_class)].lemmas;
  return lemmas.empty() ? lower : lemmas.front();
}

std::string Lexicon::TermLemma(std::string_view word) const {
  std::string lower = text::AsciiLower(word);
  Shard& shard = state_->shards[StringHash{}(lower) % kShards];
  {
    std::shared_lock<std::shared_mutex> read(shard.lock);
    auto found = shard.term_lemmas.find(lower);
    if (found != shard.term_lemmas.end()) return found->second;
  }
  // The lower-cased word, not its Snowball stem, where WordNet does not know it: such words are
  // names and acronyms ("lijian", "asean", "covid", "brics"), which do not inflect, and a stem
  // would cut them ("brics" -> "bric") and show a form nobody writes.
  // WordNet's lemmas are ASCII letters with '-', '\'' and '.': numbers ("2030") and words of
  // other scripts are not looked up, which spares a corpus's many distinct ones the lock.
  const bool may_know = std::any_of(lower.begin(), lower.end(), text::IsAsciiLower) &&
                        std::all_of(lower.begin(), lower.end(), [](char c) {
                          return text::IsAsciiLower(c) || c == '-' || c == '\'' || c == '.';
                        });
  std::string lemma = may_know ? meaning::ReadTermLemma(lower) : std::string();
  if (lemma.empty()) lemma = lower;
  std::unique_lock<std::shared_mutex> write(shard.lock);
  return shard.term_lemmas.try_emplace(std::move(lower), std::move(lemma)).first->second;
}

WordLink Lexicon::Relate(std::string_view a, std::string_view b, WordClass word_class) const {
  std::string lower_a = text::AsciiLower(a), lower_b = text::AsciiLower(b);
  if (lower_a.empty() || lower_b.empty()) return {};
  if (lower_a == lower_b) return {WordRelation::kSame, 1.0};
  const LexiconOptions& options = state_->options;
  const WordEntry& entry_a = state_->Entry(lower_a);
  const WordEntry& entry_b = state_->Entry(lower_b);
  const auto c = static_cast<size_t>(word_class);
  const meaning::ClassFacts& fa = entry_a.facts[c];
  const meaning::ClassFacts& fb = entry_b.facts[c];
  const ClassMasks& ma = entry_a.masks[c];
  const ClassMasks& mb = entry_b.masks[c];
  // A word WordNet does not know is its own lemma.
  auto has_lemma = [](const meaning::ClassFacts& facts, const std::string& word,
                      const std::string& lemma) {
    return lemma == word ||
           std::find(facts.lemmas.begin(), facts.lemmas.end(), lemma) != facts.lemmas.end();
  };
  bool same_lemma = has_lemma(fa, lower_a, lower_b) || has_lemma(fb, lower_b, lower_a);
  for (const std::string& lemma : fa.lemmas)
    same_lemma = same_lemma || has_lemma(fb, lower_b, lemma);
  if (same_lemma) return {WordRelation::kLemma, 1.0};
  if (Meet(fa.antonyms, ma.antonyms, fb.synsets, mb.synsets) ||
      Meet(fb.antonyms, mb.antonyms, fa.synsets, ma.synsets))
    return {WordRelation::kAntonym, options.antonym_weight};
  // Derivations cross word classes by nature (a verb to its noun), so they are looked up in
  // every class whatever `word_class` says.
  const meaning::ClassFacts& all_a = entry_a.facts[4];
  const meaning::ClassFacts& all_b = entry_b.facts[4];
  if (Meet(all_a.derived, entry_a.masks[4].derived, all_b.senses, entry_b.masks[4].senses) ||
      Meet(all_b.derived, entry_b.masks[4].derived, all_a.senses, entry_a.masks[4].senses))
    return {WordRelation::kDerivation, options.derivation_weight};
  if (Meet(fa.synsets, ma.synsets, fb.synsets, mb.synsets))
    return {WordRelation::kSynonym, options.synonym_weight};
  if (Meet(fa.hypernyms, ma.hypernyms, fb.synsets, mb.synsets) ||
      Meet(fb.hypernyms, mb.hypernyms, fa.synsets, ma.synsets))
    return {WordRelation::kHypernym, options.hypernym_weight};
  if (entry_a.vector != meaning::WordVectors::kNoWord &&
      entry_b.vector != meaning::WordVectors::kNoWord) {
    double cosine = state_->vectors.Cosine(entry_a.vector, entry_b.vector);
    if (cosine >= options.vector_threshold)
      return {WordRelation::kVector, std::clamp(cosine * options.vector_weight, 0.0, 1.0)};
  }
  return {};
}

std::optional<double> Lexicon::Cosine(std::string_view a, std::string_view b) const {
  const WordEntry& entry_a = state_->Entry(text::AsciiLower(a));
  const WordEntry& entry_b = state_->Entry(text::AsciiLower(b));
  if (entry_a.vector == meaning::WordVectors::kNoWord ||
      entry_b.vector == meaning::WordVectors::kNoWord)
    return std::nullopt;
  return state_->vectors.Cosine(entry_a.vector, entry_b.vector);
}

size_t Lexicon::cached_words() const {
  size_t words = 0;
  for (const Shard& shard : state_->shards) {
    std::shared_lock<std::shared_mutex> read(shard.lock);
    words += shard.entries.size();
  }
  return words;
}

const std::string& Lexicon::vectors_path() const { return state_->vectors.path(); }
size_t Lexicon::vector_words() const { return state_->vectors.size(); }

}  // namespace refrain
