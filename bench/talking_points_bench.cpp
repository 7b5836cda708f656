// Talking points on real text: the matcher's build (clauses, aliases, stemming,
// vectors) and the clustering around cores (FindTalkingPoints), timed apart. Text:
// the seed corpus (always) and every Nth document of wh-briefings when
// ../shared/corpora is there. The corpus is loaded once, outside the timing; the
// clustering reuses one matcher whose index is built before timing starts.
// Items = units (clauses) grouped; bytes = statement text.
//   build/bench/talking_points_bench --benchmark_filter=Cluster
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <vector>

#include "refrain/corpus.h"
#include "refrain/matcher.h"
#include "refrain/talking_points.h"

namespace refrain {
namespace {

namespace fs = std::filesystem;

// The corpus of every `step`th wh-briefings document (step 0: the seed corpus), loaded once;
// nullptr when absent.
const Corpus* Load(int step) {
  static std::map<int, std::unique_ptr<Corpus>> cache;
  if (auto it = cache.find(step); it != cache.end()) return it->second.get();
  std::vector<fs::path> inputs;
  if (step == 0) {
    inputs.push_back(fs::path(REFRAIN_SOURCE_DIR) / "corpus/seed");
  } else {
    const fs::path root = fs::path(REFRAIN_SOURCE_DIR) / "../shared/corpora/wh-briefings";
    if (!fs::exists(root)) return (cache[step] = nullptr).get();
    std::vector<fs::path> all;
    for (const auto& entry : fs::recursive_directory_iterator(root))
      if (entry.path().extension() == ".md") all.push_back(entry.path());
    std::sort(all.begin(), all.end());
    for (size_t i = 0; i < all.size(); i += step) inputs.push_back(all[i]);
  }
  CorpusOptions options;
  options.reader.undated = ReaderOptions::Undated::kKeep;
  Result<Corpus> corpus = LoadCorpus(inputs, options);
  if (!corpus.ok()) return (cache[step] = nullptr).get();
  return (cache[step] = std::make_unique<Corpus>(std::move(corpus).value())).get();
}

int64_t TextBytes(const Corpus& corpus) {
  int64_t bytes = 0;
  for (const Statement& s : corpus.statements) bytes += static_cast<int64_t>(s.text.size());
  return bytes;
}

// range(0): 0 for the seed corpus, else take every range(0)th wh-briefings document.
void BM_MatcherBuild(benchmark::State& state) {
  const Corpus* corpus = Load(static_cast<int>(state.range(0)));
  if (corpus == nullptr) {
    state.SkipWithError("../shared/corpora/wh-briefings is absent");
    return;
  }
  size_t units = 0;
  for (auto _ : state) {
    Result<Matcher> matcher = Matcher::Build(*corpus, MatchOptions{});
    if (!matcher.ok()) {
      state.SkipWithError(matcher.status().message().c_str());
      return;
    }
    units = matcher->units().size();
    benchmark::DoNotOptimize(units);
  }
  state.SetBytesProcessed(state.iterations() * TextBytes(*corpus));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * units));
  state.counters["statements"] = static_cast<double>(corpus->statements.size());
  state.counters["units"] = static_cast<double>(units);
}

void BM_ClusterTalkingPoints(benchmark::State& state) {
  const Corpus* corpus = Load(static_cast<int>(state.range(0)));
  if (corpus == nullptr) {
    state.SkipWithError("../shared/corpora/wh-briefings is absent");
    return;
  }
  Result<Matcher> matcher = Matcher::Build(*corpus, MatchOptions{});
  if (!matcher.ok()) {
    state.SkipWithError(matcher.status().message().c_str());
    return;
  }
  benchmark::DoNotOptimize(&matcher->index());  // built here, not in the timed loop
  size_t points = 0, stock = 0;
  for (auto _ : state) {
    Result<TalkingPoints> found = FindTalkingPoints(*corpus, *matcher, TalkingPointsOptions{});
    if (!found.ok()) {
      state.SkipWithError(found.status().message().c_str());
      return;
    }
    points = found->points.size();
    stock = found->stock_phrases.size();
  }
  state.SetBytesProcessed(state.iterations() * TextBytes(*corpus));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * matcher->units().size()));
  state.counters["units"] = static_cast<double>(matcher->units().size());
  state.counters["points"] = static_cast<double>(points);
  state.counters["stock"] = static_cast<double>(stock);
}

BENCHMARK(BM_MatcherBuild)->Arg(0)->Arg(40)->Arg(10)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ClusterTalkingPoints)
    ->Arg(0)
    ->Arg(40)
    ->Arg(10)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace refrain
