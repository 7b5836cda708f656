#include "util/text.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>

namespace refrain::text {
namespace {

const uint8_t* Bytes(std::string_view text) {
  return reinterpret_cast<const uint8_t*>(text.data());
}

bool IsPrintableAscii(char c) {
  return static_cast<uint8_t>(c) >= 0x21 && static_cast<uint8_t>(c) < 0x7F;
}

bool IsAsciiSpace(char c) { return c == ' ' || (c >= 0x09 && c <= 0x0D); }

}  // namespace

size_t SpaceAt(std::string_view t, size_t i) {
  if (i >= t.size()) return 0;
  const uint8_t c = static_cast<uint8_t>(t[i]);
  if (IsAsciiSpace(static_cast<char>(c))) return 1;
  if (c < 0x80) return 0;
  const auto b = [&](size_t k) { return static_cast<uint8_t>(t[i + k]); };
  if (c == 0xC2 && i + 1 < t.size() && (b(1) == 0xA0 || b(1) == 0x85)) return 2;
  if (i + 2 >= t.size()) return 0;
  if (c == 0xE2 && b(1) == 0x80 &&
      ((b(2) >= 0x80 && b(2) <= 0x8A) || b(2) == 0xA8 || b(2) == 0xA9 || b(2) == 0xAF))
    return 3;                                               // U+2000..200A, U+2028, U+2029, U+202F
  if (c == 0xE2 && b(1) == 0x81 && b(2) == 0x9F) return 3;  // U+205F
  if (c == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return 3;  // U+3000
  if (c == 0xE1 && b(1) == 0x9A && b(2) == 0x80) return 3;  // U+1680
  return 0;
}

size_t SpaceBefore(std::string_view t, size_t end) {
  if (end == 0) return 0;
  if (SpaceAt(t, end - 1) == 1) return 1;
  if (end >= 2 && SpaceAt(t, end - 2) == 2) return 2;
  if (end >= 3 && SpaceAt(t, end - 3) == 3) return 3;
  return 0;
}

size_t ZeroWidthAt(std::string_view t, size_t i) {
  const auto b = [&](size_t k) { return static_cast<uint8_t>(t[i + k]); };
  if (i + 1 < t.size() && b(0) == 0xC2 && b(1) == 0xAD) return 2;  // soft hyphen
  if (i + 2 >= t.size()) return 0;
  if (b(0) == 0xE2 && b(1) == 0x80 && b(2) >= 0x8B && b(2) <= 0x8D) return 3;  // U+200B..D
  if (b(0) == 0xE2 && b(1) == 0x81 && b(2) == 0xA0) return 3;                  // U+2060
  if (b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF) return 3;                  // U+FEFF
  return 0;
}

size_t DroppedAt(std::string_view t, size_t i) {
  if (i >= t.size()) return 0;
  const char c = t[i];
  if ((static_cast<uint8_t>(c) < 0x20 && !IsAsciiSpace(c)) || c == 0x7F) return 1;
  return ZeroWidthAt(t, i);
}

bool HasSpace(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i)
    if (SpaceAt(text, i)) return true;
  return false;
}

std::pair<size_t, size_t> TrimSpace(std::string_view text, size_t begin, size_t end) {
  while (begin < end) {
    const size_t n = SpaceAt(text, begin);
    if (n == 0) break;
    begin += n;
  }
  while (end > begin) {
    const size_t n = SpaceBefore(text, end);
    if (n == 0) break;
    end -= n;
  }
  return {begin, end};
}

std::string_view TrimSpace(std::string_view text) {
  const auto [b, e] = TrimSpace(text, 0, text.size());
  return text.substr(b, e - b);
}

std::string_view TrimAsciiSpace(std::string_view text) { return TrimChars(text, " \t\n\v\f\r"); }

std::string_view TrimChars(std::string_view text, std::string_view chars) {
  const size_t b = text.find_first_not_of(chars);
  if (b == std::string_view::npos) return {};
  return text.substr(b, text.find_last_not_of(chars) - b + 1);
}

void NormaliseInto(std::string_view text, std::string& out) {
  const size_t start = out.size();
  bool pending_space = false;
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (IsPrintableAscii(c)) {
      // A run of printable ASCII is copied in one go: most text is this.
      size_t j = i + 1;
      while (j < text.size() && IsPrintableAscii(text[j])) ++j;
      if (pending_space && out.size() > start) out += ' ';
      pending_space = false;
      out.append(text.substr(i, j - i));
      i = j;
      continue;
    }
    if (size_t n = SpaceAt(text, i)) {
      pending_space = true;
      i += n;
      continue;
    }
    if (size_t n = DroppedAt(text, i)) {
      i += n;
      continue;
    }
    if (pending_space && out.size() > start) out += ' ';
    pending_space = false;
    int32_t j = static_cast<int32_t>(i);
    const int32_t limit = static_cast<int32_t>(std::min<size_t>(text.size(), i + 4));
    UChar32 cp;
    U8_NEXT(Bytes(text), j, limit, cp);
    if (cp < 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for an ill-formed sequence
    } else {
      out.append(text.substr(i, static_cast<size_t>(j) - i));
    }
    i = static_cast<size_t>(j);
  }
}

std::string Normalise(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  NormaliseInto(text, out);
  return out;
}

bool MapNormalised(std::string_view source, size_t from, std::string_view normalised, size_t begin,
                   size_t end, size_t* source_begin, size_t* source_end) {
  if (begin >= end || end > normalised.size()) return false;
  size_t j = from;
  // Skips a run of white space and dropped characters; returns the bytes skipped.
  const auto skip_space = [&] {
    const size_t at = j;
    while (j < source.size()) {
      size_t n = SpaceAt(source, j);
      if (n == 0) n = DroppedAt(source, j);
      if (n == 0) break;
      j += n;
    }
    return j - at;
  };
  skip_space();  // normalised text starts at its first character
  size_t mapped_begin = 0, mapped_end = 0;
  for (size_t i = 0; i < end; ++i) {
    if (normalised[i] == ' ') {
      // One space stands for a run of white space and dropped characters.
      if (skip_space() == 0) return false;
      continue;
    }
    while (j < source.size()) {
      const size_t n = DroppedAt(source, j);
      if (n == 0) break;
      j += n;
    }
    if (j >= source.size() || source[j] != normalised[i]) return false;
    if (i == begin) mapped_begin = j;
    ++j;
    if (i + 1 == end) mapped_end = j;
  }
  *source_begin = mapped_begin;
  *source_end = mapped_end;
  return true;
}

void AsciiLowerInPlace(std::string& text) {
  for (char& c : text) c = AsciiLower(c);
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  AsciiLowerInPlace(out);
  return out;
}

bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  return true;
}

bool EndsWithIgnoreAsciiCase(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         EqualsIgnoreAsciiCase(text.substr(text.size() - suffix.size()), suffix);
}

}  // namespace refrain::text
