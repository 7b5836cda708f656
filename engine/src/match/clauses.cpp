#include "clauses.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string>

#include "util/text.h"

namespace refrain::internal {
namespace {

struct Word {
  size_t begin, end;
};

// The word without the punctuation around it, lower case: "Russia's," -> "russia's".
std::string Bare(std::string_view w) {
  while (!w.empty() && std::ispunct(static_cast<unsigned char>(w.back()))) w.remove_suffix(1);
  while (!w.empty() && std::ispunct(static_cast<unsigned char>(w.front()))) w.remove_prefix(1);
  return text::AsciiLower(w);
}

bool OneOf(std::string_view w, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// Words after which "and" starts a new predicate ("... Beijing and is willing to ...",
// "... in Beijing and wishes success ..."), not a second noun of a list.
bool StartsPredicate(std::string_view w) {
  if (OneOf(w, {"is",        "are",         "was",      "were",       "will",       "would",
                "should",    "shall",       "can",      "could",      "must",       "has",
                "have",      "had",         "stands",   "stand",      "wishes",     "hopes",
                "calls",     "urges",       "supports", "opposes",    "reaffirmed", "reiterated",
                "expressed", "agreed",      "stressed", "emphasized", "welcomed",   "discussed",
                "noted",     "underscored", "called",   "urged",      "pledged",    "vowed",
                "also",      "jointly",     "further",  "firmly",     "resolutely"}))
    return true;
  return false;
}

// Cut between words k-1 and k?
bool CutBefore(const std::vector<Word>& words, std::string_view text, size_t k) {
  const std::string_view prev =
      text.substr(words[k - 1].begin, words[k - 1].end - words[k - 1].begin);
  const std::string_view cur = text.substr(words[k].begin, words[k].end - words[k].begin);
  const char last = prev.back();
  if (last == ';' || last == ':') return true;
  const std::string w = Bare(cur);
  const bool lower_start = !cur.empty() && cur.front() >= 'a' && cur.front() <= 'z';
  if (last == ',') {
    if (OneOf(w, {"and", "but", "while", "whereas", "which", "adding", "noting", "stressing",
                  "saying", "so", "yet", "as"}))
      return true;
    // ", jointly oppose ...", ", firmly uphold ...": a new predicate in a list of them.
    if (lower_start && w.size() > 4 && w.ends_with("ly")) return true;
  }
  if ((w == "and" || w == "but") && k + 1 < words.size()) {
    const std::string next =
        Bare(text.substr(words[k + 1].begin, words[k + 1].end - words[k + 1].begin));
    if (StartsPredicate(next)) return true;
  }
  return false;
}

// Words that join a clause to the one before ("and", "which", "adding").
bool IsConnective(std::string_view w) {
  return OneOf(w, {"and", "but", "while", "whereas", "which", "yet", "so", "adding", "noting",
                   "stressing", "saying"});
}

bool IsSpeechVerb(std::string_view w) {
  return OneOf(
      w, {"said", "says", "added", "adds", "noted", "notes", "stressed", "stated", "emphasized",
          "emphasised", "remarked", "told", "explained", "underlined", "mentioned", "recalled"});
}

// Words that open the circumstances of a saying: "said when meeting ...", "noted at a press
// conference", "added on Thursday".
bool OpensCircumstance(std::string_view w) {
  return OneOf(w, {"when", "while", "during", "at", "in", "on", "after", "before", "as",
                   "following", "today", "yesterday", "here", "there"});
}

// The most words a closing attribution takes: ", Chinese Foreign Minister Wang Yi said when
// meeting with his Russian counterpart Sergey Lavrov." is 13.
constexpr size_t kMaxAttributionWords = 16;

// Words k..last read as who said it: ", Wang Yi said." ", the Russian minister added."
// ", said Wang." ", he noted", and up to kMaxAttributionWords with the circumstances after
// the verb: ", Wang Yi said when meeting with Lavrov." A verb followed by what was said
// (", Wang said the two sides should ...") is a claim, not an attribution.
bool IsAttribution(const std::vector<Word>& words, std::string_view text, size_t k, size_t last) {
  const auto bare = [&](size_t i) {
    return Bare(text.substr(words[i].begin, words[i].end - words[i].begin));
  };
  if (last - k < 7 && (IsSpeechVerb(bare(last)) || IsSpeechVerb(bare(k)))) return true;
  for (size_t j = k; j < last && j <= k + 5; ++j) {
    const std::string w = bare(j);
    // ", which he said at the time ...": a clause of its own, not who said the sentence.
    if (IsConnective(w) || OneOf(w, {"that", "what", "who"})) return false;
    if (IsSpeechVerb(w)) return OpensCircumstance(bare(j + 1));
  }
  return false;
}

}  // namespace

std::vector<std::pair<size_t, size_t>> CutClauses(std::string_view text,
                                                  const ClauseOptions& options) {
  // Words: runs of non-space bytes (the text is normalised: single ASCII spaces).
  std::vector<Word> words;
  for (size_t i = 0; i < text.size();) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t b = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i > b) words.push_back({b, i});
  }
  if (words.empty()) return {};
  const auto word = [&](size_t k) {
    return text.substr(words[k].begin, words[k].end - words[k].begin);
  };

  // Who said it carries no point: a leading "According to him," or "Wang Yi noted that",
  // a transcript's "MS. PSAKI:", and a closing ", Wang Yi said." or ", said Wang." are
  // left out of the clauses.
  size_t begin_word = 0, end_word = words.size();  // [begin_word, end_word)
  if (Bare(word(0)) == "according") {
    for (size_t k = 0; k < words.size() && k < 5; ++k)
      if (word(k).back() == ',') {
        begin_word = k + 1;
        break;
      }
  }
  // A transcript's speaker label: "VICE PRESIDENT HARRIS: Well done.", "Q: ...".
  for (size_t k = begin_word; k + 1 < words.size() && k < begin_word + 6; ++k) {
    const std::string_view w = word(k);
    if (std::any_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; })) break;
    if (w.back() == ':') {
      begin_word = k + 1;
      break;
    }
  }
  for (size_t k = begin_word; k + 1 < words.size() && k < begin_word + 8; ++k) {
    if (word(k).back() == ',') break;
    if (IsSpeechVerb(Bare(word(k))) && Bare(word(k + 1)) == "that") {
      begin_word = k + 2;
      break;
    }
  }
  for (size_t k = end_word; k-- > begin_word + 1;) {
    if (end_word - k > kMaxAttributionWords) break;
    if (word(k - 1).back() != ',') continue;
    if (IsAttribution(words, text, k, end_word - 1)) end_word = k;
    break;
  }
  if (begin_word >= end_word) {
    begin_word = 0;
    end_word = words.size();
  }

  // Pieces as [first word, last word] ranges.
  struct Piece {
    size_t first, last;
    bool drop;
  };
  std::vector<Piece> pieces;
  size_t first = begin_word;
  for (size_t k = begin_word + 1; k < end_word; ++k) {
    if (!CutBefore(words, text, k)) continue;
    pieces.push_back({first, k - 1, false});
    first = k;
  }
  pieces.push_back({first, end_word - 1, false});

  // A piece too short to be a point joins its neighbour (the one before, else after).
  std::vector<Piece> merged;
  for (const Piece& p : pieces) {
    const bool short_piece = static_cast<int>(p.last - p.first + 1) < options.min_words;
    if (!p.drop && short_piece && !merged.empty() && !merged.back().drop) {
      merged.back().last = p.last;
    } else {
      merged.push_back(p);
    }
  }
  if (merged.size() > 1 && !merged.front().drop &&
      static_cast<int>(merged.front().last - merged.front().first + 1) < options.min_words &&
      !merged[1].drop) {
    merged[1].first = merged.front().first;
    merged.erase(merged.begin());
  }
  std::vector<std::pair<size_t, size_t>> out;
  for (Piece& p : merged) {
    if (p.drop) continue;
    // The word that joined a clause to the one before is not part of its point: "and is
    // willing to deepen cooperation" reads "is willing to deepen cooperation", ", adding
    // that China stands ready" reads "China stands ready".
    if (p.first < p.last && IsConnective(Bare(word(p.first)))) {
      ++p.first;
      if (p.first < p.last && Bare(word(p.first)) == "that") ++p.first;
    }
    size_t b = words[p.first].begin, e = words[p.last].end;
    // A clause ends before the comma, semicolon or colon that cut it.
    while (e > b && (text[e - 1] == ',' || text[e - 1] == ';' || text[e - 1] == ':')) --e;
    if (e > b) out.emplace_back(b, e);
  }
  if (out.empty()) out.emplace_back(words.front().begin, words.back().end);
  return out;
}

bool MapToOriginal(const Document& document, const Statement& statement, size_t begin, size_t end,
                   uint64_t* original_begin, uint64_t* original_end) {
  if (begin >= end || end > statement.text.size()) return false;
  const MappedText& mapped = document.text;
  const std::string_view visible(mapped.text());
  if (visible.empty()) return false;
  // The statement's text is its visible text normalised: the walk back is normalising's,
  // from the first visible position at or after the statement's start.
  size_t visible_begin = 0, visible_end = 0;
  if (!text::MapNormalised(visible, mapped.TextPosition(statement.start), statement.text, begin,
                           end, &visible_begin, &visible_end))
    return false;
  const uint64_t b = mapped.OriginalBegin(visible_begin);
  const uint64_t e = mapped.OriginalEnd(visible_end);
  if (b < statement.start || e > statement.end || b >= e) return false;
  *original_begin = b;
  *original_end = e;
  return true;
}

}  // namespace refrain::internal
