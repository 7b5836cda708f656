// Stage 2: web clutter out, statements kept. Decides for every block of every
// document whether it is part of the text or page furniture (navigation,
// subscription boxes, forms, image names, e-mail lines, blocks repeated across
// a source's documents), and records each dropped span with its reason.
#ifndef REFRAIN_CLEANER_H_
#define REFRAIN_CLEANER_H_

#include "refrain/status.h"
#include "refrain/types.h"

namespace refrain {

struct CleanerOptions {
  // Placeholder until the cleaner's rules land; every rule's threshold goes here.
};

// Removes clutter blocks (or parts of blocks) from each document's `blocks`
// and appends a DroppedSpan for each to `corpus.dropped`.
Status Clean(Corpus& corpus, const CleanerOptions& options);

}  // namespace refrain

#endif  // REFRAIN_CLEANER_H_
