// The similarity kernels on real text: the sentences of the wh-briefings corpus
// (../shared/corpora, every Nth document), vectorised as `refrain pairs` does,
// and all pairs found at a threshold, pruned vs exhaustive. Items are rows.
//   build/bench/similarity_bench --benchmark_filter=AllPairs
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <vector>

#include "refrain/corpus.h"
#include "refrain/similarity.h"
#include "refrain/vectorizer.h"

namespace refrain {
namespace {

namespace fs = std::filesystem;

// The matrix of every `step`th wh-briefings document, built once per step.
const TfidfMatrix* WhBriefings(int step) {
  static std::map<int, TfidfMatrix> cache;
  if (auto it = cache.find(step); it != cache.end()) return &it->second;
  const fs::path root =
      fs::path(REFRAIN_SOURCE_DIR).parent_path() / "shared" / "corpora" / "wh-briefings";
  if (!fs::exists(root)) return nullptr;
  std::vector<fs::path> all, files;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.path().extension() == ".md") all.push_back(entry.path());
  std::sort(all.begin(), all.end());
  for (size_t i = 0; i < all.size(); i += step) files.push_back(all[i]);
  CorpusOptions options;
  options.reader.undated = ReaderOptions::Undated::kKeep;
  Result<Corpus> corpus = LoadCorpus(files, options);
  if (!corpus.ok()) return nullptr;
  Vectorizer vectorizer;
  Result<TfidfMatrix> matrix = vectorizer.FitTransform(corpus->statements);
  if (!matrix.ok()) return nullptr;
  return &(cache[step] = std::move(matrix).value());
}

// range(0): take every range(0)th document; range(1): threshold in hundredths.
void AllPairs(benchmark::State& state, SimilarityKernel kernel) {
  const TfidfMatrix* matrix = WhBriefings(static_cast<int>(state.range(0)));
  if (matrix == nullptr) {
    state.SkipWithError("../shared/corpora/wh-briefings is absent");
    return;
  }
  const double threshold = state.range(1) / 100.0;
  SimilarityOptions options;
  options.kernel = kernel;
  options.min_threshold = threshold;
  uint64_t pairs = 0;
  for (auto _ : state) {
    Result<std::unique_ptr<SimilarityIndex>> index = BuildSimilarityIndex(*matrix, options);
    Status status = (*index)->AllPairs(threshold, [&pairs](std::span<const ScoredPair> batch) {
      pairs += batch.size();
      return Status::Ok();
    });
    benchmark::DoNotOptimize(status.ok());
  }
  state.SetItemsProcessed(state.iterations() * matrix->rows());
  state.counters["rows"] = static_cast<double>(matrix->rows());
  state.counters["pairs"] = static_cast<double>(pairs) / state.iterations();
}

void BM_AllPairsPruned(benchmark::State& state) { AllPairs(state, SimilarityKernel::kPruned); }
void BM_AllPairsExhaustive(benchmark::State& state) {
  AllPairs(state, SimilarityKernel::kExhaustive);
}

BENCHMARK(BM_AllPairsPruned)->ArgsProduct({{40, 10, 3}, {50, 80}})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AllPairsExhaustive)->ArgsProduct({{40, 10}, {50}})->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace refrain
