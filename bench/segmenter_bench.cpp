// Cleaning and sentence segmentation on real documents, as read by the reader:
// the seed corpus (always) and, when ../shared/corpora is there, the whole of
// wh-briefings (41 MB of Markdown) and ungdc (61 MB of text). Reading is done once,
// outside the timing; each iteration cleans and segments a fresh copy.
// Arguments: worker threads (1, 2); bytes processed = visible text.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench_corpora.h"
#include "refrain/cleaner.h"
#include "refrain/reader.h"
#include "refrain/segmenter.h"

namespace {

void CleanAndSegment(benchmark::State& state, const std::string& name) {
  const refrain::Corpus& read = refrain::bench::ReadOnce(name);
  if (read.documents.empty()) {
    state.SkipWithError("corpus not found");
    return;
  }
  int64_t bytes = 0;
  for (const refrain::Document& doc : read.documents) bytes += doc.text.size();
  refrain::CleanerOptions clean;
  refrain::SegmenterOptions segment;
  clean.threads = segment.threads = static_cast<int>(state.range(0));
  size_t statements = 0;
  for (auto _ : state) {
    state.PauseTiming();
    refrain::Corpus corpus = read;
    state.ResumeTiming();
    if (!refrain::Clean(corpus, clean).ok() || !refrain::Segment(corpus, segment).ok()) {
      state.SkipWithError("failed");
      return;
    }
    statements = corpus.statements.size();
    benchmark::DoNotOptimize(corpus.statements.data());
  }
  state.SetBytesProcessed(state.iterations() * bytes);
  state.counters["statements"] = static_cast<double>(statements);
}

void BM_CleanSegmentSeed(benchmark::State& state) { CleanAndSegment(state, "seed"); }
void BM_CleanSegmentWhBriefings(benchmark::State& state) { CleanAndSegment(state, "wh-briefings"); }
void BM_CleanSegmentUngdc(benchmark::State& state) { CleanAndSegment(state, "ungdc"); }

BENCHMARK(BM_CleanSegmentSeed)->Arg(1)->Arg(2)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_CleanSegmentWhBriefings)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();
BENCHMARK(BM_CleanSegmentUngdc)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();

}  // namespace
