// The tokenizer's fast path against ICU on every line of every file of the shared
// corpora (../shared/corpora: wh-briefings Markdown, ungdc text, china-mfa-presscon
// raw HTML), read raw, byte for byte. Tagged [shared]: skipped when the corpora are absent.
// About 120 MB: some ten seconds in a Release build, no sampling.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "refrain/tokenizer.h"

namespace refrain {
namespace {

namespace fs = std::filesystem;

TEST_CASE("the fast path equals ICU on every line of the shared corpora", "[tokenizer][shared]") {
  const fs::path root = fs::path(REFRAIN_SOURCE_DIR) / ".." / "shared" / "corpora";
  REQUIRE(fs::exists(root));
  Result<Tokenizer> fast = Tokenizer::Create();
  TokenizerOptions icu_options;
  icu_options.ascii_fast_path = false;
  Result<Tokenizer> icu = Tokenizer::Create(icu_options);
  REQUIRE(fast.ok());
  REQUIRE(icu.ok());
  std::vector<fs::path> files;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::map<std::string, size_t> lines_by_corpus;
  size_t tokens = 0, mismatches = 0;
  TokenList a, b;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    REQUIRE(in);
    const std::string corpus = fs::relative(file, root).begin()->string();
    size_t line_number = 0;
    for (std::string line; std::getline(in, line);) {
      ++line_number;
      fast->Tokenize(line, &a);
      icu->Tokenize(line, &b);
      tokens += b.size();
      ++lines_by_corpus[corpus];
      bool same = a.size() == b.size();
      for (size_t i = 0; same && i < a.size(); ++i) same = a[i] == b[i];
      if (!same && ++mismatches <= 10) {
        // Names the place only: china-mfa-presscon's text must not be copied anywhere.
        FAIL_CHECK(fs::relative(file, root).string()
                   << " line " << line_number << ": the fast path differs from ICU");
      }
    }
  }
  CHECK(mismatches == 0);
  for (const char* corpus : {"wh-briefings", "ungdc", "china-mfa-presscon"}) {
    INFO(corpus);
    CHECK(lines_by_corpus[corpus] > 1000);
  }
  CHECK(tokens > 10'000'000);
}

}  // namespace
}  // namespace refrain
