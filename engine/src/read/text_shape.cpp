#include "text_shape.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace refrain::internal {

namespace {

// The code point before byte `end` of `text`, moving `end` to its start; -1 when none.
UChar32 PreviousChar(std::string_view text, int32_t& end) {
  if (end <= 0) return -1;
  UChar32 c;
  U8_PREV(reinterpret_cast<const uint8_t*>(text.data()), 0, end, c);
  return c;
}

}  // namespace

bool EndsSentence(std::string_view text) {
  // Only the tail matters; keep the index within int32_t for ICU's macros.
  if (text.size() > 64) text = text.substr(text.size() - 64);
  int32_t end = static_cast<int32_t>(text.size());
  while (end > 0) {
    UChar32 c = PreviousChar(text, end);
    if (c < 0) return false;
    if (c == ' ' || c == '\t') continue;
    // Closing quotes and brackets may follow the full stop: ."  .)  .”  .’
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
        c == 0x00BB) {
      continue;
    }
    return c == '.' || c == '!' || c == '?' || c == 0x2026;
  }
  return false;
}

bool StartsLowercase(std::string_view text) {
  // Only the head matters; keep the index within int32_t for ICU's macros.
  text = text.substr(0, 32);
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t size = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < size) {
    UChar32 c;
    U8_NEXT(s, i, size, c);
    if (c < 0) return false;
    // Blanks and opening quotes or brackets may come first: “adhere, (see
    if (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '(' || c == '[' || c == 0x201C ||
        c == 0x2018 || c == 0x00AB) {
      continue;
    }
    return u_islower(c);
  }
  return false;
}

bool EndsWithLowercaseWord(std::string_view text) {
  while (!text.empty() && IsBlank(text.back())) text.remove_suffix(1);
  size_t n = 0;
  while (n < text.size()) {
    const char c = text[text.size() - 1 - n];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) break;
    ++n;
  }
  if (n == 0) return false;
  return n == text.size() || IsBlank(text[text.size() - 1 - n]);
}

bool EndsWithWordHyphen(std::string_view text) {
  while (!text.empty() && IsBlank(text.back())) text.remove_suffix(1);
  if (text.size() < 2 || text.back() != '-') return false;
  const unsigned char before = static_cast<unsigned char>(text[text.size() - 2]);
  return (before >= 'a' && before <= 'z') || (before >= 'A' && before <= 'Z');
}

}  // namespace refrain::internal
