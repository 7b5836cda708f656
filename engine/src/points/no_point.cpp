#include "no_point.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include "refrain/tokenizer.h"
#include "util/text.h"

namespace refrain::internal {

// The distinct content words of `text`: words (cut at white space, punctuation at either
// end trimmed, lower case) that are not English stop words and not bare numbers. Distinct,
// so that "Thank you, thank you, thank you." is one word, not three.
int CountContentWords(std::string_view text) {
  const std::span<const std::string_view> stop_words = EnglishStopWords();
  std::vector<std::string> seen;
  size_t i = 0;
  std::string word;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    size_t j = i;
    while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j]))) ++j;
    std::string_view raw = text.substr(i, j - i);
    i = j;
    // ASCII punctuation and the bytes of typographic quotes at either end.
    auto edge = [](unsigned char c) { return c >= 0x80 || std::ispunct(c); };
    while (!raw.empty() && edge(static_cast<unsigned char>(raw.front()))) raw.remove_prefix(1);
    while (!raw.empty() && edge(static_cast<unsigned char>(raw.back()))) raw.remove_suffix(1);
    if (raw.empty()) continue;
    word.assign(raw);
    text::AsciiLowerInPlace(word);
    const bool digits = std::all_of(word.begin(), word.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c));
    });
    if (digits || std::binary_search(stop_words.begin(), stop_words.end(), word)) continue;
    if (std::find(seen.begin(), seen.end(), word) == seen.end()) seen.push_back(word);
  }
  return static_cast<int>(seen.size());
}

namespace {

// The last word of `text`, lower case, without the punctuation around it.
std::string LastWord(std::string_view text) {
  size_t e = text.size();
  auto edge = [](unsigned char c) { return c >= 0x80 || std::ispunct(c) || std::isspace(c); };
  while (e > 0 && edge(static_cast<unsigned char>(text[e - 1]))) --e;
  size_t b = e;
  while (b > 0 && !std::isspace(static_cast<unsigned char>(text[b - 1]))) --b;
  return text::AsciiLower(text.substr(b, e - b));
}

// A heading or a list of names: every content word capitalised, at least one of them in
// mixed case ("Access to Health Care.", "President Biden, Vice President Harris"). A text
// set in capitals throughout is not a heading by this rule: it is all caps, not mixed.
bool IsHeading(std::string_view text) {
  const std::span<const std::string_view> stop_words = EnglishStopWords();
  bool mixed = false;
  int content = 0;
  std::string word;
  for (size_t i = 0; i < text.size();) {
    while (i < text.size() && !std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    size_t j = i;
    while (j < text.size() &&
           (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '-' || text[j] == '\''))
      ++j;
    if (j == i) break;
    const std::string_view raw = text.substr(i, j - i);
    i = j;
    word.assign(raw);
    text::AsciiLowerInPlace(word);
    if (std::binary_search(stop_words.begin(), stop_words.end(), word)) continue;
    if (!std::isupper(static_cast<unsigned char>(raw.front()))) return false;
    ++content;
    mixed = mixed || std::any_of(raw.begin() + 1, raw.end(), [](char c) {
              return std::islower(static_cast<unsigned char>(c));
            });
  }
  return content > 0 && mixed;
}

}  // namespace

std::vector<char> UnitsMakingNoPoint(const Corpus& corpus, std::span<const Unit> units,
                                     int min_words, bool include_questions) {
  static constexpr std::string_view kDangling[] = {
      "a",    "an",   "and",   "are",  "as",   "at",   "be",      "by",       "can",       "could",
      "for",  "from", "had",   "has",  "have", "in",   "include", "includes", "including", "into",
      "is",   "may",  "might", "must", "of",   "on",   "or",      "shall",    "should",    "than",
      "that", "the",  "to",    "was",  "were", "will", "with",    "would"};
  std::vector<char> no_point(units.size());
  for (size_t u = 0; u < units.size(); ++u) {
    const Unit& unit = units[u];
    const std::string last = LastWord(unit.text);
    const std::string& bytes = corpus.documents[unit.doc].bytes;
    const std::string_view text = unit.text;
    const size_t last_char = text.find_last_not_of(" \"'");
    const bool before_colon = (unit.end < bytes.size() && bytes[unit.end] == ':') ||
                              (last_char != std::string_view::npos && text[last_char] == ':');
    no_point[u] =
        CountContentWords(unit.text) < min_words || IsHeading(unit.text) || before_colon ||
        std::find(std::begin(kDangling), std::end(kDangling), last) != std::end(kDangling) ||
        (!include_questions && corpus.statements[unit.statement].turn == TurnKind::kQuestion);
  }
  return no_point;
}

}  // namespace refrain::internal
