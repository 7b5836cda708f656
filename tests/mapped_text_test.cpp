#include "refrain/mapped_text.h"

#include <catch2/catch.hpp>

namespace refrain {
namespace {

TEST_CASE("copies map byte for byte, replacements map to their whole span", "[mapped_text]") {
  // Original: "a&amp;b\r\nc" -> text "a&b\nc"
  const std::string original = "a&amp;b\r\nc";
  MappedText t;
  t.AppendCopy("a", 0);
  t.AppendReplacement("&", 1, 6);
  t.AppendCopy("b", 6);
  t.AppendReplacement("\n", 7, 9);
  t.AppendCopy("c", 9);
  REQUIRE(t.text() == "a&b\nc");
  CHECK(t.OriginalBegin(0) == 0);
  CHECK(t.OriginalBegin(1) == 1);  // the entity starts at '&'
  CHECK(t.OriginalEnd(2) == 6);    // a span ending after "&" ends after "&amp;"
  CHECK(t.OriginalBegin(2) == 6);
  CHECK(t.OriginalEnd(3) == 7);
  CHECK(t.OriginalEnd(4) == 9);  // after the line break: CR LF both covered
  CHECK(t.OriginalBegin(4) == 9);
  CHECK(t.OriginalEnd(5) == 10);
  CHECK(original.substr(t.OriginalBegin(0), t.OriginalEnd(3) - t.OriginalBegin(0)) == "a&amp;b");
  // And back: original offsets to the first text position at or after them.
  CHECK(t.TextPosition(0) == 0);
  CHECK(t.TextPosition(1) == 1);  // the entity
  CHECK(t.TextPosition(3) == 2);  // inside "&amp;": the next text position, "b"
  CHECK(t.TextPosition(6) == 2);
  CHECK(t.TextPosition(8) == 4);  // inside CR LF: "c"
  CHECK(t.TextPosition(10) == 5);
  CHECK(t.TextPosition(99) == 5);
  for (size_t pos = 0; pos <= t.size(); ++pos) CHECK(t.TextPosition(t.OriginalBegin(pos)) <= pos);
}

TEST_CASE("adjacent copies merge and an empty replacement hides markup", "[mapped_text]") {
  // Original "x<br>y": the tag is removed.
  MappedText t;
  t.AppendCopy("x", 0);
  t.AppendReplacement("", 1, 5);
  t.AppendCopy("y", 5);
  REQUIRE(t.text() == "xy");
  CHECK(t.OriginalBegin(1) == 5);  // "y" starts after the tag
  CHECK(t.OriginalEnd(1) == 1);    // "x" ends before it
  CHECK(t.OriginalEnd(2) == 6);
}

}  // namespace
}  // namespace refrain
