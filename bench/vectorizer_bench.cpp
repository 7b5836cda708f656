// FitTransform's speed on real text as the corpus grows, on one thread and on all:
// the seed corpus's lines, copied with a number appended so copies differ, from 1k
// to 64k statements. Wall-clock time (UseRealTime): the threads are the point.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "refrain/vectorizer.h"

namespace {

namespace fs = std::filesystem;

std::vector<std::string> Statements(size_t count) {
  static const std::vector<std::string> seed = [] {
    std::vector<std::string> lines;
    std::ifstream in(fs::path(REFRAIN_SOURCE_DIR) / "tests/data/vectorizer/statements.txt");
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }();
  std::vector<std::string> out;
  out.reserve(count);
  for (size_t i = 0; !seed.empty() && out.size() < count; ++i)
    out.push_back(seed[i % seed.size()] + " " + std::to_string(i / seed.size()));
  return out;
}

void Vectorize(benchmark::State& state, int threads) {
  std::vector<std::string> statements = Statements(static_cast<size_t>(state.range(0)));
  if (statements.empty()) {
    state.SkipWithError("tests/data/vectorizer/statements.txt absent");
    return;
  }
  std::vector<std::string_view> views(statements.begin(), statements.end());
  size_t bytes = 0;
  for (const std::string& s : statements) bytes += s.size();
  refrain::VectorizerOptions options;
  options.threads = threads;
  int64_t nnz = 0;
  for (auto _ : state) {
    refrain::Vectorizer vectorizer(options);
    refrain::Result<refrain::TfidfMatrix> matrix = vectorizer.FitTransform(views);
    if (!matrix.ok()) {
      state.SkipWithError(matrix.status().message().c_str());
      return;
    }
    nnz = matrix->nonZeros();
  }
  state.counters["nonzeros"] = static_cast<double>(nnz);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * statements.size()));
}

void BM_VectorizeOneThread(benchmark::State& s) { Vectorize(s, 1); }
void BM_VectorizeAllCores(benchmark::State& s) { Vectorize(s, 0); }
BENCHMARK(BM_VectorizeOneThread)
    ->RangeMultiplier(4)
    ->Range(1 << 10, 1 << 16)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_VectorizeAllCores)
    ->RangeMultiplier(4)
    ->Range(1 << 10, 1 << 16)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
