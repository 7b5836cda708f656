// libFuzzer target: any bytes read as a .txt document, then cut into statements by the
// segmenter (ICU's sentence breaks, abbreviations, speakers, turns, joins across blocks).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "read/plain_text.h"
#include "read/source_text.h"
#include "refrain/segmenter.h"
#include "refrain/types.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  refrain::Corpus corpus;
  refrain::Document& doc = corpus.documents.emplace_back();
  doc.path = "fuzz.txt";
  doc.bytes.assign(reinterpret_cast<const char*>(data), size);
  refrain::internal::SourceText source(doc.bytes);
  refrain::internal::ReadPlainText(source, doc);
  refrain::SegmenterOptions options;
  options.threads = 1;
  const refrain::Status status = refrain::Segment(corpus, options);
  if (!status.ok()) {  // the default options always work: a failure here is a bug
    std::fprintf(stderr, "Segment: %s\n", status.message().c_str());
    std::abort();
  }
  return 0;
}
