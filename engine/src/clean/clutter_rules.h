// Internal to the cleaner and the segmenter: the shape of a piece of visible
// text (words, capitals, digits, terminal punctuation, e-mail addresses, image
// file names, stray tags, a small generic web-UI vocabulary) that clutter rules judge.
#ifndef REFRAIN_SRC_CLUTTER_RULES_H_
#define REFRAIN_SRC_CLUTTER_RULES_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace refrain::clutter {

// Appends `text` to `out` as one line: runs of whitespace (ASCII, NBSP, Unicode
// spaces, line and paragraph separators) become one space, both ends trimmed,
// zero-width characters removed, invalid UTF-8 replaced by U+FFFD.
void NormaliseInto(std::string_view text, std::string& out);
std::string Normalise(std::string_view text);

// Length in bytes of the whitespace character at `text[pos]`, 0 when none.
size_t SpaceAt(std::string_view text, size_t pos);
// Length in bytes of the whitespace character ending at `text[end - 1]`, 0 when none.
size_t SpaceBefore(std::string_view text, size_t end);

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

// Calls fn(item, worker) for every item in [0, n) on `threads` workers (0 = one
// per core; worker in [0, Workers(threads, n))). Items are handed out in index
// order; fn must write only to item `item`'s own results, so the output does not
// depend on the number of threads.
size_t Workers(int threads, size_t n);
template <typename Fn>
void ParallelFor(size_t n, int threads, Fn&& fn) {
  const size_t workers = Workers(threads, n);
  if (workers <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i, size_t{0});
    return;
  }
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  pool.reserve(workers);
  for (size_t w = 0; w < workers; ++w)
    pool.emplace_back([&, w] {
      for (size_t i = next++; i < n; i = next++) fn(i, w);
    });
  for (std::thread& t : pool) t.join();
}

}  // namespace refrain::clutter

#endif  // REFRAIN_SRC_CLUTTER_RULES_H_
