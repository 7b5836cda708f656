// Raw text into UD English words, following EWT's tokenisation closely enough for the tagger:
// punctuation is its own word, abbreviations keep their period, clitics are split off.
#include <algorithm>
#include <array>

#include "refrain/parser.h"

namespace refrain {
namespace {

constexpr std::array<std::string_view, 8> kLeading = {"(",      "[",      "{",      "\"",
                                                      "\u201c", "\u2018", "\u00ab", "'"};
constexpr std::array<std::string_view, 16> kTrailing = {
    ")", "]",      "}",      "\"",     ",",      ";", ":",   "!",
    "?", "\u201d", "\u2019", "\u00bb", "\u2026", "'", "...", "."};
constexpr std::array<std::string_view, 14> kClitics = {
    "n't",      "n\u2019t", "'s",       "\u2019s", "'re",     "\u2019re", "'ve",
    "\u2019ve", "'ll",      "\u2019ll", "'d",      "\u2019d", "'m",       "\u2019m"};
// Abbreviations whose period EWT keeps inside the word.
constexpr std::array<std::string_view, 40> kAbbreviations = {
    "mr.",   "mrs.",  "ms.",  "dr.",     "st.",  "jr.",  "sr.",   "inc.",  "co.",  "corp.",
    "ltd.",  "no.",   "vs.",  "etc.",    "gov.", "sen.", "rep.",  "gen.",  "lt.",  "col.",
    "prof.", "jan.",  "feb.", "mar.",    "apr.", "aug.", "sept.", "sep.",  "oct.", "nov.",
    "dec.",  "dept.", "est.", "approx.", "ave.", "sgt.", "capt.", "cmdr.", "adm.", "pres."};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool EndsWithLower(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  return Lower(s.substr(s.size() - suffix.size())) == suffix;
}

// "U.S.", "e.g.", "a.m.": letters each followed by a period.
bool IsInitialism(std::string_view s) {
  if (s.size() < 4 || s.size() % 2 != 0) return false;
  for (size_t i = 0; i < s.size(); i += 2) {
    char c = s[i];
    bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (!letter || s[i + 1] != '.') return false;
  }
  return true;
}

bool KeepsPeriod(std::string_view word) {
  if (IsInitialism(word)) return true;
  std::string lower = Lower(word);
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), lower) != kAbbreviations.end();
}

class Splitter {
 public:
  Splitter(std::string_view text, std::vector<UdWord>* out) : text_(text), out_(out) {}

  void Emit(size_t begin, size_t end) {
    if (begin < end)
      out_->push_back({text_.substr(begin, end - begin), static_cast<uint32_t>(begin),
                       static_cast<uint32_t>(end)});
  }

  // One whitespace-free chunk [begin, end), cut at dashes first.
  void Chunk(size_t begin, size_t end) {
    size_t piece = begin;
    for (size_t i = begin; i < end;) {
      std::string_view rest = text_.substr(i, end - i);
      size_t dash = rest.starts_with("\u2014") || rest.starts_with("\u2013") ? 3
                    : rest.starts_with("--")                                 ? 2
                                                                             : 0;
      if (dash == 0) {
        ++i;
        continue;
      }
      Word(piece, i);
      Emit(i, i + dash);
      i += dash;
      piece = i;
    }
    Word(piece, end);
  }

  void Word(size_t begin, size_t end) {
    for (bool peeled = true; peeled && begin < end;) {
      peeled = false;
      for (std::string_view p : kLeading) {
        if (end - begin > p.size() && text_.substr(begin, p.size()) == p) {
          Emit(begin, begin + p.size());
          begin += p.size();
          peeled = true;
          break;
        }
      }
    }
    std::vector<std::pair<size_t, size_t>> trailing;
    for (bool peeled = true; peeled && begin < end;) {
      peeled = false;
      std::string_view word = text_.substr(begin, end - begin);
      for (std::string_view p : kTrailing) {
        if (word.size() <= p.size() || !word.ends_with(p)) continue;
        if (p == "." && KeepsPeriod(word)) continue;
        if ((p == "'" || p == "\u2019") &&
            !EndsWithLower(word.substr(0, word.size() - p.size()), "s"))
          continue;  // a closing quote, not a plural possessive: leave for the clitic check
        trailing.emplace_back(end - p.size(), end);
        end -= p.size();
        peeled = true;
        break;
      }
    }
    std::string_view word = text_.substr(begin, end - begin);
    size_t cut = end;
    if (Lower(word) == "cannot") {
      cut = begin + 3;
    } else {
      for (std::string_view clitic : kClitics) {
        if (word.size() > clitic.size() && EndsWithLower(word, clitic)) {
          cut = end - clitic.size();
          break;
        }
      }
    }
    Emit(begin, cut);
    Emit(cut, end);
    for (auto it = trailing.rbegin(); it != trailing.rend(); ++it) Emit(it->first, it->second);
  }

 private:
  std::string_view text_;
  std::vector<UdWord>* out_;
};

}  // namespace

std::vector<UdWord> SplitUdWords(std::string_view text) {
  std::vector<UdWord> words;
  Splitter splitter(text, &words);
  for (size_t i = 0; i < text.size();) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    size_t begin = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    if (begin < i) splitter.Chunk(begin, i);
  }
  return words;
}

}  // namespace refrain
