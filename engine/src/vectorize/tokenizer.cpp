// The tokenizer: ICU word segmentation with an exact ASCII fast path, then
// NFKC_Casefold, stop words and Snowball stemming.
#include "refrain/tokenizer.h"

#include <fmt/format.h>
#include <libstemmer.h>
#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <unordered_map>

#include "refrain/lexicon.h"
#include "util/text.h"

namespace refrain {
namespace {

// scikit-learn 1.2's sklearn.feature_extraction.text.ENGLISH_STOP_WORDS, sorted (byte
// order). That list comes from the Glasgow Information Retrieval Group's stop word list.
constexpr std::string_view kEnglishStopWords[] = {
    "a",          "about",      "above",      "across",       "after",      "afterwards",
    "again",      "against",    "all",        "almost",       "alone",      "along",
    "already",    "also",       "although",   "always",       "am",         "among",
    "amongst",    "amoungst",   "amount",     "an",           "and",        "another",
    "any",        "anyhow",     "anyone",     "anything",     "anyway",     "anywhere",
    "are",        "around",     "as",         "at",           "back",       "be",
    "became",     "because",    "become",     "becomes",      "becoming",   "been",
    "before",     "beforehand", "behind",     "being",        "below",      "beside",
    "besides",    "between",    "beyond",     "bill",         "both",       "bottom",
    "but",        "by",         "call",       "can",          "cannot",     "cant",
    "co",         "con",        "could",      "couldnt",      "cry",        "de",
    "describe",   "detail",     "do",         "done",         "down",       "due",
    "during",     "each",       "eg",         "eight",        "either",     "eleven",
    "else",       "elsewhere",  "empty",      "enough",       "etc",        "even",
    "ever",       "every",      "everyone",   "everything",   "everywhere", "except",
    "few",        "fifteen",    "fifty",      "fill",         "find",       "fire",
    "first",      "five",       "for",        "former",       "formerly",   "forty",
    "found",      "four",       "from",       "front",        "full",       "further",
    "get",        "give",       "go",         "had",          "has",        "hasnt",
    "have",       "he",         "hence",      "her",          "here",       "hereafter",
    "hereby",     "herein",     "hereupon",   "hers",         "herself",    "him",
    "himself",    "his",        "how",        "however",      "hundred",    "i",
    "ie",         "if",         "in",         "inc",          "indeed",     "interest",
    "into",       "is",         "it",         "its",          "itself",     "keep",
    "last",       "latter",     "latterly",   "least",        "less",       "ltd",
    "made",       "many",       "may",        "me",           "meanwhile",  "might",
    "mill",       "mine",       "more",       "moreover",     "most",       "mostly",
    "move",       "much",       "must",       "my",           "myself",     "name",
    "namely",     "neither",    "never",      "nevertheless", "next",       "nine",
    "no",         "nobody",     "none",       "noone",        "nor",        "not",
    "nothing",    "now",        "nowhere",    "of",           "off",        "often",
    "on",         "once",       "one",        "only",         "onto",       "or",
    "other",      "others",     "otherwise",  "our",          "ours",       "ourselves",
    "out",        "over",       "own",        "part",         "per",        "perhaps",
    "please",     "put",        "rather",     "re",           "same",       "see",
    "seem",       "seemed",     "seeming",    "seems",        "serious",    "several",
    "she",        "should",     "show",       "side",         "since",      "sincere",
    "six",        "sixty",      "so",         "some",         "somehow",    "someone",
    "something",  "sometime",   "sometimes",  "somewhere",    "still",      "such",
    "system",     "take",       "ten",        "than",         "that",       "the",
    "their",      "them",       "themselves", "then",         "thence",     "there",
    "thereafter", "thereby",    "therefore",  "therein",      "thereupon",  "these",
    "they",       "thick",      "thin",       "third",        "this",       "those",
    "though",     "three",      "through",    "throughout",   "thru",       "thus",
    "to",         "together",   "too",        "top",          "toward",     "towards",
    "twelve",     "twenty",     "two",        "un",           "under",      "until",
    "up",         "upon",       "us",         "very",         "via",        "was",
    "we",         "well",       "were",       "what",         "whatever",   "when",
    "whence",     "whenever",   "where",      "whereafter",   "whereas",    "whereby",
    "wherein",    "whereupon",  "wherever",   "whether",      "which",      "while",
    "whither",    "who",        "whoever",    "whole",        "whom",       "whose",
    "why",        "will",       "with",       "within",       "without",    "would",
    "yet",        "you",        "your",       "yours",        "yourself",   "yourselves",
};

// Byte classes of UAX #29 word breaking as ICU 72's root rules assign them to ASCII.
// ICU drops ':' from MidLetter (so "a:b" is three segments), which is why it is absent.
enum AsciiClass : uint8_t {
  kOther = 0,
  kLetter = 1,        // ALetter: A-Z a-z, and '@' in ICU
  kDigit = 2,         // Numeric: 0-9
  kExtendNumLet = 3,  // '_'
  kMidNumLet = 4,     // '.' and the apostrophe (MidNumLet, Single_Quote): letters and digits
  kMidNum = 5,        // ',' ';': between digits only
  kSpace = 6,         // ASCII white space: a segment boundary ICU never joins across
};

constexpr std::array<uint8_t, 128> MakeAsciiClasses() {
  std::array<uint8_t, 128> classes{};
  for (int c = 'a'; c <= 'z'; ++c) classes[c] = kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) classes[c] = kLetter;
  classes['@'] = kLetter;  // ICU adds '@' to ALetter: "unep@50" is one word
  for (int c = '0'; c <= '9'; ++c) classes[c] = kDigit;
  classes['_'] = kExtendNumLet;
  classes['.'] = kMidNumLet;
  classes['\''] = kMidNumLet;
  classes[','] = kMidNum;
  classes[';'] = kMidNum;
  for (char c : {' ', '\t', '\n', '\r', '\v', '\f'}) classes[static_cast<uint8_t>(c)] = kSpace;
  return classes;
}
constexpr std::array<uint8_t, 128> kAsciiClass = MakeAsciiClasses();

inline bool IsWordClass(uint8_t c) { return static_cast<uint8_t>(c - kLetter) < 3; }

constexpr std::array<char, 128> MakeLower() {
  std::array<char, 128> lower{};
  for (int c = 0; c < 128; ++c) lower[c] = text::AsciiLower(static_cast<char>(c));
  return lower;
}
constexpr std::array<char, 128> kLower = MakeLower();

// True when every byte is below 0x80; eight bytes at a time.
bool IsAscii(std::string_view text) {
  const char* p = text.data();
  size_t n = text.size();
  uint64_t high = 0;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    high |= word;
  }
  for (; n > 0; ++p, --n) high |= static_cast<uint8_t>(*p);
  return (high & 0x8080808080808080ULL) == 0;
}

}  // namespace

std::span<const std::string_view> EnglishStopWords() { return kEnglishStopWords; }

std::vector<std::string> TokenList::ToVector() const {
  std::vector<std::string> out;
  out.reserve(size());
  for (size_t i = 0; i < size(); ++i) out.emplace_back((*this)[i]);
  return out;
}

struct Tokenizer::Impl {
  TokenizerOptions options;
  std::unique_ptr<icu::BreakIterator> words;
  const icu::Normalizer2* fold = nullptr;  // owned by ICU
  const icu::Normalizer2* nfd = nullptr;   // owned by ICU; for TokenizerOptions::fold_typography
  sb_stemmer* stemmer = nullptr;
  UText* utext = nullptr;
  std::string folded;  // scratch for one token
  // TokenizerOptions::lemmas' answers, per tokenizer so that a repeated word takes no lock.
  std::unordered_map<std::string, std::string, text::StringHash, std::equal_to<>> lemma_of;

  ~Impl() {
    if (stemmer) sb_stemmer_delete(stemmer);
    if (utext) utext_close(utext);
  }

  void Tokenize(std::string_view text, TokenList* tokens);
  void AsciiWords(std::string_view text, TokenList* tokens);
  void IcuWords(std::string_view text, TokenList* tokens);
  void Emit(std::string_view word, TokenList* tokens);
  void FoldTypography(std::string& word) const;
};

// The documented rule set of TokenizerOptions::fold_typography, on one case-folded word:
// apostrophes U+2019, U+2018, U+02BC become '\'' (the ASCII path's); then, when the word
// decomposed (NFD) without its nonspacing marks is plain ASCII, that is the word ("garcés"
// -> "garces", "Müller" -> "muller"). Words of other scripts keep their marks: a Devanagari
// vowel sign is a nonspacing mark too, and dropping it would change the word.
void Tokenizer::Impl::FoldTypography(std::string& word) const {
  static constexpr std::string_view kApostrophes[] = {"\xE2\x80\x99", "\xE2\x80\x98", "\xCA\xBC"};
  for (std::string_view apostrophe : kApostrophes)
    for (size_t at = word.find(apostrophe); at != std::string::npos;
         at = word.find(apostrophe, at + 1))
      word.replace(at, apostrophe.size(), "'");
  if (IsAscii(word)) return;
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString decomposed = nfd->normalize(
      icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), word.size())), status);
  if (U_FAILURE(status)) return;
  std::string plain;
  plain.reserve(word.size());
  for (int32_t i = 0; i < decomposed.length(); ++i) {
    const char16_t c = decomposed.charAt(i);
    if (c < 0x80) {
      plain += static_cast<char>(c);
    } else if (u_charType(c) != U_NON_SPACING_MARK) {
      return;  // a letter beyond ASCII: not a Latin word with accents
    }
  }
  if (!plain.empty()) word = std::move(plain);
}

// Splits `text` into stretches separated by ASCII white space: ICU always breaks
// between white space and what follows it and never looks back across it, so each
// stretch can be cut alone. Stretches of plain ASCII take the fast path; a stretch
// with any other byte goes to ICU together with the non-ASCII stretches after it.
void Tokenizer::Impl::Tokenize(std::string_view text, TokenList* tokens) {
  tokens->clear();
  if (!options.ascii_fast_path) {
    IcuWords(text, tokens);
    return;
  }
  if (IsAscii(text)) {  // the common case: one pass, no stretches
    AsciiWords(text, tokens);
    return;
  }
  const size_t n = text.size();
  size_t pos = 0;
  while (pos < n) {
    while (pos < n && static_cast<uint8_t>(text[pos]) < 128 &&
           kAsciiClass[static_cast<uint8_t>(text[pos])] == kSpace)
      ++pos;
    if (pos == n) break;
    size_t end = pos;
    bool ascii = true;
    while (end < n) {
      uint8_t c = static_cast<uint8_t>(text[end]);
      if (c >= 128) {
        ascii = false;
      } else if (kAsciiClass[c] == kSpace) {
        break;
      }
      ++end;
    }
    if (ascii) {
      AsciiWords(text.substr(pos, end - pos), tokens);
      pos = end;
      continue;
    }
    // Take in the following stretches while they are not plain ASCII either, so that
    // a paragraph of Chinese or of curly-quoted English is one ICU call.
    for (;;) {
      size_t next = end;
      while (next < n && static_cast<uint8_t>(text[next]) < 128 &&
             kAsciiClass[static_cast<uint8_t>(text[next])] == kSpace)
        ++next;
      if (next == n) break;
      size_t next_end = next;
      bool next_ascii = true;
      while (next_end < n) {
        uint8_t c = static_cast<uint8_t>(text[next_end]);
        if (c >= 128) {
          next_ascii = false;
        } else if (kAsciiClass[c] == kSpace) {
          break;
        }
        ++next_end;
      }
      if (next_ascii) break;
      end = next_end;
    }
    IcuWords(text.substr(pos, end - pos), tokens);
    pos = end;
  }
}

// UAX #29 on ASCII without white space, as ICU's rules do it: letters, digits and '_'
// join (WB5, WB8-10, WB13a/b); '.' and the apostrophe join two letters (WB6/7) or two
// digits (WB11/12); ',' and ';' join two digits. Every such segment has a word status
// in ICU except a lone "_", so every other one is kept.
void Tokenizer::Impl::AsciiWords(std::string_view text, TokenList* tokens) {
  const uint8_t* p = reinterpret_cast<const uint8_t*>(text.data());
  const uint8_t* const end = p + text.size();
  const bool plain = !options.stop_words && !stemmer && !options.lemmas;
  std::string& chars = tokens->chars_;
  // Plain tokens are written straight into room made for the whole text (they never
  // outgrow it), lower-cased as they are copied; the room is trimmed at the end.
  const size_t base = chars.size();
  if (plain) chars.resize(base + text.size());
  char* const room = chars.data() + base;
  char* out = room;
  while (p < end) {
    const uint8_t c = kAsciiClass[*p];
    if (!IsWordClass(c)) {
      ++p;
      continue;
    }
    const uint8_t* const start = p;
    uint8_t last = c;
    ++p;
    for (;;) {
      uint8_t d = kOther;
      while (p < end && IsWordClass(d = kAsciiClass[*p])) {
        last = d;
        ++p;
      }
      if (p + 1 < end && (d == kMidNumLet || d == kMidNum)) {
        const uint8_t after = kAsciiClass[p[1]];
        const bool letters = d == kMidNumLet && last == kLetter && after == kLetter;
        const bool digits = last == kDigit && after == kDigit;
        if (letters || digits) {
          last = after;
          p += 2;
          continue;
        }
      }
      break;
    }
    const size_t length = static_cast<size_t>(p - start);
    if (length == 1 && c == kExtendNumLet) continue;  // ICU: a lone '_' is not a word
    // NFKC_Casefold of ASCII is lower-casing.
    if (plain) {
      for (const uint8_t* q = start; q < p; ++q) *out++ = kLower[*q];
      tokens->ends_.push_back(static_cast<uint32_t>(base + (out - room)));
      continue;
    }
    folded.assign(reinterpret_cast<const char*>(start), length);
    for (char& ch : folded) ch = kLower[static_cast<uint8_t>(ch)];
    Emit(folded, tokens);
  }
  if (plain) chars.resize(base + static_cast<size_t>(out - room));
}

void Tokenizer::Impl::IcuWords(std::string_view text, TokenList* tokens) {
  UErrorCode status = U_ZERO_ERROR;
  utext = utext_openUTF8(utext, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) return;
  words->setText(utext, status);
  if (U_FAILURE(status)) return;
  int32_t begin = words->first();
  for (int32_t end = words->next(); end != icu::BreakIterator::DONE;
       begin = end, end = words->next()) {
    int32_t rule = words->getRuleStatus();
    if (rule < UBRK_WORD_NUMBER || rule >= UBRK_WORD_IDEO_LIMIT) continue;
    folded.clear();
    icu::StringByteSink<std::string> sink(&folded);
    UErrorCode fold_status = U_ZERO_ERROR;
    fold->normalizeUTF8(0, icu::StringPiece(text.data() + begin, end - begin), sink, nullptr,
                        fold_status);
    if (U_FAILURE(fold_status) || folded.empty()) continue;
    if (options.fold_typography) FoldTypography(folded);
    Emit(folded, tokens);
  }
}

void Tokenizer::Impl::Emit(std::string_view word, TokenList* tokens) {
  if (options.stop_words &&
      std::binary_search(std::begin(kEnglishStopWords), std::end(kEnglishStopWords), word))
    return;
  if (options.lemmas) {
    // "china's" is China, "countries'" the countries.
    if (word.ends_with("'s")) {
      word.remove_suffix(2);
    } else if (word.ends_with("'")) {
      word.remove_suffix(1);
    }
    if (word.empty()) return;
    auto found = lemma_of.find(word);
    if (found == lemma_of.end())
      found = lemma_of.emplace(std::string(word), options.lemmas->TermLemma(word)).first;
    tokens->push_back(found->second);
    return;
  }
  if (stemmer) {
    const sb_symbol* stem = sb_stemmer_stem(
        stemmer, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
    if (stem) {
      tokens->push_back(std::string_view(reinterpret_cast<const char*>(stem),
                                         static_cast<size_t>(sb_stemmer_length(stemmer))));
      return;
    }
  }
  tokens->push_back(word);
}

Result<Tokenizer> Tokenizer::Create(const TokenizerOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  UErrorCode status = U_ZERO_ERROR;
  impl->words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || !impl->words)
    return Status::IoError(
        fmt::format("ICU word break iterator unavailable: {}", u_errorName(status)));
  impl->fold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status) || !impl->fold)
    return Status::IoError(
        fmt::format("ICU NFKC_Casefold data unavailable: {}", u_errorName(status)));
  impl->nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status) || !impl->nfd)
    return Status::IoError(fmt::format("ICU NFD data unavailable: {}", u_errorName(status)));
  if (options.stem && !options.lemmas) {
    impl->stemmer = sb_stemmer_new("english", nullptr);
    if (!impl->stemmer) return Status::IoError("libstemmer has no English stemmer");
  }
  return Tokenizer(std::move(impl));
}

Tokenizer::Tokenizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tokenizer::Tokenizer(Tokenizer&& other) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&& other) noexcept = default;
Tokenizer::~Tokenizer() = default;

void Tokenizer::Tokenize(std::string_view text, TokenList* tokens) {
  impl_->Tokenize(text, tokens);
}

std::vector<std::string> Tokenizer::Tokenize(std::string_view text) {
  TokenList tokens;
  impl_->Tokenize(text, &tokens);
  return tokens.ToVector();
}

const TokenizerOptions& Tokenizer::options() const { return impl_->options; }

}  // namespace refrain
