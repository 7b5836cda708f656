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

// Pages whose elements nest deeper than this are not parsed (see HtmlPage::too_deep).
inline constexpr size_t kMaxHtmlDepth = 1000;

struct HtmlPage {
  std::string title;       // <title>, whitespace collapsed ("" when none)
  uint64_t unaligned = 0;  // text nodes whose decoded text could not be aligned byte by byte
  size_t too_deep = 0;     // the nesting found when over kMaxHtmlDepth: then nothing is read
};

// Fills doc.text and doc.blocks from `source` (doc.bytes), unless the page's elements nest
// deeper than kMaxHtmlDepth.
HtmlPage ReadHtml(const SourceText& source, Document& doc);

}  // namespace refrain::internal

#endif  // REFRAIN_SRC_HTML_TEXT_H_
