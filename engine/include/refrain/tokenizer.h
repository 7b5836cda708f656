// Stage vectorize (src/vectorize/), first half: statements into words. ICU's word segmentation (UAX
// #29), Unicode case folding and NFKC, apostrophes and accents folded, punctuation dropped and
// numbers kept, with optional English stop words and Snowball stemming. Plain ASCII is cut by a
// fast path that gives exactly ICU's words; anything else goes through ICU.
#ifndef REFRAIN_TOKENIZER_H_
#define REFRAIN_TOKENIZER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "refrain/status.h"

namespace refrain {

class WordRelations;  // refrain/lexicon.h

struct TokenizerOptions {
  // Drop English stop words ("the", "of", "and"; see EnglishStopWords()): smaller
  // vectors and sharper cosines, but "of the" style bigrams and phrasing disappear.
  bool stop_words = false;
  // Reduce words to their Snowball English stem ("talks", "talked" -> "talk"): more
  // matches across inflections, at the price of terms that read oddly.
  bool stem = false;
  // When set, words are reduced to their lemma instead (WordRelations::TermLemma: "countries" ->
  // "country", "supported" -> "support", but "goods" stays apart from "good"), a possessive
  // "'s" dropped first; `stem` is then ignored. Terms that read as words, where a stem joins
  // words of other meanings. nullptr: off. Must outlive every Tokenizer made with it.
  const WordRelations* lemmas = nullptr;
  // Fold typography so that both spellings are one term: curly apostrophes (U+2019, U+2018,
  // U+02BC) become the ASCII one ("China’s" = "China's") and Latin letters lose their accents
  // ("garcés" = "garces"). Quotes and dashes are never part of a token in either form. Off
  // keeps NFKC_Casefold's terms exactly. Outputs quote the original bytes either way.
  bool fold_typography = true;
  // Cut runs of plain ASCII without ICU: the same tokens several times faster. Off only
  // to check the fast path against ICU.
  bool ascii_fast_path = true;
};

// The tokens of one text, stored back to back so that tokenizing allocates nothing
// once the buffer has grown. Views returned stay valid until the list is refilled.
class TokenList {
 public:
  size_t size() const { return ends_.size(); }
  bool empty() const { return ends_.empty(); }
  std::string_view operator[](size_t i) const {
    uint32_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(chars_).substr(begin, ends_[i] - begin);
  }
  void clear() {
    chars_.clear();
    ends_.clear();
  }
  // Appends one token (used by the tokenizer; public for tests and callers that build lists).
  void push_back(std::string_view token) {
    chars_.append(token);
    ends_.push_back(static_cast<uint32_t>(chars_.size()));
  }
  std::vector<std::string> ToVector() const;

 private:
  friend class Tokenizer;
  std::string chars_;
  std::vector<uint32_t> ends_;  // end offset of each token in chars_
};

// Cuts text into folded word tokens. Not thread-safe (ICU iterators and the stemmer
// keep state): use one Tokenizer per thread. Cheap to move, not copyable.
class Tokenizer {
 public:
  // Fails only when ICU or libstemmer cannot be initialised (missing data).
  static Result<Tokenizer> Create(const TokenizerOptions& options = {});

  Tokenizer(Tokenizer&& other) noexcept;
  Tokenizer& operator=(Tokenizer&& other) noexcept;
  ~Tokenizer();

  // Replaces `tokens` with the tokens of `text`, in order. `text` is UTF-8; ill-formed
  // bytes are read as U+FFFD (and so never form part of a word). A token is an ICU word
  // whose rule status is letter, kana, ideographic or number, case folded and NFKC
  // normalised (NFKC_Casefold), typography folded (fold_typography), then dropped if a stop
  // word, then stemmed or lemmatised.
  void Tokenize(std::string_view text, TokenList* tokens);
  std::vector<std::string> Tokenize(std::string_view text);

  const TokenizerOptions& options() const;

 private:
  struct Impl;
  explicit Tokenizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The English stop words dropped with TokenizerOptions::stop_words, sorted: scikit-learn's
// ENGLISH_STOP_WORDS (318 words, from the Glasgow Information Retrieval Group's list), so
// that stop_words means what it means to a scikit-learn user.
std::span<const std::string_view> EnglishStopWords();

}  // namespace refrain

#endif  // REFRAIN_TOKENIZER_H_
