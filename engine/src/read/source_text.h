// Internal to the reader: a file's bytes seen as text. Knows where invalid
// UTF-8 sits, where a BOM ends and where lines start, and appends byte ranges
// to a MappedText (or anything with the same two Append calls) with invalid
// sequences repaired as U+FFFD pieces, so offsets into the bytes stay true.
#ifndef REFRAIN_SRC_SOURCE_TEXT_H_
#define REFRAIN_SRC_SOURCE_TEXT_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "refrain/mapped_text.h"

namespace refrain::internal {

inline constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";  // U+FFFD

// One line of a file: [begin, end) without its terminator ("\n", "\r\n" or a lone "\r").
struct Line {
  uint64_t begin = 0;
  uint64_t end = 0;
  uint32_t number = 0;  // 1-based
};

class SourceText {
 public:
  // Requires: `bytes` outlives this object. Scans the bytes once for invalid UTF-8.
  explicit SourceText(std::string_view bytes);

  std::string_view bytes() const { return bytes_; }
  // Where the text starts: 3 after a UTF-8 byte order mark, else 0.
  uint64_t body_begin() const { return body_begin_; }
  // Invalid UTF-8 sequences as [offset, offset + length), in file order.
  const std::vector<std::pair<uint64_t, uint32_t>>& invalid() const { return invalid_; }

  // The lines of [begin, bytes().size()), numbered from the start of the file.
  std::vector<Line> Lines(uint64_t begin) const;
  // 1-based line of the byte at `offset`.
  uint32_t LineAt(uint64_t offset) const;

  // Appends bytes [begin, end) to `out` (MappedText, or any type with its
  // AppendCopy / AppendReplacement), each invalid UTF-8 sequence as U+FFFD.
  template <typename Out>
  void Append(Out& out, uint64_t begin, uint64_t end) const {
    auto it =
        std::lower_bound(invalid_.begin(), invalid_.end(), std::pair<uint64_t, uint32_t>{begin, 0});
    // A sequence starting before `begin` but reaching into it is repaired whole.
    if (it != invalid_.begin() && std::prev(it)->first + std::prev(it)->second > begin) --it;
    uint64_t pos = begin;
    for (; it != invalid_.end() && it->first < end; ++it) {
      if (it->first > pos) out.AppendCopy(bytes_.substr(pos, it->first - pos), pos);
      uint64_t bad_begin = std::max(it->first, pos);
      uint64_t bad_end = std::min<uint64_t>(it->first + it->second, end);
      out.AppendReplacement(kReplacementChar, bad_begin, bad_end);
      pos = bad_end;
    }
    if (pos < end) out.AppendCopy(bytes_.substr(pos, end - pos), pos);
  }

 private:
  std::string_view bytes_;
  uint64_t body_begin_ = 0;
  std::vector<std::pair<uint64_t, uint32_t>> invalid_;
  mutable std::vector<uint64_t> line_starts_;  // built on the first LineAt
};

// Finds invalid UTF-8 in `bytes`: appends [offset, length) of each maximal ill-formed
// subsequence (as ICU's U8_NEXT reads them) to `invalid`.
void FindInvalidUtf8(std::string_view bytes, std::vector<std::pair<uint64_t, uint32_t>>& invalid);

// Code points in `text` (UTF-8, possibly invalid: each non-continuation byte counts).
inline size_t Columns(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

// Text assembled piece by piece like a MappedText, whose ranges can then be
// copied into a MappedText: lets a format strip inline markup after lines are joined.
class PieceText {
 public:
  void AppendCopy(std::string_view bytes, uint64_t original_begin);
  void AppendReplacement(std::string_view replacement, uint64_t original_begin,
                         uint64_t original_end);
  const std::string& text() const { return text_; }
  // Appends text_[begin, end) to `out` with its mapping; a replacement cut in
  // part is appended whole-mapped (its text part standing for its whole span).
  void EmitTo(MappedText& out, size_t begin, size_t end) const;
  // Original offset where the byte at `pos` begins / ends (a replacement's whole span).
  uint64_t OriginalBegin(size_t pos) const;
  uint64_t OriginalEnd(size_t pos) const;
  void Clear() {
    text_.clear();
    pieces_.clear();
  }

 private:
  struct Piece {
    size_t text_begin;
    uint64_t original_begin;
    uint64_t original_end;
    bool copy;
  };
  size_t PieceAt(size_t pos) const;
  std::string text_;
  std::vector<Piece> pieces_;
};

// Ends the previous block's text with a line feed standing for nothing, so that
// Document::text reads as one block per line; blocks never include it.
inline void SeparateBlocks(MappedText& text) {
  if (text.size() > 0 && text.text().back() != '\n') {
    const uint64_t at = text.OriginalEnd(text.size());
    text.AppendReplacement("\n", at, at);
  }
}

}  // namespace refrain::internal

#endif  // REFRAIN_SRC_SOURCE_TEXT_H_
