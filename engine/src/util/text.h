// Internal to the engine: the text primitives every stage shares. What counts as white
// space and as a zero-width character, the normalised one-line form of a piece of text and
// the walk from it back to the bytes it came from, ASCII case folding and trimming. One
// definition of each, so the cleaner, the segmenter and the clause cutter see a statement
// the same way (a second copy of the zero-width set once missed the soft hyphen).
#ifndef REFRAIN_SRC_UTIL_TEXT_H_
#define REFRAIN_SRC_UTIL_TEXT_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace refrain::text {

// Length in bytes of the white-space character at `text[pos]` (ASCII white space, NBSP,
// NEL, the Unicode spaces U+2000..U+200A, U+202F, U+205F, U+3000, U+1680, and the line
// and paragraph separators), 0 when none or `pos` is past the end.
size_t SpaceAt(std::string_view text, size_t pos);
// Length in bytes of the white-space character ending at `text[end - 1]`, 0 when none.
size_t SpaceBefore(std::string_view text, size_t end);
// Length in bytes of the zero-width character at `text[pos]` that carries no text (soft
// hyphen U+00AD, U+200B..U+200D, word joiner U+2060, BOM U+FEFF), 0 when none. Normalising
// removes them, so that "COVID-\u206019" matches "COVID-19".
size_t ZeroWidthAt(std::string_view text, size_t pos);
// Length in bytes of what normalising drops at `text[pos]` without a trace: a zero-width
// character (ZeroWidthAt) or a control character that is not white space; 0 when none.
size_t DroppedAt(std::string_view text, size_t pos);

// True when `text` holds a white-space character (SpaceAt).
bool HasSpace(std::string_view text);
// `text` without white space (SpaceAt) at either end.
std::string_view TrimSpace(std::string_view text);
// [begin, end) of `text` narrowed past white space (SpaceAt) at both ends; begin == end
// when the range is blank.
std::pair<size_t, size_t> TrimSpace(std::string_view text, size_t begin, size_t end);
// `text` without ASCII white space (" \t\n\v\f\r", std::isspace in the C locale) at either
// end: for the fields of files people write (dates, alias lists, theme lists).
std::string_view TrimAsciiSpace(std::string_view text);
// `text` without any of the bytes in `chars` at either end.
std::string_view TrimChars(std::string_view text, std::string_view chars);

// Appends `text` to `out` as one line: runs of white space (SpaceAt) become one ASCII
// space, both ends trimmed, what DroppedAt finds removed, invalid UTF-8 replaced by
// U+FFFD. This is Statement::text.
void NormaliseInto(std::string_view text, std::string& out);
std::string Normalise(std::string_view text);

// The walk back from normalised text to the text it was made from: maps [begin, end) of
// `normalised` (NormaliseInto of text that starts at `source[from]`) to [*source_begin,
// *source_end) of `source`: the same white space (SpaceAt) and the same dropped characters
// (DroppedAt) are skipped as normalising skips. Returns false (out-params left alone) when
// the two do not align: invalid UTF-8 that normalising replaced, a text joined from two
// places.
bool MapNormalised(std::string_view source, size_t from, std::string_view normalised, size_t begin,
                   size_t end, size_t* source_begin, size_t* source_end);

// ASCII case: other bytes (UTF-8 included) are left as they are, as std::tolower does in
// the C locale.
constexpr bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool IsAsciiAlnum(char c) {
  return IsAsciiUpper(c) || IsAsciiLower(c) || (c >= '0' && c <= '9');
}
constexpr char AsciiLower(char c) { return IsAsciiUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char AsciiUpper(char c) { return IsAsciiLower(c) ? static_cast<char>(c - 'a' + 'A') : c; }
void AsciiLowerInPlace(std::string& text);
std::string AsciiLower(std::string_view text);
bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b);
bool EndsWithIgnoreAsciiCase(std::string_view text, std::string_view suffix);

// A hash for maps keyed by std::string that are looked up by std::string_view without a copy
// (with std::equal_to<> as the key equality).
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

}  // namespace refrain::text

#endif  // REFRAIN_SRC_UTIL_TEXT_H_
