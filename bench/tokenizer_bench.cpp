// The tokenizer's speed on real text: the ASCII fast path against ICU alone, with and
// without stop words and stemming. Text: the seed corpus (always), and the first
// 2 MB of UN General Debate speeches when ../shared/corpora is there.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "refrain/tokenizer.h"

namespace {

namespace fs = std::filesystem;

std::vector<std::string> ReadLines(const fs::path& file, size_t max_bytes,
                                   std::vector<std::string> lines = {}) {
  std::ifstream in(file, std::ios::binary);
  size_t bytes = 0;
  for (std::string line; bytes < max_bytes && std::getline(in, line);) {
    if (line.empty()) continue;
    bytes += line.size();
    lines.push_back(std::move(line));
  }
  return lines;
}

const std::vector<std::string>& Seed() {
  static const std::vector<std::string> lines = [] {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(fs::path(REFRAIN_SOURCE_DIR) / "corpus/seed"))
      if (e.path().extension() == ".txt") out = ReadLines(e.path(), SIZE_MAX, std::move(out));
    return out;
  }();
  return lines;
}

const std::vector<std::string>& Ungdc() {
  static const std::vector<std::string> lines = [] {
    std::vector<std::string> out;
    fs::path root = fs::path(REFRAIN_SOURCE_DIR) / "../shared/corpora/ungdc";
    if (!fs::exists(root)) return out;
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(root))
      if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    size_t bytes = 0;
    for (const fs::path& f : files) {
      if (bytes >= (2u << 20)) break;
      out = ReadLines(f, SIZE_MAX, std::move(out));
      bytes = 0;
      for (const std::string& l : out) bytes += l.size();
    }
    return out;
  }();
  return lines;
}

void Tokenize(benchmark::State& state, const std::vector<std::string>& lines,
              refrain::TokenizerOptions options) {
  if (lines.empty()) {
    state.SkipWithError("corpus absent (../shared/corpora)");
    return;
  }
  refrain::Result<refrain::Tokenizer> tokenizer = refrain::Tokenizer::Create(options);
  if (!tokenizer.ok()) {
    state.SkipWithError(tokenizer.status().message().c_str());
    return;
  }
  refrain::TokenList tokens;
  size_t bytes = 0, count = 0;
  for (auto _ : state) {
    for (const std::string& line : lines) {
      tokenizer->Tokenize(line, &tokens);
      count += tokens.size();
      bytes += line.size();
    }
  }
  benchmark::DoNotOptimize(count);
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(static_cast<int64_t>(count));
}

refrain::TokenizerOptions Options(bool fast, bool stop_words = false, bool stem = false) {
  refrain::TokenizerOptions o;
  o.ascii_fast_path = fast;
  o.stop_words = stop_words;
  o.stem = stem;
  return o;
}

void BM_TokenizeSeedFast(benchmark::State& s) { Tokenize(s, Seed(), Options(true)); }
void BM_TokenizeSeedIcu(benchmark::State& s) { Tokenize(s, Seed(), Options(false)); }
void BM_TokenizeUngdcFast(benchmark::State& s) { Tokenize(s, Ungdc(), Options(true)); }
void BM_TokenizeUngdcIcu(benchmark::State& s) { Tokenize(s, Ungdc(), Options(false)); }
void BM_TokenizeUngdcFastStopStem(benchmark::State& s) {
  Tokenize(s, Ungdc(), Options(true, true, true));
}
BENCHMARK(BM_TokenizeSeedFast);
BENCHMARK(BM_TokenizeSeedIcu);
BENCHMARK(BM_TokenizeUngdcFast)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TokenizeUngdcIcu)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TokenizeUngdcFastStopStem)->Unit(benchmark::kMillisecond);

}  // namespace
