#include "refrain/mapped_text.h"

#include <algorithm>
#include <cassert>

namespace refrain {

void MappedText::AppendCopy(std::string_view bytes, uint64_t original_begin) {
  if (bytes.empty()) return;
  if (!pieces_.empty()) {
    Piece& last = pieces_.back();
    // Extend the previous copy when this one continues it in both texts.
    if (last.copy && last.original_begin + last.original_size == original_begin) {
      last.original_size += bytes.size();
      text_.append(bytes);
      original_end_ = original_begin + bytes.size();
      return;
    }
  }
  pieces_.push_back({text_.size(), original_begin, bytes.size(), true});
  text_.append(bytes);
  original_end_ = original_begin + bytes.size();
}

void MappedText::AppendReplacement(std::string_view replacement, uint64_t original_begin,
                                   uint64_t original_end) {
  assert(original_end >= original_begin);
  pieces_.push_back({text_.size(), original_begin, original_end - original_begin, false});
  text_.append(replacement);
  original_end_ = original_end;
}

size_t MappedText::PieceAt(size_t pos) const {
  auto it = std::upper_bound(pieces_.begin(), pieces_.end(), pos,
                             [](size_t p, const Piece& piece) { return p < piece.text_begin; });
  return static_cast<size_t>(it - pieces_.begin()) - 1;
}

uint64_t MappedText::OriginalBegin(size_t pos) const {
  if (pieces_.empty()) return 0;
  if (pos >= text_.size()) return original_end_;
  size_t i = PieceAt(pos);
  const Piece& piece = pieces_[i];
  if (piece.copy) return piece.original_begin + (pos - piece.text_begin);
  return piece.original_begin;
}

uint64_t MappedText::OriginalEnd(size_t pos) const {
  if (pieces_.empty()) return 0;
  if (pos == 0) return pieces_.front().original_begin;
  if (pos > text_.size()) pos = text_.size();
  // The span's last byte is pos - 1; its original end is what we want.
  size_t i = PieceAt(pos - 1);
  const Piece& piece = pieces_[i];
  if (piece.copy) return piece.original_begin + (pos - piece.text_begin);
  return piece.original_begin + piece.original_size;
}

size_t MappedText::TextPosition(uint64_t original) const {
  // OriginalBegin never falls as the position grows.
  size_t lo = 0, hi = text_.size();
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (OriginalBegin(mid) < original) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

}  // namespace refrain
