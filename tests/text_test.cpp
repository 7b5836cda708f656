// The text primitives every stage shares (engine/src/util/text.h). Normalising a statement
// (what the cleaner and the segmenter store as Statement::text) and the walk back from it
// (what the clause cutter uses to give every clause its bytes in the file) must see the
// same text: a second copy of the zero-width set once missed the soft hyphen, and no
// statement holding one was ever cut into clauses.
#include "util/text.h"

#include <unicode/utf8.h>

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "match/clauses.h"

namespace refrain::text {
namespace {

// [begin, end) of every word of a normalised text (cut at its single spaces).
std::vector<std::pair<size_t, size_t>> Words(std::string_view normalised) {
  std::vector<std::pair<size_t, size_t>> words;
  for (size_t i = 0; i < normalised.size();) {
    size_t j = normalised.find(' ', i);
    if (j == std::string_view::npos) j = normalised.size();
    words.emplace_back(i, j);
    i = j + 1;
  }
  return words;
}

TEST_CASE("the cleaner's and the clause cutter's view of a statement agree", "[text]") {
  struct Case {
    const char* what;
    std::string visible;     // as the reader leaves it
    std::string normalised;  // Statement::text
    size_t clauses;          // how many clauses the cutter makes of it
  };
  const Case kCases[] = {
      {"plain prose (seed)",
       "Russia supports China in hosting the Winter Olympics, and wishes the Games success.",
       "Russia supports China in hosting the Winter Olympics, and wishes the Games success.", 2},
      {"a soft hyphen opening a sentence (wh-briefings, 2024-04-16 global health security)",
       "\u00ADIt places county-driven action, equity, and inclusion at its core to\nensure the "
       "world is better prepared to prevent and respond to health\nemergencies, including "
       "pandemics.",
       "It places county-driven action, equity, and inclusion at its core to ensure the world is "
       "better prepared to prevent and respond to health emergencies, including pandemics.",
       2},
      {"a soft hyphen inside a word (wh-briefings, 2023-08-18 Camp David)",
       "In this spirit,\nPre\u00ADsident Biden commended President Yoon and Prime Minister "
       "Kishida for\ntheir courageous leadership in transforming relations between Japan and\n"
       "the ROK.",
       "In this spirit, President Biden commended President Yoon and Prime Minister Kishida for "
       "their courageous leadership in transforming relations between Japan and the ROK.",
       1},
      {"three soft hyphens in a row (wh-briefings, 2023-01-18 judicial nominees)",
       "The President is announcing his intent to nominate four individuals to\nserve as federal "
       "judges\u2014all of whom are extraordinar\u00AD\u00AD\u00ADily qualified,\nexperienced, "
       "and devoted to the rule of law and our Constitution.",
       "The President is announcing his intent to nominate four individuals to serve as federal "
       "judges\u2014all of whom are extraordinarily qualified, experienced, and devoted to the "
       "rule of law and our Constitution.",
       2},
      {"a soft hyphen between a space and a dash (wh-briefings, 2022-06-28 food security)",
       "in more than 40 of\n    the most vulnerable countries \u00AD\u2013 Ukraine, as well as "
       "across 24\n    countries and regions in Africa",
       "in more than 40 of the most vulnerable countries \u2013 Ukraine, as well as across 24 "
       "countries and regions in Africa",
       2},
      {"zero-width space, word joiner and BOM", "Biden-\u2060Harris said\u200B that \uFEFFCOVID-19",
       "Biden-Harris said that COVID-19", 1},
      {"NBSP, thin space, line separator, ideographic space",
       "Ms.\u00A0 Carter\u2009noted\u2028that the\u3000talks went well",
       "Ms. Carter noted that the talks went well", 1},
      {"line feeds, tabs and a carriage return", "a\n\tb  c\r\nd e f", "a b c d e f", 1},
      {"control characters", "the end\x01 of the\x7F line", "the end of the line", 1},
  };
  for (const Case& c : kCases) {
    INFO(c.what);
    const std::string normalised = Normalise(c.visible);
    CHECK(normalised == c.normalised);
    std::vector<std::pair<size_t, size_t>> ranges = {{0, normalised.size()}};
    const std::vector<std::pair<size_t, size_t>> clauses =
        internal::CutClauses(normalised, internal::ClauseOptions{});
    CHECK(clauses.size() == c.clauses);
    ranges.insert(ranges.end(), clauses.begin(), clauses.end());
    for (const auto& w : Words(normalised)) ranges.push_back(w);
    for (const auto& [begin, end] : ranges) {
      const std::string_view piece = std::string_view(normalised).substr(begin, end - begin);
      INFO(piece);
      size_t visible_begin = 0, visible_end = 0;
      REQUIRE(MapNormalised(c.visible, 0, normalised, begin, end, &visible_begin, &visible_end));
      // The bytes found are exactly the piece: normalised again, they read the same, and
      // they start and end on the piece's own first and last characters.
      CHECK(Normalise(std::string_view(c.visible).substr(visible_begin,
                                                         visible_end - visible_begin)) == piece);
      CHECK(c.visible[visible_begin] == piece.front());
      CHECK(c.visible[visible_end - 1] == piece.back());
    }
  }
}

TEST_CASE("every character normalising drops or keeps, the walk back agrees", "[text]") {
  // "x", one Unicode scalar value, "y": whatever normalising makes of the character (a
  // space, nothing, itself), mapping the whole normalised text back finds "x" and "y".
  size_t spaces = 0, dropped = 0;
  for (UChar32 cp = 1; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;  // surrogates are not UTF-8
    std::string text = "x";
    char bytes[4];
    int32_t length = 0;
    U8_APPEND_UNSAFE(bytes, length, cp);
    text.append(bytes, static_cast<size_t>(length));
    text += 'y';
    const std::string normalised = Normalise(text);
    spaces += normalised == "x y";
    dropped += normalised == "xy";
    size_t b = 0, e = 0;
    INFO("U+" << std::hex << cp);
    REQUIRE(MapNormalised(text, 0, normalised, 0, normalised.size(), &b, &e));
    REQUIRE(b == 0);
    REQUIRE(e == text.size());
  }
  // The soft hyphen, U+200B..U+200D, U+2060, U+FEFF and the control characters that are
  // not white space (0x01-0x08, 0x0E-0x1F, 0x7F) go; ASCII and Unicode white space is one.
  CHECK(dropped == 6 + 8 + 18 + 1);
  CHECK(spaces == 6 + 2 + 11 + 3 + 1 + 1 + 1);
}

TEST_CASE("white space, zero width and case, one definition each", "[text]") {
  CHECK(SpaceAt("\u00A0x", 0) == 2);
  CHECK(SpaceAt("\u00ADx", 0) == 0);      // a soft hyphen is no space...
  CHECK(ZeroWidthAt("\u00ADx", 0) == 2);  // ...but zero-width
  CHECK(DroppedAt("\x01", 0) == 1);
  CHECK(DroppedAt("\t", 0) == 0);
  CHECK(SpaceBefore("a\u2009", 4) == 3);
  CHECK(TrimSpace("\u00A0 a b\u3000") == "a b");
  CHECK(TrimSpace(" \u00A0a b ", 0, 7) == std::pair<size_t, size_t>{3, 6});
  CHECK(TrimSpace("   ", 0, 3).first == TrimSpace("   ", 0, 3).second);
  CHECK(TrimAsciiSpace("\t 2021-07-15 \r\n") == "2021-07-15");
  CHECK(TrimAsciiSpace("\u00A02021") == "\u00A02021");  // ASCII only
  CHECK(TrimChars("\"'climate change'\" ", " \"'") == "climate change");
  CHECK(TrimChars("  ", " ").empty());
  CHECK(AsciiLower("Wang Yi SAID \u00C9") == "wang yi said \u00C9");  // UTF-8 untouched
  CHECK(EqualsIgnoreAsciiCase("Click HERE", "click here"));
  CHECK_FALSE(EqualsIgnoreAsciiCase("click", "clicks"));
  CHECK(EndsWithIgnoreAsciiCase("photo.JPEG", ".jpeg"));
}

TEST_CASE("who said it is left out of the last clause, what was said is kept", "[text]") {
  struct Case {
    const char* what;
    const char* text;
    const char* last_clause;  // the last clause the cutter returns
  };
  const Case kCases[] = {
      {"name and verb (seed, 2024-07-25)",
       "China is ready to work with Russia to promote regional peace, stability and prosperity, "
       "the Chinese foreign minister added.",
       "China is ready to work with Russia to promote regional peace, stability and prosperity"},
      {"verb then the circumstances of the saying (seed, 2024-07-25)",
       "China is ready to work with Russia to promote regional peace, stability and prosperity, "
       "Chinese Foreign Minister Wang Yi said when meeting with his Russian counterpart Sergey "
       "Lavrov.",
       "China is ready to work with Russia to promote regional peace, stability and prosperity"},
      {"verb then a place and a day",
       "The two sides will keep in close touch on regional hotspots, the spokesperson said at a "
       "regular press conference on Tuesday.",
       "The two sides will keep in close touch on regional hotspots"},
      {"a verb followed by what was said is a claim",
       "After the talks in Vientiane, Wang said the two sides should deepen strategic "
       "coordination.",
       "After the talks in Vientiane, Wang said the two sides should deepen strategic "
       "coordination."},
      {"a relative clause with a speech verb inside is not who said it",
       "The ministers reviewed the agreement, which he said at the time would stand for decades.",
       "he said at the time would stand for decades."},  // the cutter drops the "which"
  };
  for (const Case& c : kCases) {
    INFO(c.what);
    const std::string_view text = c.text;
    const std::vector<std::pair<size_t, size_t>> clauses =
        internal::CutClauses(text, internal::ClauseOptions{});
    REQUIRE(!clauses.empty());
    const auto [begin, end] = clauses.back();
    CHECK(text.substr(begin, end - begin) == c.last_clause);
  }
}

}  // namespace
}  // namespace refrain::text
