// Text derived from a file's original bytes (HTML made visible, lines joined,
// Markdown stripped, invalid UTF-8 repaired) that remembers, for every byte,
// where it came from, so a statement found in the derived text can always be
// quoted from the original file by byte offsets.
#ifndef REFRAIN_MAPPED_TEXT_H_
#define REFRAIN_MAPPED_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace refrain {

class MappedText {
 public:
  // Appends `bytes`, a verbatim copy of the original at [original_begin, original_begin + size).
  void AppendCopy(std::string_view bytes, uint64_t original_begin);
  // Appends `replacement` (possibly empty) standing for original [original_begin, original_end):
  // an entity decoded, a line feed turned into a space, markup removed.
  void AppendReplacement(std::string_view replacement, uint64_t original_begin,
                         uint64_t original_end);

  const std::string& text() const { return text_; }
  size_t size() const { return text_.size(); }

  // Original offset where a span starting at text position `pos` (0..size()) begins.
  // A position inside a replacement maps to the replacement's original start.
  uint64_t OriginalBegin(size_t pos) const;
  // Original offset where a span ending at text position `pos` (0..size()) ends.
  // A position inside a replacement maps to the replacement's original end.
  uint64_t OriginalEnd(size_t pos) const;
  // The other way: the first text position (0..size()) whose OriginalBegin is at or after
  // `original`, so text()[TextPosition(b), TextPosition(e)) is what the reader sees of
  // original [b, e).
  size_t TextPosition(uint64_t original) const;

 private:
  struct Piece {
    size_t text_begin;
    uint64_t original_begin;
    uint64_t original_size;  // == text size of the piece when `copy`
    bool copy;
  };
  size_t PieceAt(size_t pos) const;  // index of the last piece with text_begin <= pos

  std::string text_;
  std::vector<Piece> pieces_;
  uint64_t original_end_ = 0;  // original end of the last piece
};

}  // namespace refrain

#endif  // REFRAIN_MAPPED_TEXT_H_
