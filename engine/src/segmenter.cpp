// Placeholder: one statement per non-empty line. The real segmenter replaces this.
#include "refrain/segmenter.h"

namespace refrain {

Status Segment(Corpus& corpus, const SegmenterOptions&) {
  uint64_t id = 0;
  for (uint32_t d = 0; d < corpus.documents.size(); ++d) {
    const std::string& t = corpus.documents[d].text.text();
    size_t pos = 0;
    while (pos < t.size()) {
      size_t nl = t.find('\n', pos);
      if (nl == std::string::npos) nl = t.size();
      if (nl > pos) corpus.statements.push_back({id++, d, pos, nl, t.substr(pos, nl - pos)});
      pos = nl + 1;
    }
  }
  return Status::Ok();
}

}  // namespace refrain
