// Internal to the reader: .txt files. Decides per document whether its lines
// are hard-wrapped (and rejoins wrapped lines and page-broken sentences) or
// hold one paragraph each, and cuts the visible text into blocks.
#ifndef REFRAIN_SRC_PLAIN_TEXT_H_
#define REFRAIN_SRC_PLAIN_TEXT_H_

#include <cstdint>

#include "refrain/types.h"
#include "source_text.h"

namespace refrain::internal {

struct PlainTextLayout {
  bool hard_wrapped = false;
  uint32_t wrap_width = 0;  // in code points; 0 when not hard-wrapped
};

// Fills doc.text and doc.blocks from `source` (doc.bytes). Returns what it found.
PlainTextLayout ReadPlainText(const SourceText& source, Document& doc);

}  // namespace refrain::internal

#endif  // REFRAIN_SRC_PLAIN_TEXT_H_
