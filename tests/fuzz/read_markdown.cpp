// libFuzzer target: any bytes as a .md file (front matter, then blocks and inline markup).
#include <cstddef>
#include <cstdint>
#include <string>

#include "read/markdown_text.h"
#include "read/source_text.h"
#include "refrain/types.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  refrain::Document doc;
  doc.path = "fuzz.md";
  doc.bytes.assign(reinterpret_cast<const char*>(data), size);
  refrain::internal::SourceText source(doc.bytes);
  refrain::internal::ReadMarkdown(source, doc);
  return 0;
}
