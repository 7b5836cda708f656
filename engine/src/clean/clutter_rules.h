// Internal to the cleaner and the segmenter: the shape of a piece of visible text
// (words, capitals, digits, terminal punctuation, e-mail addresses, image file names,
// stray tags, a small generic web-UI vocabulary) that clutter rules judge. The text
// primitives under them (white space, normalising) are util/text.h.
#ifndef REFRAIN_SRC_CLUTTER_RULES_H_
#define REFRAIN_SRC_CLUTTER_RULES_H_

#include <cstddef>
#include <limits>
#include <string_view>
#include <utility>
#include <vector>

namespace refrain::clutter {

struct Shape {
  int words = 0;           // whitespace-separated tokens holding a letter or a digit
  int capitalised = 0;     // words whose first letter is upper case
  int numeric = 0;         // words made of digits and . , : / - only (dates, times, counts)
  bool terminal = false;   // ends with . ! ? (or ':' after a real clause), closing quotes allowed
  bool truncated = false;  // ends with an ellipsis glued to a word: maybe a cut teaser
  size_t cut_word_begin = 0;  // when truncated: [begin, end) of that word in the text
  size_t cut_word_end = 0;
};
// Counting stops once `words` exceeds `word_limit` (the tail is still judged): callers
// that only compare short blocks need not scan long ones.
Shape ShapeOf(std::string_view text, int word_limit = std::numeric_limits<int>::max());

// True when the word at [begin, end) of `document` looks cut mid-word: elsewhere in the
// document it only ever starts longer words ("relatio" of "relations"), never stands alone.
// Speakers trail off with whole words ("...and instability…"); teasers are cut anywhere.
bool CutMidWord(std::string_view document, size_t begin, size_t end);

// True when `text` holds an e-mail address (or the "[email protected]" stand-in
// that Cloudflare's e-mail protection leaves in scraped pages).
bool HasEmail(std::string_view text);
// True when `text` speaks to the reader ("you", "your"): contact boxes and calls to action do.
bool AddressesReader(std::string_view text);
// True when `text` is one token that is an e-mail address or a URL.
bool IsEmailOrUrlOnly(std::string_view text);
// True when `text` is one token naming an image file ("c45b0e....JPEG").
bool IsImageFileName(std::string_view text);

// Generic web-UI vocabulary ("click", "newsletter", "log in", "required
// fields"...): 2 per strong phrase, 1 per weak one. Words that also occur in
// diplomatic prose ("subscribe to the view", "share", "views") are weak or absent.
int UiScore(std::string_view text);

// Appends to `out` the [begin, end) ranges of stray HTML tags ("< br>",
// "</p >") left in visible text. Only names of HTML elements count as tags.
void FindStrayTags(std::string_view text, std::vector<std::pair<size_t, size_t>>& out);

}  // namespace refrain::clutter

#endif  // REFRAIN_SRC_CLUTTER_RULES_H_
