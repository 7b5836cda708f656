#include "plain_text.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "text_shape.h"

namespace refrain::internal {

namespace {

// Lines wider than this many code points are paragraphs, not a typewriter's wrap.
constexpr uint32_t kMaxWrapWidth = 160;
// Narrower than this, lines are a list or verse, not wrapped prose.
constexpr uint32_t kMinWrapWidth = 30;
// A document is hard-wrapped when at least this share of its lines run close to
// its wrap width (within kFullShare of it).
constexpr double kMinFullLines = 0.5;
constexpr double kFullShare = 0.6;
// ...and at least this share of those close-to-width lines do not end a sentence.
constexpr double kMinOpenLines = 0.5;
// In a document with one paragraph per line, a line this long is a paragraph.
constexpr uint32_t kMinParagraphLine = 60;
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

// A page number or page header left by a PDF extraction ("47", "08-51839 2",
// "A/70/PV.22 01/10/2015"): short, with a digit, no lowercase letter, and not the
// end of a sentence ("2015." is a wrapped sentence's last word).
bool IsPageFurniture(std::string_view text) {
  if (text.empty() || Columns(text) > 40 || EndsSentence(text)) return false;
  bool digit = false;
  for (unsigned char c : text) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 0x80) return false;
    digit |= c >= '0' && c <= '9';
  }
  return digit;
}

PlainTextLayout Measure(const std::vector<LineShape>& shapes, std::string_view bytes) {
  std::vector<uint32_t> widths;
  for (const LineShape& s : shapes)
    if (!s.blank) widths.push_back(s.width);
  PlainTextLayout layout;
  if (widths.size() < 3) return layout;
  // The wrap width: the widest line not far beyond the 90th percentile, so that a
  // few long lines (two lines run together, a URL, a table row) do not stretch it.
  std::vector<uint32_t> sorted = widths;
  std::sort(sorted.begin(), sorted.end());
  const uint32_t p90 = sorted[(sorted.size() - 1) * 9 / 10];
  uint32_t width = p90;
  for (uint32_t w : sorted)
    if (w <= p90 + p90 / 4) width = w;
  if (width < kMinWrapWidth || width > kMaxWrapWidth) return layout;
  size_t full = std::count_if(widths.begin(), widths.end(),
                              [&](uint32_t w) { return w >= kFullShare * width; });
  if (full < kMinFullLines * widths.size()) return layout;
  // Wrapped lines stop mid-sentence; a paragraph on one line of about the same
  // width ends one. Tells short paragraphs, one per line, from wrapped prose.
  size_t open = 0;
  for (const LineShape& s : shapes) {
    if (s.blank || s.width < kFullShare * width) continue;
    open += !EndsSentence(bytes.substr(s.content_begin, s.content_end - s.content_begin));
  }
  if (open < kMinOpenLines * full) return layout;
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
  const PlainTextLayout layout = Measure(shapes, bytes);

  auto content = [&](size_t i) {
    return bytes.substr(shapes[i].content_begin, shapes[i].content_end - shapes[i].content_begin);
  };
  // Whether line `next` continues the paragraph of line `prev` (both non-blank;
  // `gap` when blank lines lie between them).
  auto continues = [&](size_t prev, size_t next, bool gap) {
    const bool ends_sentence = EndsSentence(content(prev));
    // A page break inside a sentence (with or without blank lines): the line does
    // not end a sentence and the next goes on in lowercase. Holds for any layout.
    if (!ends_sentence && StartsLowercase(content(next))) return true;
    if (gap) return false;
    const LineShape& p = shapes[prev];
    const LineShape& n = shapes[next];
    if (!layout.hard_wrapped) {
      // One paragraph per line, but a page break split this one: a paragraph-long
      // line that stops on a lowercase word or a number ("...within the" / "Security
      // Council..."). Short lines ("Load More By dm") are page furniture, never joined.
      return p.width >= kMinParagraphLine && EndsWithLowercaseWord(content(prev));
    }
    // An indented line after a full stop opens a paragraph.
    if (ends_sentence && n.indent > p.indent) return false;
    const uint32_t needed = p.width + 1 + n.first_word;
    if (needed > layout.wrap_width) return true;  // the next word did not fit: wrapped
    if (ends_sentence) return false;
    // A line that stops on a lowercase word ("On my way to the") was cut, not ended:
    // headings and salutations end in a capital or in punctuation.
    const std::string_view c = content(prev);
    if (c.back() >= 'a' && c.back() <= 'z') return true;
    return needed > (1.0 - kSlack) * layout.wrap_width;
  };

  MappedText& text = doc.text;
  bool open = false;
  size_t last = 0;              // last non-blank line of the open block
  std::vector<size_t> pending;  // page furniture lines inside the open block
  auto start_block = [&](size_t i) {
    SeparateBlocks(text);
    Block block;
    block.begin = text.size();
    block.line = lines[i].number;
    doc.blocks.push_back(block);
  };
  auto close_block = [&] {
    if (!open) return;
    doc.blocks.back().end = text.size();
    open = false;
    // A page header or number that interrupted a sentence follows it as a block of its own.
    for (size_t f : pending) {
      start_block(f);
      source.Append(text, shapes[f].content_begin, shapes[f].content_end);
      doc.blocks.back().end = text.size();
    }
    pending.clear();
  };
  // The end of the run of page furniture and blank lines last looked past: the lines after
  // i in it are furniture too, so a run of 50k "12" lines is looked past once, not per line.
  size_t furniture_end = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (shapes[i].blank) continue;
    if (open && IsPageFurniture(content(i))) {
      // Look past page furniture (and blank lines) for the line that follows it.
      if (furniture_end <= i) {
        furniture_end = i;
        while (furniture_end < lines.size() &&
               (shapes[furniture_end].blank || IsPageFurniture(content(furniture_end))))
          ++furniture_end;
      }
      const size_t j = furniture_end;
      if (j < lines.size() && !EndsSentence(content(last)) && continues(last, j, false)) {
        for (size_t f = i; f < j; ++f)
          if (!shapes[f].blank) pending.push_back(f);
        text.AppendReplacement(" ", shapes[last].content_end, lines[i].begin);
        source.Append(text, shapes[j].content_begin, shapes[j].content_end);
        last = j;
        i = j;
        continue;
      }
    }
    const bool gap = open && i > last + 1;
    if (open && continues(last, i, gap)) {
      // The line break (and any blank lines and indentation) becomes one space; a word
      // cut by a hyphen at the wrap is rejoined without one.
      const bool hyphen = !gap && EndsWithWordHyphen(content(last)) && StartsLowercase(content(i));
      text.AppendReplacement(hyphen ? "" : " ", shapes[last].content_end, shapes[i].content_begin);
    } else {
      close_block();
      start_block(i);
      open = true;
    }
    source.Append(text, shapes[i].content_begin, shapes[i].content_end);
    last = i;
  }
  close_block();
  return layout;
}

}  // namespace refrain::internal
