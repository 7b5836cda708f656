#include "clutter_rules.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>
#include <string>

#include "util/text.h"

namespace refrain::clutter {
namespace {

using text::EndsWithIgnoreAsciiCase;
using text::EqualsIgnoreAsciiCase;
using text::HasSpace;
using text::IsAsciiAlnum;
using text::SpaceAt;
using text::TrimSpace;

const uint8_t* Bytes(std::string_view text) {
  return reinterpret_cast<const uint8_t*>(text.data());
}

// Web-UI phrases, as lower-case ASCII words. Strong ones hardly ever occur in
// reported speech; weak ones ("newsletter", "password", "sign up", "read more")
// also occur in government prose and only count together with another. Tuned on
// the White House corpus, where press releases promote newsletters and sign-ups.
struct UiPhrase {
  std::array<std::string_view, 3> words;
  int weight;
};
constexpr UiPhrase kUiPhrases[] = {
    {{"click", "here"}, 2},
    {{"click", "on"}, 2},
    {{"click", "the"}, 2},
    {{"click", "below"}, 2},
    {{"clicking", "here"}, 2},
    {{"free", "trial"}, 2},
    {{"qr", "code"}, 2},
    {{"your", "account"}, 2},
    {{"create", "an", "account"}, 2},
    {{"required", "fields"}, 2},
    {{"leave", "a", "reply"}, 2},
    {{"leave", "a", "comment"}, 2},
    {{"load", "more"}, 2},
    {{"all", "rights", "reserved"}, 2},
    {{"captcha"}, 2},
    {{"unsubscribe"}, 2},
    {{"box", "below"}, 2},
    {{"button", "below"}, 2},
    {{"please", "enter"}, 2},
    {{"min", "read"}, 2},
    {{"subscribe", "now"}, 2},
    {{"subscribe", "to", "our"}, 2},
    {{"identifying", "code"}, 2},
    {{"click"}, 1},
    {{"login"}, 1},
    {{"logout"}, 1},
    {{"log", "in"}, 1},
    {{"sign", "in"}, 1},
    {{"sign", "up"}, 1},
    {{"newsletter"}, 1},
    {{"newsletters"}, 1},
    {{"email", "address"}, 1},
    {{"e", "mail", "address"}, 1},
    {{"password"}, 1},
    {{"read", "more"}, 1},
    {{"follow", "us"}, 1},
    {{"subscribe"}, 1},
    {{"subscription"}, 1},
    {{"download"}, 1},
    {{"print"}, 1},
    {{"cookies"}, 1},
    {{"privacy", "policy"}, 1},
    {{"terms", "of", "use"}, 1},
    {{"copyright"}, 1},
    {{"related", "news"}, 1},
    {{"related", "articles"}, 1},
    {{"most", "popular"}, 1},
    {{"contact", "us"}, 1},
    {{"write", "to", "us"}, 1},
    {{"reload"}, 1},
    {{"button"}, 1},
    {{"share", "this"}, 1},
    {{"mobile", "phone"}, 1},
    {{"scan"}, 1},
};
constexpr size_t kUiPhraseCount = sizeof(kUiPhrases) / sizeof(kUiPhrases[0]);

// Names of HTML elements: a '<' followed by one of these is a tag, not a comparison.
constexpr std::string_view kHtmlElements[] = {
    "a",      "abbr",    "article", "aside",  "audio",      "b",      "big",      "blockquote",
    "br",     "button",  "caption", "center", "code",       "col",    "dd",       "div",
    "dl",     "dt",      "em",      "embed",  "figcaption", "figure", "font",     "footer",
    "form",   "h1",      "h2",      "h3",     "h4",         "h5",     "h6",       "header",
    "hr",     "i",       "iframe",  "img",    "input",      "label",  "li",       "link",
    "meta",   "nav",     "object",  "ol",     "option",     "p",      "pre",      "s",
    "script", "section", "select",  "small",  "source",     "span",   "strike",   "strong",
    "style",  "sub",     "sup",     "table",  "tbody",      "td",     "textarea", "th",
    "thead",  "tr",      "u",       "ul",     "video",      "wbr",
};

bool IsHtmlElement(std::string_view name) {
  for (std::string_view e : kHtmlElements)
    if (EqualsIgnoreAsciiCase(name, e)) return true;
  return false;
}

}  // namespace

Shape ShapeOf(std::string_view text, int word_limit) {
  Shape shape;
  const size_t n = text.size();
  size_t i = 0;
  while (i < n && shape.words <= word_limit) {
    if (size_t s = SpaceAt(text, i)) {
      i += s;
      continue;
    }
    // One whitespace-separated token.
    bool alnum = false, digit = false, numeric_only = true, first_letter_seen = false;
    bool capital = false;
    while (i < n) {
      const uint8_t a = static_cast<uint8_t>(text[i]);
      if (a < 0x80) {  // ASCII without ICU's property lookups
        if (a == ' ' || (a >= 0x09 && a <= 0x0D)) break;
        ++i;
        if (a >= '0' && a <= '9') {
          alnum = digit = true;
        } else if ((a | 0x20) >= 'a' && (a | 0x20) <= 'z') {
          alnum = true;
          numeric_only = false;
          if (!first_letter_seen) capital = a <= 'Z';
          first_letter_seen = true;
        } else if (!(a == '.' || a == ',' || a == ':' || a == '/' || a == '-')) {
          numeric_only = false;
        }
        continue;
      }
      if (SpaceAt(text, i)) break;
      int32_t j = static_cast<int32_t>(i);
      const int32_t limit = static_cast<int32_t>(std::min(n, i + 4));
      UChar32 c;
      U8_NEXT(Bytes(text), j, limit, c);
      i = static_cast<size_t>(j);
      if (c < 0) {
        numeric_only = false;
        continue;
      }
      if (u_isdigit(c)) {
        alnum = digit = true;
      } else if (u_isalpha(c)) {
        alnum = true;
        numeric_only = false;
        if (!first_letter_seen) capital = u_isupper(c) || u_istitle(c);
        first_letter_seen = true;
      } else if (!(c == '.' || c == ',' || c == ':' || c == '/' || c == '-')) {
        numeric_only = false;
      }
    }
    if (!alnum) continue;
    ++shape.words;
    if (capital) ++shape.capitalised;
    if (digit && numeric_only) ++shape.numeric;
  }

  // A remark in brackets after a full sentence ("...yesterday. (journalist nods)") leaves
  // it a sentence; a bracketed remark alone ("(Photo by ...)") is not one.
  const std::string_view trimmed = TrimSpace(text);
  if (!trimmed.empty() && trimmed.back() == ')') {
    const size_t open = trimmed.rfind('(');
    if (open != std::string_view::npos && open > 0 && ShapeOf(trimmed.substr(0, open)).terminal) {
      shape.terminal = true;
      return shape;
    }
  }
  // The tail: closing quotes and brackets, then the punctuation that ends a sentence.
  int32_t end = static_cast<int32_t>(TrimSpace(text).data() - text.data() + TrimSpace(text).size());
  UChar32 c = -1;
  while (end > 0) {
    U8_PREV(Bytes(text), 0, end, c);
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
        c == 0x00BB || c == 0x300D || c == 0x300F)
      continue;
    break;
  }
  if (c == 0x2026 || (c == '.' && end >= 2 && text[end - 1] == '.' && text[end - 2] == '.')) {
    // An ellipsis: glued to a letter it marks a teaser cut mid-word ("relatio…").
    const int32_t ellipsis = c == 0x2026 ? end : end - 2;
    int32_t before = ellipsis;  // moves to the start of the character before the ellipsis
    UChar32 p = -1;
    if (before > 0) U8_PREV(Bytes(text), 0, before, p);
    if (p >= 0 && u_isalpha(p)) {
      shape.truncated = true;
      shape.cut_word_end = static_cast<size_t>(ellipsis);
      int32_t word = before;
      while (word > 0) {
        int32_t prev = word;
        UChar32 q;
        U8_PREV(Bytes(text), 0, prev, q);
        if (q < 0 || !u_isalpha(q)) break;
        word = prev;
      }
      shape.cut_word_begin = static_cast<size_t>(word);
    } else {
      shape.terminal = true;
    }
  } else if (c == '.' || c == '!' || c == '?' || c == ';' || c == 0x3002 || c == 0xFF01 ||
             c == 0xFF1F || c == 0x203C || c == 0xFF1B) {
    shape.terminal = true;
  } else if ((c == 0x2014 || c == 0x2013 || (c == '-' && end > 0 && text[end - 1] == '-')) &&
             shape.words >= 3) {
    // A dash at the end is speech cut off in a transcript ("Q So we don't know whether it was —").
    shape.terminal = true;

  } else if (c == ':' || c == 0xFF1A) {
    // "The leaders discussed the following:" introduces a list; "Related News:" is a label.
    shape.terminal = shape.words >= 6;
  }
  return shape;
}

bool HasEmail(std::string_view text) {
  if (text.find("[email\xC2\xA0protected]") != std::string_view::npos ||
      text.find("[email protected]") != std::string_view::npos)
    return true;
  for (size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    if (at == 0 || !(IsAsciiAlnum(text[at - 1]) || text[at - 1] == '.' || text[at - 1] == '_' ||
                     text[at - 1] == '-' || text[at - 1] == '+'))
      continue;
    // The domain: labels of letters, digits and '-' joined by dots, at least one dot.
    size_t k = at + 1;
    bool dot = false;
    size_t label = 0;
    while (k < text.size() && (IsAsciiAlnum(text[k]) || text[k] == '-' || text[k] == '.')) {
      if (text[k] == '.') {
        if (label == 0) break;
        dot = true;
        label = 0;
      } else {
        ++label;
      }
      ++k;
    }
    if (dot && label >= 2) return true;
    if (dot && label == 0 && k >= 2 && text[k - 1] == '.') return true;  // "…@x.org." at the end
  }
  return false;
}

// Inflections and common derivations: a word followed by one of these is still a word.
bool IsEnglishEnding(std::string_view tail) {
  static constexpr std::string_view kEndings[] = {
      "s",    "es",   "d",    "ed",    "n",    "en",  "ing",  "ings", "er",   "ers",
      "est",  "ly",   "y",    "al",    "ally", "ion", "ions", "ive",  "ment", "ments",
      "ness", "ful",  "ity",  "ities", "ies",  "ic",  "ics",  "ism",  "ist",  "ists",
      "ship", "ance", "ence", "ant",   "ent",  "ize", "ise",  "ized", "ised", "able",
      "ible", "less", "r",    "st",    "ary",  "ous", "ial",  "ical", "ward", "wards",
      "side", "line", "put",  "come",  "care", "ier", "iest"};
  for (std::string_view e : kEndings)
    if (EqualsIgnoreAsciiCase(tail, e)) return true;
  return false;
}

bool CutMidWord(std::string_view document, size_t begin, size_t end) {
  if (end <= begin || end > document.size()) return false;
  const std::string_view word = document.substr(begin, end - begin);
  if (word.size() < 4) return false;
  bool longer = false;
  // The word as written and with its first ASCII letter's case flipped ("Relatio", "relatio").
  std::string other(word);
  other[0] = text::IsAsciiLower(other[0]) ? text::AsciiUpper(other[0]) : text::AsciiLower(other[0]);
  for (std::string_view form : {word, std::string_view(other)}) {
    for (size_t at = document.find(form); at != std::string_view::npos;
         at = document.find(form, at + 1)) {
      if (at == begin) continue;
      if (at > 0) {
        int32_t prev = static_cast<int32_t>(at);
        UChar32 p;
        U8_PREV(Bytes(document), 0, prev, p);
        if (p >= 0 && u_isalnum(p)) continue;  // inside another word
      }
      const size_t after = at + form.size();
      UChar32 n = -1;
      if (after < document.size()) {
        int32_t next = static_cast<int32_t>(after);
        U8_NEXT(Bytes(document), next, static_cast<int32_t>(std::min(document.size(), after + 4)),
                n);
      }
      if (n >= 0 && u_isalpha(n)) {
        // "gain" before "gains", "promise" before "promised" is a whole word too: only an
        // ending no English word takes ("relatio" + "ns") shows the cut.
        size_t tail_end = after;
        while (tail_end < document.size() && IsAsciiAlnum(document[tail_end])) ++tail_end;
        if (!IsEnglishEnding(document.substr(after, tail_end - after))) longer = true;
      } else {
        return false;  // the word stands alone elsewhere: it is whole
      }
    }
  }
  return longer;
}

bool AddressesReader(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (!IsAsciiAlnum(text[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && IsAsciiAlnum(text[j])) ++j;
    const std::string_view word = text.substr(i, j - i);
    if (EqualsIgnoreAsciiCase(word, "you") || EqualsIgnoreAsciiCase(word, "your")) return true;
    i = j;
  }
  return false;
}

bool IsEmailOrUrlOnly(std::string_view text) {
  text = TrimSpace(text);
  if (text.empty() || HasSpace(text)) return false;
  if (text.starts_with("http://") || text.starts_with("https://") || text.starts_with("www."))
    return true;
  return HasEmail(text);
}

bool IsImageFileName(std::string_view text) {
  text = TrimSpace(text);
  if (text.empty() || HasSpace(text)) return false;
  static constexpr std::string_view kExtensions[] = {".jpg", ".jpeg", ".png",  ".gif", ".webp",
                                                     ".bmp", ".tif",  ".tiff", ".svg"};
  for (std::string_view ext : kExtensions)
    if (text.size() > ext.size() && EndsWithIgnoreAsciiCase(text, ext)) return true;
  return false;
}

int UiScore(std::string_view text) {
  // Lower-case ASCII words of the text; other characters separate words.
  std::vector<std::string_view> words;
  std::string lower(text.size(), ' ');
  for (size_t i = 0; i < text.size(); ++i) lower[i] = text::AsciiLower(text[i]);
  std::string_view l(lower);
  for (size_t i = 0; i < l.size();) {
    if (!IsAsciiAlnum(l[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < l.size() && IsAsciiAlnum(l[j])) ++j;
    words.push_back(l.substr(i, j - i));
    i = j;
  }
  // Each phrase counts once: "Print ... print" is one weak hint, not two.
  std::array<bool, kUiPhraseCount> seen{};
  int score = 0;
  for (size_t w = 0; w < words.size(); ++w) {
    for (size_t p = 0; p < kUiPhraseCount; ++p) {
      const UiPhrase& phrase = kUiPhrases[p];
      size_t k = 0;
      while (k < phrase.words.size() && !phrase.words[k].empty() && w + k < words.size() &&
             words[w + k] == phrase.words[k])
        ++k;
      if (k == phrase.words.size() || (k > 0 && phrase.words[k].empty())) {
        if (!seen[p]) score += phrase.weight;
        seen[p] = true;
        break;  // the first (longest, strongest) phrase at a word wins: "click here", not "click"
      }
    }
  }
  return score;
}

void FindStrayTags(std::string_view text, std::vector<std::pair<size_t, size_t>>& out) {
  for (size_t lt = text.find('<'); lt != std::string_view::npos; lt = text.find('<', lt + 1)) {
    size_t k = lt + 1;
    while (k < text.size() && text[k] == ' ') ++k;
    if (k < text.size() && text[k] == '/') ++k;
    while (k < text.size() && text[k] == ' ') ++k;
    const size_t name_begin = k;
    while (k < text.size() && IsAsciiAlnum(text[k])) ++k;
    if (k == name_begin || !IsHtmlElement(text.substr(name_begin, k - name_begin))) continue;
    if (k >= text.size() || !(text[k] == '>' || text[k] == '/' || text[k] == ' ')) continue;
    // Attributes, if any, up to the closing '>' on the same line, not too far.
    size_t gt = k;
    const size_t limit = std::min(text.size(), k + 300);
    while (gt < limit && text[gt] != '>' && text[gt] != '<' && text[gt] != '\n') ++gt;
    if (gt >= limit || text[gt] != '>') continue;
    out.emplace_back(lt, gt + 1);
    lt = gt;
  }
}

}  // namespace refrain::clutter
