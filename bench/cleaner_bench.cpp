// Cleaning alone (web clutter out, blocks kept) on real documents as the reader
// gives them: the seed corpus (always) and, when ../shared/corpora is there,
// china-mfa-presscon (HTML: navigation, forms, repeated furniture, the cleaner's
// main work), wh-briefings (Markdown) and ungdc (plain text). Reading is done
// once, outside the timing; each iteration cleans a fresh copy. segmenter_bench
// times cleaning and segmentation together; the difference is segmentation.
// Arguments: worker threads (1, 2). Bytes processed = visible text; items = blocks.
#include <benchmark/benchmark.h>

#include <string>

#include "bench_corpora.h"
#include "refrain/cleaner.h"
#include "refrain/reader.h"

namespace {

void CleanCorpus(benchmark::State& state, const std::string& name) {
  const refrain::Corpus& read = refrain::bench::ReadOnce(name);
  if (read.documents.empty()) {
    state.SkipWithError("corpus not found");
    return;
  }
  int64_t bytes = 0, blocks = 0;
  for (const refrain::Document& doc : read.documents) {
    bytes += static_cast<int64_t>(doc.text.size());
    blocks += static_cast<int64_t>(doc.blocks.size());
  }
  refrain::CleanerOptions options;
  options.threads = static_cast<int>(state.range(0));
  size_t dropped = 0;
  for (auto _ : state) {
    state.PauseTiming();
    refrain::Corpus corpus = read;
    state.ResumeTiming();
    if (!refrain::Clean(corpus, options).ok()) {
      state.SkipWithError("Clean failed");
      return;
    }
    dropped = corpus.dropped.size();
    benchmark::DoNotOptimize(corpus.dropped.data());
  }
  state.SetBytesProcessed(state.iterations() * bytes);
  state.SetItemsProcessed(state.iterations() * blocks);
  state.counters["documents"] = static_cast<double>(read.documents.size());
  state.counters["dropped"] = static_cast<double>(dropped);
}

void BM_CleanSeed(benchmark::State& state) { CleanCorpus(state, "seed"); }
void BM_CleanChinaMfa(benchmark::State& state) { CleanCorpus(state, "china-mfa-presscon"); }
void BM_CleanWhBriefings(benchmark::State& state) { CleanCorpus(state, "wh-briefings"); }
void BM_CleanUngdc(benchmark::State& state) { CleanCorpus(state, "ungdc"); }

BENCHMARK(BM_CleanSeed)->Arg(1)->Arg(2)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_CleanChinaMfa)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();
BENCHMARK(BM_CleanWhBriefings)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();
BENCHMARK(BM_CleanUngdc)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();

}  // namespace
