#include "source_text.h"

#include <unicode/utf8.h>

#include <cstring>

namespace refrain::internal {

void FindInvalidUtf8(std::string_view bytes, std::vector<std::pair<uint64_t, uint32_t>>& invalid) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const uint64_t size = bytes.size();
  // ICU's macros index with int32_t: walk windows well below 2 GiB, never cutting a
  // sequence (a window ends early at a lead byte whose sequence would cross it).
  constexpr uint64_t kWindow = uint64_t{1} << 30;
  uint64_t base = 0;
  while (base < size) {
    const int32_t length = static_cast<int32_t>(std::min(size - base, kWindow));
    const uint8_t* w = s + base;
    int32_t i = 0;
    while (i < length) {
      // ASCII fast path, eight bytes at a time.
      while (i + 8 <= length) {
        uint64_t chunk;
        std::memcpy(&chunk, w + i, 8);
        if (chunk & 0x8080808080808080ULL) break;
        i += 8;
      }
      if (i >= length) break;
      if (w[i] < 0x80) {
        ++i;
        continue;
      }
      if (base + length < size && i + 4 > length) break;  // finish in the next window
      const int32_t start = i;
      UChar32 c;
      U8_NEXT(w, i, length, c);
      if (c < 0) invalid.emplace_back(base + start, static_cast<uint32_t>(i - start));
    }
    base += i;
  }
}

SourceText::SourceText(std::string_view bytes) : bytes_(bytes) {
  if (bytes_.substr(0, 3) == "\xEF\xBB\xBF") body_begin_ = 3;
  FindInvalidUtf8(bytes_, invalid_);
}

std::vector<Line> SourceText::Lines(uint64_t begin) const {
  std::vector<Line> lines;
  uint32_t number = LineAt(begin);
  const char* data = bytes_.data();
  const uint64_t size = bytes_.size();
  uint64_t pos = begin;
  // The next '\n' at or after pos, searched for again only once pos has passed it: searching
  // afresh for each line made a file of lone-CR lines quadratic (each search ran to its end).
  auto next_newline = [&](uint64_t from) {
    const char* nl = static_cast<const char*>(std::memchr(data + from, '\n', size - from));
    return nl ? static_cast<uint64_t>(nl - data) : size;
  };
  uint64_t next_nl = pos < size ? next_newline(pos) : size;
  while (pos < size) {
    // A line ends at '\n' or '\r' (CR LF and a lone CR are both one terminator).
    if (next_nl < pos) next_nl = next_newline(pos);
    const char* cr = static_cast<const char*>(std::memchr(data + pos, '\r', next_nl - pos));
    uint64_t end = cr ? static_cast<uint64_t>(cr - data) : next_nl;
    lines.push_back({pos, end, number++});
    if (end == size) break;
    if (bytes_[end] == '\r' && end + 1 < size && bytes_[end + 1] == '\n') ++end;
    pos = end + 1;
  }
  return lines;
}

uint32_t SourceText::LineAt(uint64_t offset) const {
  if (line_starts_.empty()) {
    line_starts_.push_back(0);
    for (uint64_t i = 0; i < bytes_.size(); ++i) {
      const char c = bytes_[i];
      if (c == '\n' || (c == '\r' && (i + 1 == bytes_.size() || bytes_[i + 1] != '\n')))
        line_starts_.push_back(i + 1);
    }
  }
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<uint32_t>(it - line_starts_.begin());
}

void PieceText::AppendCopy(std::string_view bytes, uint64_t original_begin) {
  if (bytes.empty()) return;
  if (!pieces_.empty() && pieces_.back().copy && pieces_.back().original_end == original_begin) {
    pieces_.back().original_end += bytes.size();
  } else {
    pieces_.push_back({text_.size(), original_begin, original_begin + bytes.size(), true});
  }
  text_.append(bytes);
}

void PieceText::AppendReplacement(std::string_view replacement, uint64_t original_begin,
                                  uint64_t original_end) {
  pieces_.push_back({text_.size(), original_begin, original_end, false});
  text_.append(replacement);
}

size_t PieceText::PieceAt(size_t pos) const {
  auto it = std::upper_bound(pieces_.begin(), pieces_.end(), pos,
                             [](size_t p, const Piece& piece) { return p < piece.text_begin; });
  return static_cast<size_t>(it - pieces_.begin()) - 1;
}

uint64_t PieceText::OriginalBegin(size_t pos) const {
  const Piece& p = pieces_[PieceAt(pos)];
  return p.copy ? p.original_begin + (pos - p.text_begin) : p.original_begin;
}

uint64_t PieceText::OriginalEnd(size_t pos) const {
  const Piece& p = pieces_[PieceAt(pos)];
  return p.copy ? p.original_begin + (pos - p.text_begin) + 1 : p.original_end;
}

void PieceText::EmitTo(MappedText& out, size_t begin, size_t end) const {
  if (begin >= end) return;
  for (size_t i = PieceAt(begin); i < pieces_.size() && pieces_[i].text_begin < end; ++i) {
    const Piece& p = pieces_[i];
    const size_t p_end = i + 1 < pieces_.size() ? pieces_[i + 1].text_begin : text_.size();
    const size_t a = std::max(begin, p.text_begin);
    const size_t b = std::min(end, p_end);
    if (a >= b) continue;
    std::string_view part(text_.data() + a, b - a);
    if (p.copy)
      out.AppendCopy(part, p.original_begin + (a - p.text_begin));
    else
      out.AppendReplacement(part, p.original_begin, p.original_end);
  }
}

}  // namespace refrain::internal
