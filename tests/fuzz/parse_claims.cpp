// libFuzzer target: any bytes as one sentence for the claims parser: SplitUdWords, the
// dependency parser (the model the build ships) and ClaimReader::Analyze.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "refrain/claims.h"
#include "refrain/parser.h"

namespace {
const refrain::Parser* parser = nullptr;
}  // namespace

// The model (12 MB) is loaded once before fuzzing starts, outside the per-input timeout: under
// ASan on a loaded machine the load alone took over 10 s and was reported as a timeout of the
// first (empty) input.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  refrain::Result<refrain::Parser> loaded = refrain::Parser::Load();
  if (!loaded.ok()) {
    std::fprintf(stderr, "Parser::Load: %s\n", loaded.status().message().c_str());
    std::abort();
  }
  parser = new refrain::Parser(std::move(loaded).value());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  refrain::ClaimReader reader(parser, nullptr);
  reader.Analyze(text);
  return 0;
}
