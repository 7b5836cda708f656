// libFuzzer target: any bytes as a .txt file (the reader's plain-text layout and page-furniture
// look-ahead). Must not crash, leak, or take more than the fuzzer's timeout.
#include <cstddef>
#include <cstdint>
#include <string>

#include "read/plain_text.h"
#include "read/source_text.h"
#include "refrain/types.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  refrain::Document doc;
  doc.path = "fuzz.txt";
  doc.bytes.assign(reinterpret_cast<const char*>(data), size);
  refrain::internal::SourceText source(doc.bytes);
  refrain::internal::ReadPlainText(source, doc);
  return 0;
}
