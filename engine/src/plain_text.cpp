#include "plain_text.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "text_shape.h"

namespace refrain::internal {

namespace {

// Lines wider than this many code points are paragraphs, not a typewriter's wrap.
constexpr uint32_t kMaxWrapWidth = 160;
// A document is hard-wrapped when at least this share of its lines run close to
// its wrap width (within kFullShare of it).
constexpr double kMinFullLines = 0.5;
constexpr double kFullShare = 0.6;
// Proportional-font text (PDF extractions) wraps short of the widest line: a
// line this close to the width that does not end a sentence was wrapped too.
constexpr double kSlack = 0.2;

struct LineShape {
  uint64_t content_begin;  // first non-blank byte
  uint64_t content_end;    // after the last non-blank byte
  uint32_t width;          // code points from the line start to content_end
  uint32_t indent;         // leading blanks
  uint32_t first_word;     // code points of the first word
  bool blank;
};

LineShape Shape(std::string_view bytes, const Line& line) {
  LineShape s{};
  uint64_t b = line.begin, e = line.end;
  while (b < e && IsBlank(bytes[b])) ++b;
  while (e > b && IsBlank(bytes[e - 1])) --e;
  s.content_begin = b;
  s.content_end = e;
  s.blank = b == e;
  s.indent = static_cast<uint32_t>(b - line.begin);
  s.width = static_cast<uint32_t>(Columns(bytes.substr(line.begin, e - line.begin)));
  uint64_t w = b;
  while (w < e && !IsBlank(bytes[w])) ++w;
  s.first_word = static_cast<uint32_t>(Columns(bytes.substr(b, w - b)));
  return s;
}

PlainTextLayout Measure(const std::vector<LineShape>& shapes) {
  std::vector<uint32_t> widths;
  for (const LineShape& s : shapes)
    if (!s.blank) widths.push_back(s.width);
  PlainTextLayout layout;
  if (widths.size() < 3) return layout;
  // The wrap width: the 98th percentile, so that one long line (a URL, a table row)
  // does not stretch it.
  std::vector<uint32_t> sorted = widths;
  size_t k = (sorted.size() - 1) * 98 / 100;
  std::nth_element(sorted.begin(), sorted.begin() + k, sorted.end());
  const uint32_t width = sorted[k];
  if (width == 0 || width > kMaxWrapWidth) return layout;
  size_t full = std::count_if(widths.begin(), widths.end(),
                              [&](uint32_t w) { return w >= kFullShare * width; });
  if (full < kMinFullLines * widths.size()) return layout;
  layout.hard_wrapped = true;
  layout.wrap_width = width;
  return layout;
}

}  // namespace

PlainTextLayout ReadPlainText(const SourceText& source, Document& doc) {
  const std::string_view bytes = source.bytes();
  const std::vector<Line> lines = source.Lines(source.body_begin());
  std::vector<LineShape> shapes;
  shapes.reserve(lines.size());
  for (const Line& line : lines) shapes.push_back(Shape(bytes, line));
  const PlainTextLayout layout = Measure(shapes);

  auto content = [&](size_t i) {
    return bytes.substr(shapes[i].content_begin, shapes[i].content_end - shapes[i].content_begin);
  };
  // Whether line `next` continues the paragraph of line `prev` (both non-blank;
  // `gap` when blank lines lie between them).
  auto continues = [&](size_t prev, size_t next, bool gap) {
    if (!layout.hard_wrapped) return false;
    const LineShape& p = shapes[prev];
    const LineShape& n = shapes[next];
    const bool ends_sentence = EndsSentence(content(prev));
    // A page break inside a sentence: blank lines, then the sentence goes on in lowercase.
    if (gap) return !ends_sentence && StartsLowercase(content(next));
    // An indented line after a full stop opens a paragraph.
    if (ends_sentence && n.indent > p.indent) return false;
    const uint32_t needed = p.width + 1 + n.first_word;
    if (needed > layout.wrap_width) return true;  // the next word did not fit: wrapped
    if (ends_sentence) return false;
    if (StartsLowercase(content(next))) return true;
    return needed > (1.0 - kSlack) * layout.wrap_width;
  };

  MappedText& text = doc.text;
  bool open = false;
  size_t last = 0;  // last non-blank line of the open block
  for (size_t i = 0; i < lines.size(); ++i) {
    if (shapes[i].blank) continue;
    const bool gap = open && i > last + 1;
    if (open && continues(last, i, gap)) {
      // The line break (and any blank lines and indentation) becomes one space; a word
      // cut by a hyphen at the wrap is rejoined without one.
      const bool hyphen = !gap && EndsWithWordHyphen(content(last)) && StartsLowercase(content(i));
      text.AppendReplacement(hyphen ? "" : " ", shapes[last].content_end, shapes[i].content_begin);
    } else {
      if (open) doc.blocks.back().end = text.size();
      SeparateBlocks(text);
      Block block;
      block.begin = text.size();
      block.line = lines[i].number;
      doc.blocks.push_back(block);
      open = true;
    }
    source.Append(text, shapes[i].content_begin, shapes[i].content_end);
    last = i;
  }
  if (open) doc.blocks.back().end = text.size();
  return layout;
}

}  // namespace refrain::internal
