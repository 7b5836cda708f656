// Stage 3: blocks into statements. Cuts each kept block into sentences with
// ICU's sentence break iterator (abbreviations such as "U.S.", "Mr.", "Jan."
// do not end a sentence) and records each with byte offsets into its file.
#ifndef REFRAIN_SEGMENTER_H_
#define REFRAIN_SEGMENTER_H_

#include "refrain/status.h"
#include "refrain/types.h"

namespace refrain {

struct SegmenterOptions {
  // Placeholder until the segmenter lands.
};

// Fills corpus.statements from the kept blocks of every document, ids in
// (document, offset) order.
Status Segment(Corpus& corpus, const SegmenterOptions& options);

}  // namespace refrain

#endif  // REFRAIN_SEGMENTER_H_
