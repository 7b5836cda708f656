// libFuzzer target: any bytes (valid UTF-8 or not) through the tokenizer, with the ASCII fast
// path, without it (ICU throughout), and with stop words and stemming.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "refrain/tokenizer.h"

namespace {

refrain::Tokenizer Make(bool fast, bool stop_stem) {
  refrain::TokenizerOptions options;
  options.ascii_fast_path = fast;
  options.stop_words = options.stem = stop_stem;
  refrain::Result<refrain::Tokenizer> made = refrain::Tokenizer::Create(options);
  if (!made.ok()) {
    std::fprintf(stderr, "Tokenizer::Create: %s\n", made.status().message().c_str());
    std::abort();
  }
  return std::move(made).value();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::vector<refrain::Tokenizer> tokenizers = [] {
    std::vector<refrain::Tokenizer> all;
    all.push_back(Make(true, false));
    all.push_back(Make(false, false));
    all.push_back(Make(true, true));
    return all;
  }();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  refrain::TokenList tokens;
  for (refrain::Tokenizer& t : tokenizers) t.Tokenize(text, &tokens);
  return 0;
}
