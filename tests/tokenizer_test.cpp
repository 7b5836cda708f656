#include "refrain/tokenizer.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <random>
#include <vector>

namespace refrain {
namespace {

Tokenizer Make(TokenizerOptions options = {}) {
  Result<Tokenizer> tokenizer = Tokenizer::Create(options);
  REQUIRE(tokenizer.ok());
  return std::move(tokenizer).value();
}

Tokenizer IcuOnly() {
  TokenizerOptions options;
  options.ascii_fast_path = false;
  return Make(options);
}

using Tokens = std::vector<std::string>;

struct Case {
  const char* text;
  Tokens tokens;
};

// ICU's word rules as they fall on the text of diplomatic statements. Each case is
// checked against ICU alone too, so the table states what ICU does, not a wish.
const Case kCases[] = {
    {"U.S. officials", {"u.s", "officials"}},  // letters joined by '.'; the last '.' is not
    {"don't", {"don't"}},
    {"Wang Yi's visit", {"wang", "yi's", "visit"}},
    {"1,000 troops", {"1,000", "troops"}},
    {"3.5 percent", {"3.5", "percent"}},
    {"1.2.3 and 10;20", {"1.2.3", "and", "10;20"}},
    {"e-mail", {"e", "mail"}},
    {"COVID-19", {"covid", "19"}},
    {"a:b", {"a", "b"}},  // ICU's root rules leave ':' out of MidLetter
    {"unep@50 and info@un.org", {"unep@50", "and", "info@un.org"}},  // '@' is a letter to ICU
    {"foo_bar _ __", {"foo_bar", "__"}},  // a lone '_' has no word status
    {"x.y.z.", {"x.y.z"}},
    {"a.1 1.a", {"a", "1", "1", "a"}},  // '.' joins letter-letter or digit-digit only
    {"abc123 123abc", {"abc123", "123abc"}},
    {"a''b", {"a", "b"}},
    {"G20,BRICS", {"g20", "brics"}},
    {"Mr. Lavrov said: \xe2\x80\x9cYes.\xe2\x80\x9d", {"mr", "lavrov", "said", "yes"}},
    // Typography folded: U+2019 joins like ' and becomes it; Latin accents go.
    {"China\xe2\x80\x99s position", {"china's", "position"}},
    {"China\xe2\x80\x98s \xca\xbcs", {"china's", "'s"}},  // U+02BC, a letter: its word folds too
    {"Garc\xc3\xa9s garces", {"garces", "garces"}},
    {"M\xc3\xbcller S\xc3\xa3o Paulo", {"muller", "sao", "paulo"}},
    {"\xe0\xa4\xb9\xe0\xa4\xbf\xe0\xa4\x82\xe0\xa4\xa6\xe0\xa5\x80",  // Hindi keeps its signs
     {"\xe0\xa4\xb9\xe0\xa4\xbf\xe0\xa4\x82\xe0\xa4\xa6\xe0\xa5\x80"}},
    {"\xef\xbc\xb5\xef\xbc\xae Charter", {"un", "charter"}},  // fullwidth: NFKC
    {"Stra\xc3\x9f"
     "e",
     {"strasse"}},                       // case folding, not lower-casing
    {"\xef\xac\x81nance", {"finance"}},  // the ligature fi: NFKC
    {"co\xc2\xad"
     "operation",
     {"cooperation"}},  // soft hyphen: ignorable
    {"\xd0\x9b\xd0\xb0\xd0\xb2\xd1\x80\xd0\xbe\xd0\xb2",
     {"\xd0\xbb\xd0\xb0\xd0\xb2\xd1\x80\xd0\xbe\xd0\xb2"}},
    {"19.09.2021 93 "
     "\xd0\xbf\xd1\x80\xd0\xbe\xd1\x81\xd0\xbc\xd0\xbe\xd1\x82\xd1\x80\xd0\xbe\xd0\xb2",
     {"19.09.2021", "93",
      "\xd0\xbf\xd1\x80\xd0\xbe\xd1\x81\xd0\xbc\xd0\xbe\xd1\x82\xd1\x80\xd0\xbe\xd0\xb2"}},
    // Ill-formed UTF-8 reads as U+FFFD, which is never part of a word.
    {"abc\xff\xfe"
     "def",
     {"abc", "def"}},
    {"caf\xc3", {"caf"}},
    {"\x80x y\xe4\xb8", {"x", "y"}},
    {"", {}},
    {"  \xe2\x80\x94 ... !? ", {}},
    {"Tab\tand\nnewline\r\n", {"tab", "and", "newline"}},
};

TEST_CASE("tricky cases: the table, and the fast path equals ICU", "[tokenizer]") {
  Tokenizer fast = Make();
  Tokenizer icu = IcuOnly();
  for (const Case& c : kCases) {
    INFO("text: " << c.text);
    CHECK(icu.Tokenize(c.text) == c.tokens);
    CHECK(fast.Tokenize(c.text) == c.tokens);
  }
}

TEST_CASE("fold_typography off keeps NFKC_Casefold's terms exactly", "[tokenizer]") {
  TokenizerOptions options;
  options.fold_typography = false;
  Tokenizer exact = Make(options);
  CHECK(exact.Tokenize("China\xe2\x80\x99s Garc\xc3\xa9s") ==
        Tokens{"china\xe2\x80\x99s", "garc\xc3\xa9s"});
  // Folded, the curly and the straight apostrophe make one term, stemmed alike.
  options.fold_typography = true;
  options.stem = true;
  Tokenizer stemming = Make(options);
  CHECK(stemming.Tokenize("China\xe2\x80\x99s territory") ==
        stemming.Tokenize("China's territory"));
}

TEST_CASE("ideographs are kept as words, cut by ICU's dictionary", "[tokenizer]") {
  Tokenizer tokenizer = Make();
  // "Ministry of Foreign Affairs of the People's Republic of China", with a full stop.
  const std::string text =
      "\xe4\xb8\xad\xe5\x8d\x8e\xe4\xba\xba\xe6\xb0\x91\xe5\x85\xb1\xe5\x92\x8c\xe5\x9b\xbd\xe5\xa4"
      "\x96\xe4\xba\xa4\xe9\x83\xa8\xe3\x80\x82";
  Tokens tokens = tokenizer.Tokenize(text);
  CHECK(tokens.size() >= 2);
  std::string joined;
  for (const std::string& t : tokens) joined += t;
  CHECK(joined == text.substr(0, text.size() - 3));  // all but the ideographic full stop
}

// Random strings over the characters that matter to the rules: every ASCII byte, plus
// a few non-ASCII ones (a letter, a curly apostrophe, a combining accent, an ideograph,
// a zero-width joiner) that make the fast path hand stretches to ICU.
TEST_CASE("the fast path equals ICU on random strings", "[tokenizer]") {
  std::vector<std::string> alphabet = {"a",           "B",
                                       "1",           "_",
                                       ".",           "'",
                                       ",",           ";",
                                       "@",           " ",
                                       "\xc3\xa9",    "\xe2\x80\x99",
                                       "\xcc\x81",    "\xe4\xb8\xad",
                                       "\xe2\x80\x8d"};
  const size_t dense = 10;  // the first ten: word characters and their joiners
  for (int c = 1; c < 128; ++c) alphabet.emplace_back(1, static_cast<char>(c));
  Tokenizer fast = Make();
  Tokenizer icu = IcuOnly();
  std::mt19937 rng(20240725);
  int mismatches = 0;
  for (int i = 0; i < 100000 && mismatches < 5; ++i) {
    std::string text;
    const size_t length = rng() % 14;
    const size_t range = i % 3 == 0 ? dense : i % 3 == 1 ? 15 : alphabet.size();
    for (size_t k = 0; k < length; ++k) text += alphabet[rng() % range];
    if (fast.Tokenize(text) != icu.Tokenize(text)) {
      ++mismatches;
      UNSCOPED_INFO("mismatch on [" << text << "]");
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("stop words are scikit-learn's and are dropped before stemming", "[tokenizer]") {
  std::span<const std::string_view> words = EnglishStopWords();
  CHECK(words.size() == 318);
  CHECK(std::is_sorted(words.begin(), words.end()));
  CHECK(std::binary_search(words.begin(), words.end(), "the"));
  CHECK(std::binary_search(words.begin(), words.end(), "whereupon"));
  CHECK_FALSE(std::binary_search(words.begin(), words.end(), "china"));
  TokenizerOptions options;
  options.stop_words = true;
  Tokenizer tokenizer = Make(options);
  CHECK(tokenizer.Tokenize("The talks of THE two ministers") == Tokens{"talks", "ministers"});
}

TEST_CASE("Snowball stems after folding", "[tokenizer]") {
  TokenizerOptions options;
  options.stem = true;
  Tokenizer tokenizer = Make(options);
  CHECK(tokenizer.Tokenize("Talks talked TALKING") == Tokens{"talk", "talk", "talk"});
  CHECK(tokenizer.Tokenize("strengthening cooperation") == Tokens{"strengthen", "cooper"});
  options.stop_words = true;
  Tokenizer both = Make(options);
  // "thereafter" is a stop word; its stem "thereaft" would not be.
  CHECK(both.Tokenize("thereafter relations") == Tokens{"relat"});
}

TEST_CASE("a token list is reused without growing past its contents", "[tokenizer]") {
  Tokenizer tokenizer = Make();
  TokenList tokens;
  tokenizer.Tokenize("Wang Yi met Sergey Lavrov", &tokens);
  REQUIRE(tokens.size() == 5);
  CHECK(tokens[4] == "lavrov");
  tokenizer.Tokenize("Moscow", &tokens);
  REQUIRE(tokens.size() == 1);
  CHECK(tokens[0] == "moscow");
  tokenizer.Tokenize("", &tokens);
  CHECK(tokens.empty());
}

TEST_CASE("the seed corpus: fast path equals ICU line by line", "[tokenizer]") {
  Tokenizer fast = Make();
  Tokenizer icu = IcuOnly();
  size_t lines = 0, tokens = 0;
  for (const char* name :
       {"000_0f0b367ac9a6d8a8.txt", "001_45977d61efef57f5.txt", "002_8a75f7c9174bb132.txt",
        "003_58374e1ec3d5b376.txt", "004_c404e962366cc024.txt"}) {
    std::ifstream in(std::string(REFRAIN_SOURCE_DIR) + "/corpus/seed/" + name, std::ios::binary);
    REQUIRE(in);
    for (std::string line; std::getline(in, line); ++lines) {
      INFO(name << " line " << lines + 1);
      Tokens expected = icu.Tokenize(line);
      CHECK(fast.Tokenize(line) == expected);
      tokens += expected.size();
    }
  }
  CHECK(lines > 150);
  CHECK(tokens > 2000);
}

}  // namespace
}  // namespace refrain
