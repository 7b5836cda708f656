// Internal to the reader: .md files. YAML front matter becomes metadata (via
// yaml-cpp); the body's paragraphs, headings, list items, quotes and table cells
// become blocks, soft-wrapped lines joined and inline markup stripped, offsets true.
#ifndef REFRAIN_SRC_MARKDOWN_TEXT_H_
#define REFRAIN_SRC_MARKDOWN_TEXT_H_

#include <optional>
#include <string>
#include <vector>

#include "refrain/types.h"
#include "source_text.h"

namespace refrain::internal {

struct MarkdownFrontMatter {
  std::optional<std::string> date;      // the `date:` value as written, when present
  std::vector<MetadataEntry> metadata;  // every other scalar key (sequences joined by ", ")
  std::optional<Diagnostic> problem;    // front matter that YAML could not read
};

// Fills doc.text and doc.blocks from `source` (doc.bytes); the front matter is
// not visible text. Returns what the front matter said.
MarkdownFrontMatter ReadMarkdown(const SourceText& source, Document& doc);

}  // namespace refrain::internal

#endif  // REFRAIN_SRC_MARKDOWN_TEXT_H_
