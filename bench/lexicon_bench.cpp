// Lexicon::Relate's speed on the seed corpus's words, with its per-word cache empty (cold: every
// distinct word read from WordNet under the lock and looked up in the mapped vectors) and full
// (warm: two hash lookups and a few sorted-list meets), on one thread and two; and the resident
// memory an opened Lexicon adds, before and after it has cached the words.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "bench_corpora.h"
#include "refrain/lexicon.h"
#include "refrain/tokenizer.h"

namespace {

using refrain::Lexicon;
using refrain::WordClass;

// The seed's distinct words, stop words out, and pairs of them: each word with 16 others spread
// over the list (the pairs a claims aligner asks about are mostly unrelated words).
const std::vector<std::pair<std::string, std::string>>& SeedPairs() {
  static const std::vector<std::pair<std::string, std::string>> pairs = [] {
    refrain::TokenizerOptions options;
    options.stop_words = true;
    refrain::Result<refrain::Tokenizer> tokenizer = refrain::Tokenizer::Create(options);
    std::set<std::string> distinct;
    for (const refrain::Document& document : refrain::bench::ReadOnce("seed").documents)
      for (std::string& word : tokenizer->Tokenize(document.text.text()))
        if (std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
          distinct.insert(std::move(word));
    std::vector<std::string> words(distinct.begin(), distinct.end());
    std::vector<std::pair<std::string, std::string>> out;
    for (size_t i = 0; i < words.size(); ++i)
      for (size_t k = 1; k <= 16; ++k)
        out.emplace_back(words[i], words[(i * 7919 + k * 104729) % words.size()]);
    return out;
  }();
  return pairs;
}

// This process's resident memory in MB (/proc/self/statm, in pages): all of it, and the part
// that is not file-backed (the mapped vectors' pages are shared and the kernel may drop them).
struct Resident {
  double all = 0, anonymous = 0;
};
Resident ResidentMb() {
  std::ifstream statm("/proc/self/statm");
  size_t total = 0, resident = 0, shared = 0;
  statm >> total >> resident >> shared;
  double page = static_cast<double>(sysconf(_SC_PAGESIZE)) / 1e6;
  return {static_cast<double>(resident) * page, static_cast<double>(resident - shared) * page};
}

size_t RelateAll(const Lexicon& lexicon) {
  size_t related = 0;
  for (const auto& [a, b] : SeedPairs())
    related += lexicon.Relate(a, b, WordClass::kAny).relation != refrain::WordRelation::kNone;
  return related;
}

// Each iteration opens a fresh Lexicon (its cache empty; WordNet's files and the vectors' pages
// stay in the OS's cache, as they would for a second run).
void BM_RelateCold(benchmark::State& state) {
  size_t pairs = SeedPairs().size(), related = 0, words = 0;
  Resident before = ResidentMb(), opened, filled;
  for (auto _ : state) {
    state.PauseTiming();
    refrain::Result<Lexicon> lexicon = Lexicon::Open({});
    if (!lexicon.ok()) {
      state.SkipWithError(lexicon.status().message().c_str());
      return;
    }
    opened = ResidentMb();
    state.ResumeTiming();
    related = RelateAll(*lexicon);
    state.PauseTiming();
    filled = ResidentMb();
    words = lexicon->cached_words();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * pairs));
  state.counters["pairs"] = static_cast<double>(pairs);
  state.counters["related"] = static_cast<double>(related);
  state.counters["words"] = static_cast<double>(words);
  state.counters["rss_open_MB"] = opened.all - before.all;
  state.counters["rss_cached_MB"] = filled.all - before.all;
  state.counters["anon_cached_MB"] = filled.anonymous - before.anonymous;
}
BENCHMARK(BM_RelateCold)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_RelateWarm(benchmark::State& state) {
  static refrain::Result<Lexicon> lexicon = Lexicon::Open({});
  if (!lexicon.ok()) {
    state.SkipWithError(lexicon.status().message().c_str());
    return;
  }
  if (state.thread_index() == 0) benchmark::DoNotOptimize(RelateAll(*lexicon));  // fills the cache
  for (auto _ : state) benchmark::DoNotOptimize(RelateAll(*lexicon));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * SeedPairs().size()));
}
BENCHMARK(BM_RelateWarm)->Unit(benchmark::kMillisecond)->Threads(1)->Threads(2)->UseRealTime();

}  // namespace
