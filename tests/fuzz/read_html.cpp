// libFuzzer target: any bytes as a .html file (gumbo's tree, the depth cap, visible text
// aligned back onto the bytes).
#include <cstddef>
#include <cstdint>
#include <string>

#include "read/html_text.h"
#include "read/source_text.h"
#include "refrain/types.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  refrain::Document doc;
  doc.path = "fuzz.html";
  doc.bytes.assign(reinterpret_cast<const char*>(data), size);
  refrain::internal::SourceText source(doc.bytes);
  refrain::internal::ReadHtml(source, doc);
  return 0;
}
