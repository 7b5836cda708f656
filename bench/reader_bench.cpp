// Reading whole corpora: files found, read, their formats turned into mapped text
// and blocks. The seed corpus always; wh-briefings (Markdown), ungdc (plain text)
// and china-mfa-presscon (HTML) when ../shared/corpora is there. Argument: reading
// threads (1, 2). And --lines on a generated file of one million lines of ungdc
// prose, the form the scale benchmarks read. Bytes processed = file bytes.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "bench_corpora.h"
#include "refrain/reader.h"

namespace {

namespace fs = std::filesystem;

void ReadWhole(benchmark::State& state, const std::string& name) {
  const fs::path root = refrain::bench::CorpusRoot(name);
  if (!fs::exists(root)) {
    state.SkipWithError("corpus not found");
    return;
  }
  refrain::ReaderOptions options;
  options.undated = refrain::ReaderOptions::Undated::kKeep;
  options.threads = static_cast<int>(state.range(0));
  int64_t bytes = 0;
  size_t documents = 0;
  for (auto _ : state) {
    refrain::Result<refrain::Corpus> corpus = refrain::ReadCorpus({root}, options);
    if (!corpus.ok()) {
      state.SkipWithError(corpus.status().message().c_str());
      return;
    }
    bytes = 0;
    for (const refrain::Document& d : corpus->documents) bytes += d.bytes.size();
    documents = corpus->documents.size();
    benchmark::DoNotOptimize(corpus->documents.data());
  }
  state.SetBytesProcessed(bytes * state.iterations());
  state.counters["documents"] = static_cast<double>(documents);
}

void BM_ReadSeed(benchmark::State& state) { ReadWhole(state, "seed"); }
void BM_ReadWhBriefings(benchmark::State& state) { ReadWhole(state, "wh-briefings"); }
void BM_ReadUngdc(benchmark::State& state) { ReadWhole(state, "ungdc"); }
void BM_ReadChinaMfa(benchmark::State& state) { ReadWhole(state, "china-mfa-presscon"); }
BENCHMARK(BM_ReadSeed)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadWhBriefings)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadUngdc)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadChinaMfa)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

// A temp file of `lines` lines, each 10..40 words drawn (fixed seed) from a real
// speech (ungdc CHN_79_2024 when present, else the seed corpus). Removed at exit.
const fs::path& LinesFile(int64_t lines) {
  static fs::path file;
  if (!file.empty()) return file;
  fs::path source =
      refrain::bench::CorpusRoot("ungdc") / "TXT" / "Session 79 - 2024" / "CHN_79_2024.txt";
  if (!fs::exists(source)) source = refrain::bench::CorpusRoot("seed") / "003_58374e1ec3d5b376.txt";
  std::ifstream in(source, std::ios::binary);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  file = fs::temp_directory_path() / ("refrain_reader_bench_" + std::to_string(getpid()) + ".txt");
  std::ofstream out(file, std::ios::binary);
  std::mt19937 rng(1);
  for (int64_t i = 0; i < lines; ++i) {
    const int n = 10 + static_cast<int>(rng() % 31);
    for (int k = 0; k < n; ++k) out << (k ? " " : "") << words[rng() % words.size()];
    out << '\n';
  }
  static struct Cleanup {
    ~Cleanup() {
      std::error_code ec;
      fs::remove(file, ec);
    }
  } cleanup;
  return file;
}

void BM_ReadLines(benchmark::State& state) {
  const fs::path& file = LinesFile(state.range(0));
  refrain::ReaderOptions options;
  options.lines = true;
  size_t statements = 0;
  for (auto _ : state) {
    refrain::Result<refrain::Corpus> corpus = refrain::ReadCorpus({file}, options);
    if (!corpus.ok()) {
      state.SkipWithError(corpus.status().message().c_str());
      return;
    }
    statements = corpus->statements.size();
    benchmark::DoNotOptimize(corpus->statements.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(fs::file_size(file)) * state.iterations());
  state.SetItemsProcessed(static_cast<int64_t>(statements) * state.iterations());
}
BENCHMARK(BM_ReadLines)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace
