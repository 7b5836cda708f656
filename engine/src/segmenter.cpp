// Placeholder: one statement per block. The real segmenter replaces this.
#include "refrain/segmenter.h"

namespace refrain {

Status Segment(Corpus& corpus, const SegmenterOptions&) {
  uint64_t id = 0;
  for (uint32_t d = 0; d < corpus.documents.size(); ++d) {
    const Document& doc = corpus.documents[d];
    for (const Block& b : doc.blocks)
      corpus.statements.push_back({id++, d, doc.text.OriginalBegin(b.begin),
                                   doc.text.OriginalEnd(b.end),
                                   doc.text.text().substr(b.begin, b.end - b.begin)});
  }
  return Status::Ok();
}

}  // namespace refrain
