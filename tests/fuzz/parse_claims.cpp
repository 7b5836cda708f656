// libFuzzer target: any bytes as one sentence for the claims parser: SplitUdWords, the
// dependency parser (the model the build ships) and ClaimReader::Analyze.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "refrain/claims.h"
#include "refrain/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const refrain::Parser* parser = [] {
    refrain::Result<refrain::Parser> loaded = refrain::Parser::Load();
    if (!loaded.ok()) {
      std::fprintf(stderr, "Parser::Load: %s\n", loaded.status().message().c_str());
      std::abort();
    }
    return new refrain::Parser(std::move(loaded).value());
  }();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  refrain::ClaimReader reader(parser, nullptr);
  reader.Analyze(text);
  return 0;
}
