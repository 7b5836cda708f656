// Turns of transcripts and press conferences: the speaker labels that open paragraphs
// ("MS. LEAVITT:", "Q", "Zhao Lijian:"), who each turn belongs to and what kind it is.
// The shape of a label is checked character by character (no regex: this runs on every
// paragraph of every document).
#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <string_view>

#include "refrain/speakers.h"

namespace refrain {
namespace {

constexpr size_t kMaxLabelBytes = 60;
constexpr int kMaxLabelWords = 6;

// Prefixes shaped like a label that introduce editorial text, not a speaker's words.
constexpr std::string_view kNotSpeakers[] = {
    "background", "contact", "date",    "editor's note", "editor’s note", "location", "media",
    "note",       "notes",   "photo",   "read more",     "related",       "see also", "source",
    "sources",    "subject", "summary", "time",          "topic",         "update",   "where",
    "when",       "what",    "why",     "who",           "how",           "watch",    "listen"};
// Small words a name or an outlet may hold between capitalised ones ("Voice of America").
constexpr std::string_view kConnectors[] = {"of",  "the", "and", "de", "du", "da", "von",
                                            "van", "al",  "bin", "el", "la", "for"};

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsSpace(char c) { return c == ' ' || c == '\t'; }

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (IsUpper(c)) c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Bytes of the space characters (ASCII blanks, NBSP) at `text[i]`, 0 when none.
size_t BlankAt(std::string_view text, size_t i) {
  if (i < text.size() && IsSpace(text[i])) return 1;
  if (i + 1 < text.size() && text[i] == '\xC2' && text[i + 1] == '\xA0') return 2;
  return 0;
}

size_t SkipBlanks(std::string_view text, size_t i) {
  for (size_t n = BlankAt(text, i); n > 0; n = BlankAt(text, i)) i += n;
  return i;
}

// A word of a label: letters (ASCII or any non-ASCII byte), '.', '-', '\'' or '’' inside.
// Sets `caps` when it has no lower-case letter, `title` when it opens with a capital.
bool LabelWord(std::string_view word, bool* caps, bool* title) {
  if (word.empty()) return false;
  bool letter = false;
  *caps = true;
  for (char c : word) {
    const bool high = static_cast<unsigned char>(c) >= 0x80;
    if (IsLower(c)) *caps = false;
    if (IsUpper(c) || IsLower(c) || high) {
      letter = true;
    } else if (c != '.' && c != '-' && c != '\'') {
      return false;
    }
  }
  *title = IsUpper(word.front());
  return letter;
}

// A question turn that asks nothing: the room's "Good afternoon." or "Thank you." before the
// press secretary's opening remarks, which stay remarks (statements), not answers. No '?' and
// at most kMaxGreetingWords words.
constexpr int kMaxGreetingWords = 6;
bool Greeting(std::string_view turn) {
  if (turn.find('?') != std::string_view::npos) return false;
  int words = 0;
  bool in_word = false;
  for (char c : turn) {
    const bool blank = IsSpace(c) || c == '\n' || c == '\r';
    if (!blank && !in_word) ++words;
    in_word = !blank;
  }
  return words <= kMaxGreetingWords;
}

}  // namespace

std::optional<SpeakerLabel> FindSpeakerLabel(std::string_view paragraph) {
  const size_t begin = SkipBlanks(paragraph, 0);
  const std::string_view text = paragraph.substr(begin);
  if (text.empty()) return std::nullopt;
  // The White House writes a question as "Q" and spaces, with no colon.
  if (text[0] == 'Q' && text.size() > 1 && BlankAt(text, 1) > 0) {
    const size_t next = SkipBlanks(text, 1);
    if (next < text.size() && !IsLower(text[next])) return SpeakerLabel{begin + next, "Q"};
    return std::nullopt;
  }
  const size_t colon = text.substr(0, kMaxLabelBytes + 1).find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  const size_t after = SkipBlanks(text, colon + 1);
  const std::string_view label = text.substr(0, colon);
  // Text must follow, after a space ("1:06 P.M." and "http://" are no labels), except after
  // the question and answer letters, which press releases glue to the text ("Q:Another
  // question about ...") when it opens with a capital.
  const bool letter = (label == "Q" || label == "A") && after < text.size() &&
                      (IsUpper(text[after]) || text[after] == '"');
  if ((after == colon + 1 && !letter) || after >= text.size()) return std::nullopt;
  int words = 0;
  bool all_caps = true, all_title = true, first_title = false, last_title = false;
  for (size_t i = 0; i < label.size();) {
    if (IsSpace(label[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < label.size() && !IsSpace(label[j])) ++j;
    std::string_view word = label.substr(i, j - i);
    i = j;
    // "’" (U+2019) inside a name ("O’ROURKE") reads as an apostrophe.
    std::string plain(word);
    for (size_t at = plain.find("\xE2\x80\x99"); at != std::string::npos;
         at = plain.find("\xE2\x80\x99"))
      plain.replace(at, 3, "'");
    bool caps = false, title = false;
    if (!LabelWord(plain, &caps, &title)) return std::nullopt;
    const bool connector = words > 0 && std::find(std::begin(kConnectors), std::end(kConnectors),
                                                  plain) != std::end(kConnectors);
    all_caps = all_caps && caps;
    all_title = all_title && (title || connector);
    if (words == 0) first_title = title;
    last_title = title;
    if (++words > kMaxLabelWords) return std::nullopt;
  }
  if (words == 0 || !(all_caps || (all_title && first_title && last_title))) return std::nullopt;
  std::string speaker(label);
  while (!speaker.empty() && IsSpace(speaker.back())) speaker.pop_back();
  const std::string lower = Lower(speaker);
  if (std::find(std::begin(kNotSpeakers), std::end(kNotSpeakers), lower) != std::end(kNotSpeakers))
    return std::nullopt;
  if (lower == "question") speaker = "Q";
  if (lower == "answer") speaker = "A";
  return SpeakerLabel{begin + after, std::move(speaker)};
}

std::string Spokesperson(const Document& doc) {
  for (std::string_view key : {"speaker", "spokesperson"})
    if (std::string_view value = doc.Meta(key); !value.empty()) return std::string(value);
  const std::string_view title = doc.Meta("title");
  constexpr std::string_view kCue = "Spokesperson ";
  const size_t at = title.find(kCue);
  if (at == std::string_view::npos) return "";
  // The capitalised words after the cue, up to a possessive or a lower-case word.
  std::string name;
  size_t i = at + kCue.size();
  while (i < title.size() && IsUpper(title[i])) {
    size_t j = i;
    while (j < title.size() && title[j] != ' ' && title[j] != '\'' &&
           title.compare(j, 3, "\xE2\x80\x99") != 0)
      ++j;
    if (!name.empty()) name += ' ';
    name.append(title.substr(i, j - i));
    if (j >= title.size() || title[j] != ' ') break;  // "Zhao Lijian's"
    i = j + 1;
  }
  return name;
}

std::vector<BlockTurn> FindTurns(const Document& doc) {
  const std::string_view text(doc.text.text());
  std::vector<std::optional<SpeakerLabel>> labels(doc.blocks.size());
  std::map<std::string, int> times;
  int labelled = 0;
  for (size_t b = 0; b < doc.blocks.size(); ++b) {
    const Block& block = doc.blocks[b];
    if (block.end <= block.begin ||
        (block.kind != Block::Kind::kParagraph && block.kind != Block::Kind::kQuote))
      continue;
    labels[b] = FindSpeakerLabel(text.substr(block.begin, block.end - block.begin));
    if (!labels[b]) continue;
    ++labelled;
    ++times[labels[b]->speaker];
  }
  const bool repeated =
      std::any_of(times.begin(), times.end(), [](const auto& entry) { return entry.second >= 2; });
  // A question label answered by an answer label is an exchange however short: a press
  // release that carries one "Q:" and its "A:" is a transcript of one question.
  const bool exchange = times.contains("Q") && times.contains("A");
  if ((labelled < 3 || !repeated) && !exchange) return {};

  const std::string spokesperson = Spokesperson(doc);
  std::vector<BlockTurn> turns(doc.blocks.size());
  BlockTurn current{0, spokesperson, TurnKind::kStatement};
  bool asked = false;
  for (size_t b = 0; b < doc.blocks.size(); ++b) {
    if (labels[b]) {
      const std::string& label = labels[b]->speaker;
      current.label_length = labels[b]->length;
      if (label == "Q") {
        current.speaker = label;
        current.kind = TurnKind::kQuestion;
      } else if (label == "A") {
        current.speaker = spokesperson.empty() ? label : spokesperson;
        current.kind = TurnKind::kAnswer;
      } else if (!spokesperson.empty() && !SpeakerMatches(spokesperson, label)) {
        current.speaker = label;
        current.kind = TurnKind::kQuestion;
      } else {
        current.speaker = label;
        current.kind = asked ? TurnKind::kAnswer : TurnKind::kStatement;
      }
      if (current.kind == TurnKind::kQuestion && !asked) {
        const Block& block = doc.blocks[b];
        asked = !Greeting(text.substr(block.begin + current.label_length,
                                      block.end - block.begin - current.label_length));
      }
    } else {
      current.label_length = 0;
    }
    turns[b] = current;
  }
  return turns;
}

}  // namespace refrain
