// libFuzzer target: any bytes as the YAML front matter of a .md file (between "---" lines), so
// that every input reaches yaml-cpp and the metadata it gives, not only those starting "---".
#include <cstddef>
#include <cstdint>
#include <string>

#include "read/markdown_text.h"
#include "read/source_text.h"
#include "refrain/types.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  refrain::Document doc;
  doc.path = "fuzz.md";
  doc.bytes = "---\n";
  doc.bytes.append(reinterpret_cast<const char*>(data), size);
  doc.bytes += "\n---\nA sentence of the body.\n";
  refrain::internal::SourceText source(doc.bytes);
  refrain::internal::MarkdownFrontMatter front = refrain::internal::ReadMarkdown(source, doc);
  if (front.date) refrain::Date::Parse(*front.date);
  return 0;
}
