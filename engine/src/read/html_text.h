// Internal to the reader: .html files, parsed by gumbo. Visible text only,
// cut into blocks at block elements and <br>; script, style and the like gone;
// blocks inside page chrome (nav, header, footer, aside, form, menu, or an
// element whose id/class names one, or hidden) flagged for the cleaner, not removed.
#ifndef REFRAIN_SRC_HTML_TEXT_H_
#define REFRAIN_SRC_HTML_TEXT_H_

#include <string>
#include <vector>

#include "refrain/types.h"
#include "source_text.h"

namespace refrain::internal {

struct HtmlPage {
  std::string title;       // <title>, whitespace collapsed ("" when none)
  uint64_t unaligned = 0;  // text nodes whose decoded text could not be aligned byte by byte
};

// Fills doc.text and doc.blocks from `source` (doc.bytes).
HtmlPage ReadHtml(const SourceText& source, Document& doc);

}  // namespace refrain::internal

#endif  // REFRAIN_SRC_HTML_TEXT_H_
