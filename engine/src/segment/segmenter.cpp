#include "refrain/segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "clean/clutter_rules.h"
#include "refrain/speakers.h"
#include "util/parallel.h"
#include "util/text.h"

namespace refrain {
namespace {

using clutter::Shape;

// ICU's sentence iterator for `o.locale`, wrapped in a filter that suppresses breaks
// after CLDR's abbreviations (with "@ss=standard") and after o.extra_abbreviations.
Result<std::unique_ptr<icu::BreakIterator>> MakeSentenceIterator(const SegmenterOptions& o) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale(o.locale.c_str());
  if (locale.isBogus()) return Status::BadUsage("unknown ICU locale '" + o.locale + "'");
  char ss[32] = "";
  locale.getKeywordValue("ss", ss, sizeof(ss), status);
  const bool standard = U_SUCCESS(status) && std::string_view(ss) == "standard";
  status = U_ZERO_ERROR;
  const icu::Locale base_locale(locale.getBaseName());
  std::unique_ptr<icu::BreakIterator> base(
      icu::BreakIterator::createSentenceInstance(base_locale, status));
  if (U_FAILURE(status) || !base)
    return Status::BadUsage("no sentence break iterator for locale '" + o.locale +
                            "': " + u_errorName(status));
  if (!standard && o.extra_abbreviations.empty()) return base;

  std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder(
      standard ? icu::FilteredBreakIteratorBuilder::createInstance(base_locale, status)
               : icu::FilteredBreakIteratorBuilder::createEmptyInstance(status));
  if (U_FAILURE(status) || !builder)
    return Status::BadUsage("no sentence break suppressions for locale '" + o.locale +
                            "': " + u_errorName(status));
  for (const std::string& abbreviation : o.extra_abbreviations) {
    builder->suppressBreakAfter(icu::UnicodeString::fromUTF8(abbreviation), status);
    // U_ILLEGAL_ARGUMENT_ERROR only says CLDR's list already has it.
    if (status == U_ILLEGAL_ARGUMENT_ERROR) status = U_ZERO_ERROR;
    if (U_FAILURE(status))
      return Status::BadUsage("cannot use abbreviation '" + abbreviation +
                              "': " + u_errorName(status));
  }
  std::unique_ptr<icu::BreakIterator> filtered(
      builder->wrapIteratorWithFilter(base.release(), status));
  if (U_FAILURE(status) || !filtered)
    return Status::BadUsage(std::string("cannot build the sentence filter: ") +
                            u_errorName(status));
  return filtered;
}

// Said when clone() fails: ICU could not allocate (see CachedSentenceIterator).
constexpr const char* kCloneFailed =
    "internal error: ICU could not copy the sentence break iterator (out of memory?)";

// A copy of the iterator MakeSentenceIterator builds for `o`'s locale and abbreviations, built
// once per process for each (at most kKept of them, the oldest dropped): building reads CLDR's
// data and adds every abbreviation to a trie, far more than segmenting a short document costs,
// and Segment is called once per document by `compare`, the index and the fuzzer.
Result<std::unique_ptr<icu::BreakIterator>> CachedSentenceIterator(const SegmenterOptions& o) {
  constexpr size_t kKept = 8;
  using Key = std::pair<std::string, std::vector<std::string>>;
  static std::mutex mutex;
  static std::vector<std::pair<Key, std::unique_ptr<icu::BreakIterator>>> built;
  Key key{o.locale, o.extra_abbreviations};
  const std::lock_guard<std::mutex> lock(mutex);
  auto it = std::find_if(built.begin(), built.end(), [&](const auto& b) { return b.first == key; });
  if (it == built.end()) {
    Result<std::unique_ptr<icu::BreakIterator>> made = MakeSentenceIterator(o);
    if (!made.ok()) return made.status();
    if (built.size() == kKept) built.erase(built.begin());
    built.emplace_back(std::move(key), std::move(made).value());
    it = built.end() - 1;
  }
  std::unique_ptr<icu::BreakIterator> copy(it->second->clone());
  // clone() fails only when ICU cannot allocate: not the caller's mistake, so exit 1, not 2.
  // Status has no internal-error code; BadInput is the nearest one that exits 1.
  if (!copy) return Status::BadInput(kCloneFailed);
  return copy;
}

// A transcript's note on what happened rather than what was said, all in brackets and
// short: "(Applause.)", "(Laughter.)", "(Cross-talk.)", "[inaudible]", "(Spoke in French)".
// Outside a transcript only up to 4 words: a release's "(All estimates are for savings over
// 10 years.)" is a statement.
bool IsStageDirection(std::string_view sentence, bool in_transcript) {
  constexpr size_t kLongest = 100;
  if (sentence.size() < 3 || sentence.size() > kLongest) return false;
  const char open = sentence.front();
  if (open != '(' && open != '[') return false;
  const char close = open == '(' ? ')' : ']';
  std::string_view inner = sentence.substr(1);
  if (inner.back() == '.') inner.remove_suffix(1);  // "(Applause.)." is rare, but seen
  if (inner.empty() || inner.back() != close) return false;
  inner.remove_suffix(1);
  // One bracket pair around it all: "(a) first, (b) second" is no stage direction, nor is a
  // photo credit ("(Photo by NAME/Xinhua)").
  const int words = 1 + static_cast<int>(std::count(inner.begin(), inner.end(), ' '));
  return words <= (in_transcript ? 14 : 4) &&
         inner.find_first_of("()[]/") == std::string_view::npos && inner.substr(0, 5) != "Photo" &&
         inner.substr(0, 4) != "Note" && inner.substr(0, 4) != "See " &&
         std::any_of(inner.begin(), inner.end(), [](char c) { return std::isalpha(c); });
}

// A list's number standing alone as a "sentence": "1.", "12)", "(3)", "iv.".
bool IsListNumber(std::string_view sentence) {
  if (!sentence.empty() && sentence.front() == '(') sentence.remove_prefix(1);
  if (sentence.size() < 2 || (sentence.back() != '.' && sentence.back() != ')')) return false;
  sentence.remove_suffix(1);
  if (sentence.empty() || sentence.size() > 4) return false;
  const bool digits =
      std::all_of(sentence.begin(), sentence.end(), [](char c) { return c >= '0' && c <= '9'; });
  const bool roman = std::all_of(sentence.begin(), sentence.end(), [](char c) {
    return std::string_view("ivxIVX").find(c) != std::string_view::npos;
  });
  return (digits && sentence.size() <= 3) || roman;
}

// Where a quotation's attribution starts inside `sentence`: after a closing quote that
// ends a sentence, spaces, then a dash ("...of America.”  — Karoline Leavitt, White House
// Press Secretary"). ICU reads no sentence end there, and the whole, without a full stop
// of its own, would be dropped as a fragment. 0 when there is none.
size_t AttributionAt(std::string_view sentence) {
  static constexpr std::string_view kClosers[] = {
      ".\"", ".\xE2\x80\x9D", "!\xE2\x80\x9D", "?\xE2\x80\x9D", ".'", ".\xE2\x80\x99"};
  static constexpr std::string_view kDashes[] = {"\xE2\x80\x94", "\xE2\x80\x93", "--"};
  for (std::string_view closer : kClosers) {
    for (size_t at = sentence.find(closer); at != std::string_view::npos;
         at = sentence.find(closer, at + 1)) {
      size_t i = at + closer.size();
      const size_t end_of_quote = i;
      while (size_t n = text::SpaceAt(sentence, i)) i += n;
      if (i == end_of_quote) continue;
      for (std::string_view dash : kDashes)
        if (sentence.compare(i, dash.size(), dash) == 0) return end_of_quote;
    }
  }
  return 0;
}

// A quotation's attribution standing alone: a dash, then a name ("— Karoline Leavitt, White
// House Press Secretary"), short and without a sentence end.
bool IsAttribution(std::string_view sentence, const Shape& shape) {
  constexpr int kMostWords = 16;
  if (shape.terminal || shape.words > kMostWords) return false;
  for (std::string_view dash : {"\xE2\x80\x94", "\xE2\x80\x93", "--"})
    if (sentence.substr(0, dash.size()) == dash) return true;
  return false;
}

// The reason a sentence is not a statement, or "" when it is one. `whole_block` says the
// sentence is all its block holds; `in_transcript` that its document has speaker turns.
// `sentence_begin` is the sentence's offset in `document` (the visible text).
std::string_view SentenceVerdict(std::string_view document, size_t sentence_begin,
                                 std::string_view sentence, Block::Kind kind, bool whole_block,
                                 bool in_transcript, const SegmenterOptions& o) {
  if (IsStageDirection(sentence, in_transcript)) return "stage direction";
  if (IsListNumber(sentence)) return "list number";
  if (clutter::IsImageFileName(sentence)) return "image file name";
  if (clutter::HasEmail(sentence)) return "e-mail/contact";
  if (clutter::IsEmailOrUrlOnly(sentence)) return "link";
  const Shape shape = clutter::ShapeOf(sentence);
  if (shape.words == 0) return "heading or fragment";
  if (IsAttribution(sentence, shape)) return "attribution";
  if (shape.truncated) {
    if (whole_block && o.drop_truncated_teasers &&
        clutter::CutMidWord(document, sentence_begin + shape.cut_word_begin,
                            sentence_begin + shape.cut_word_end))
      return "truncated teaser";
    return {};
  }
  if (!o.require_terminal_punctuation || shape.terminal) return {};
  if (kind == Block::Kind::kHeading) return "heading";
  const bool item = kind == Block::Kind::kListItem || kind == Block::Kind::kTableCell;
  const int min_words = item ? o.min_words_unpunctuated_item : o.min_words_unpunctuated;
  if (shape.words >= min_words && static_cast<double>(shape.capitalised) <
                                      o.max_capitalised_share * static_cast<double>(shape.words))
    return {};
  return "heading or fragment";
}

// True when `span` ends with one of `abbreviations` standing as a word of its own, or
// (with `initials`) with a capital letter and a full stop after a space: "Robert E. Leslie".
bool EndsWithAbbreviation(std::string_view span, const std::vector<std::string>& abbreviations,
                          bool initials) {
  while (!span.empty()) {
    const size_t n = text::SpaceBefore(span, span.size());
    if (n == 0) break;
    span.remove_suffix(n);
  }
  const size_t n = span.size();
  if (initials && n >= 3 && span[n - 1] == '.' && span[n - 2] >= 'A' && span[n - 2] <= 'Z' &&
      span[n - 3] == ' ')
    return true;
  for (const std::string& a : abbreviations) {
    if (span.size() < a.size() || span.compare(span.size() - a.size(), a.size(), a) != 0) continue;
    const size_t before = span.size() - a.size();
    if (before == 0) return true;
    const unsigned char c = static_cast<unsigned char>(span[before - 1]);
    if (c == ' ' || c == '(' || c == '"' || c == '\'' || c == '\n' || c >= 0x80) return true;
  }
  return false;
}

// Words that open a sentence, after which a dotted acronym's full stop ends the one before
// ("...in the U.S. We will..."): pronouns, articles and determiners, conjunctions and
// sentence adverbs. A name never is one ("the U.S. Government", "U.N. Secretary-General").
constexpr std::string_view kSentenceOpeners[] = {
    "A",     "Additionally", "After", "All",   "Also",  "An",        "And",       "As",
    "At",    "Before",       "Both",  "But",   "By",    "Each",      "Finally",   "For",
    "From",  "Furthermore",  "He",    "Her",   "Here",  "His",       "How",       "However",
    "I",     "If",           "In",    "It",    "Its",   "Meanwhile", "Moreover",  "Now",
    "On",    "Our",          "She",   "Since", "So",    "That",      "The",       "Their",
    "There", "These",        "They",  "This",  "Those", "Today",     "Together",  "We",
    "What",  "When",         "While", "Who",   "Why",   "With",      "Yesterday", "You"};

// True when the break between `before` and `after` follows a dotted acronym ("U.S.",
// "U.N.", "D.C.": capitals, each with its full stop) and `after` opens with a sentence opener.
bool AcronymEndsSentence(std::string_view before, std::string_view after) {
  while (size_t n = text::SpaceBefore(before, before.size())) before.remove_suffix(n);
  size_t i = before.size(), letters = 0;
  while (i >= 2 && before[i - 1] == '.' && before[i - 2] >= 'A' && before[i - 2] <= 'Z') {
    i -= 2;
    ++letters;
  }
  if (letters < 2 || (i > 0 && before[i - 1] != ' ' && before[i - 1] != '(')) return false;
  size_t b = 0;
  while (size_t n = text::SpaceAt(after, b)) b += n;
  size_t e = b;
  while (e < after.size() && std::isalpha(static_cast<unsigned char>(after[e]))) ++e;
  if (e == b || (e < after.size() && after[e] == '.')) return false;  // "U.S. A.I." no end
  const std::string_view word = after.substr(b, e - b);
  return std::find(std::begin(kSentenceOpeners), std::end(kSentenceOpeners), word) !=
         std::end(kSentenceOpeners);
}

// A citation that ICU's list cannot hold as one abbreviation: "Fed." before "Reg." (the
// Federal Register, "86 Fed. Reg. 7009"), where "Fed." alone may end a sentence ("the Fed.").
bool CitationContinues(std::string_view before, std::string_view after) {
  while (size_t n = text::SpaceBefore(before, before.size())) before.remove_suffix(n);
  size_t b = 0;
  while (size_t n = text::SpaceAt(after, b)) b += n;
  return before.size() >= 5 && before.substr(before.size() - 5) == " Fed." &&
         after.substr(b, 4) == "Reg.";
}

// `abbreviations` are checked again after ICU: its filter misses those with an inner full
// stop at their end ("U.S." is looked up through "U.") and any followed by more than one
// ASCII space ("Ms.\u00a0 Carter", as the White House pages have it).
// True when `sentence` starts with a lower-case letter: it continues a sentence.
bool StartsLowercase(std::string_view sentence) {
  if (sentence.empty()) return false;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(sentence.data()), i,
          static_cast<int32_t>(std::min<size_t>(sentence.size(), 4)), c);
  return c >= 0 && u_islower(c);
}

// A paragraph's last sentence that lacks its end and may go on in the next block
// ("...limited military" / page break / "strikes to deter...").
struct Pending {
  bool active = false;
  uint64_t start = 0, end = 0;
  std::string text;  // normalised
};

void SegmentDocument(const Document& doc, uint32_t d, icu::BreakIterator& sentences,
                     const SegmenterOptions& o, const std::vector<std::string>& abbreviations,
                     std::vector<Statement>& kept, std::vector<DroppedSpan>& dropped) {
  const std::string_view text(doc.text.text());
  UText utext = UTEXT_INITIALIZER;
  Pending pending;
  const auto flush = [&] {
    if (!pending.active) return;
    dropped.push_back({d, pending.start, pending.end, "heading or fragment", pending.text});
    pending.active = false;
  };
  const std::vector<BlockTurn> turns = FindTurns(doc);
  const BlockTurn no_turn;
  for (size_t index = 0; index < doc.blocks.size(); ++index) {
    const Block& labelled_block = doc.blocks[index];
    if (labelled_block.end <= labelled_block.begin) continue;
    const BlockTurn& turn = turns.empty() ? no_turn : turns[index];
    // A speaker label opens a new turn and is never part of a statement: it is recorded
    // as dropped, and the block read from the text after it.
    Block block = labelled_block;
    if (turn.label_length > 0) {
      flush();
      size_t label_begin = block.begin, label_end = block.begin + turn.label_length;
      for (size_t n; (n = text::SpaceAt(text, label_begin)) > 0 && label_begin < label_end;)
        label_begin += n;
      for (size_t n; (n = text::SpaceBefore(text, label_end)) > 0 && label_end > label_begin;)
        label_end -= n;
      if (label_end > label_begin)
        dropped.push_back({d, doc.text.OriginalBegin(label_begin), doc.text.OriginalEnd(label_end),
                           "speaker label",
                           text::Normalise(text.substr(label_begin, label_end - label_begin))});
      block.begin += turn.label_length;
      if (block.end <= block.begin) continue;
    }
    const auto attribute = [&turn](Statement& statement) {
      statement.speaker = turn.speaker;
      statement.turn = turn.kind;
    };
    const std::string_view block_text = text.substr(block.begin, block.end - block.begin);
    // Records [b, e) of the block, trimmed, as a statement or a dropped span.
    const auto emit = [&](size_t b, size_t e, bool whole_block) {
      const bool first = b == 0, last = e == block_text.size();
      std::tie(b, e) = text::TrimSpace(block_text, b, e);
      if (b >= e) return;
      const std::string_view sentence = block_text.substr(b, e - b);
      const uint64_t start = doc.text.OriginalBegin(block.begin + b);
      const uint64_t stop = doc.text.OriginalEnd(block.begin + e);
      if (pending.active && first && o.join_across_blocks && StartsLowercase(sentence)) {
        // The sentence began in the previous block: one statement over both.
        std::string joined = std::move(pending.text);
        joined += ' ';
        text::NormaliseInto(sentence, joined);
        pending.active = false;
        std::string_view reason =
            SentenceVerdict(joined, 0, joined, block.kind, false, !turns.empty(), o);
        if (reason.empty()) {
          kept.push_back({0, d, pending.start, stop, std::move(joined), {}, TurnKind::kNone});
          attribute(kept.back());
        } else {
          dropped.push_back({d, pending.start, stop, std::string(reason), std::move(joined)});
        }
        return;
      }
      flush();
      std::string_view reason = SentenceVerdict(text, block.begin + b, sentence, block.kind,
                                                whole_block, !turns.empty(), o);
      if (reason.empty()) {
        Statement& s = kept.emplace_back();
        s.doc = d;
        s.start = start;
        s.end = stop;
        s.text.reserve(sentence.size());
        text::NormaliseInto(sentence, s.text);
        attribute(s);
      } else if (last && reason == "heading or fragment" && o.join_across_blocks &&
                 (block.kind == Block::Kind::kParagraph || block.kind == Block::Kind::kQuote) &&
                 clutter::ShapeOf(sentence).words >= 3) {
        pending = {true, start, stop, text::Normalise(sentence)};
      } else {
        dropped.push_back({d, start, stop, std::string(reason), text::Normalise(sentence)});
      }
    };
    // A file name, address or URL alone in its block: ICU would cut it at its dots.
    if (clutter::IsImageFileName(block_text) || clutter::IsEmailOrUrlOnly(block_text)) {
      emit(0, block_text.size(), true);
      continue;
    }
    UErrorCode status = U_ZERO_ERROR;
    // UTF-8 UText: the iterator's indices are byte offsets into block_text, no UTF-16 copy.
    utext_openUTF8(&utext, block_text.data(), static_cast<int64_t>(block_text.size()), &status);
    sentences.setText(&utext, status);
    if (U_FAILURE(status)) {  // only on allocation failure: the block as one sentence
      emit(0, block_text.size(), true);
      continue;
    }
    int32_t begin = sentences.first();
    // The text on either side of a break without the white space at the break, kept up to date
    // as the breaks advance: ICU breaks after every U+2029 or NEL, and stripping a run of them
    // again at each break was quadratic in the run (130 KB of U+2029: 72 s).
    size_t scanned = 0, content_end = 0, next_content = 0;
    for (int32_t end = sentences.next(); end != icu::BreakIterator::DONE; end = sentences.next()) {
      const size_t e = static_cast<size_t>(end);
      if (e < block_text.size()) {
        while (scanned < e) {
          const size_t n = text::SpaceAt(block_text, scanned);
          scanned += n ? n : 1;
          if (n == 0) content_end = scanned;
        }
        if (next_content < e) {
          next_content = e;
          while (const size_t n = text::SpaceAt(block_text, next_content)) next_content += n;
        }
        const std::string_view before = block_text.substr(0, content_end),
                               after = block_text.substr(next_content);
        if (CitationContinues(before, after)) continue;  // "86 Fed. Reg. 7009"
        if (EndsWithAbbreviation(before, abbreviations, o.initials_do_not_end) &&
            !(o.acronym_ends_before_opener && AcronymEndsSentence(before, after)))
          continue;  // "the U.S. Intelligence Community": not a sentence end
      }
      // ICU's first sentence starts at 0 and its last ends at the block's end.
      const size_t b = static_cast<size_t>(begin);
      const size_t cut = AttributionAt(block_text.substr(b, e - b));
      if (cut > 0) {  // a quote, then "— Name, Title": two pieces, the quote kept whole
        emit(b, b + cut, b == 0);
        emit(b + cut, e, false);
      } else {
        emit(b, e, b == 0 && e == block_text.size());
      }
      begin = end;
    }
  }
  flush();
  utext_close(&utext);
  const auto by_start = [](const auto& a, const auto& b) { return a.start < b.start; };
  std::stable_sort(kept.begin(), kept.end(), by_start);
  std::stable_sort(dropped.begin(), dropped.end(), by_start);
}

}  // namespace

Status Segment(Corpus& corpus, const SegmenterOptions& options) {
  Result<std::unique_ptr<icu::BreakIterator>> made = CachedSentenceIterator(options);
  if (!made.ok()) return made.status();
  const size_t n = corpus.documents.size();
  // One iterator per worker: ICU iterators are not thread-safe, clones are cheap.
  std::vector<std::unique_ptr<icu::BreakIterator>> iterators;
  const size_t workers = parallel::Workers(options.threads, n);
  iterators.push_back(std::move(made.value()));
  while (iterators.size() < workers) {
    iterators.emplace_back(iterators.front()->clone());
    if (!iterators.back()) return Status::BadInput(kCloneFailed);  // as above: exit 1
  }

  std::vector<std::vector<Statement>> kept(n);
  std::vector<std::vector<DroppedSpan>> dropped(n);
  parallel::For(n, options.threads, [&](size_t d, size_t worker) {
    SegmentDocument(corpus.documents[d], static_cast<uint32_t>(d), *iterators[worker], options,
                    options.extra_abbreviations, kept[d], dropped[d]);
  });

  corpus.statements.clear();
  size_t total = 0;
  for (const auto& k : kept) total += k.size();
  corpus.statements.reserve(total);
  for (auto& k : kept)
    for (Statement& s : k) {
      s.id = corpus.statements.size();
      corpus.statements.push_back(std::move(s));
    }
  for (auto& spans : dropped)
    for (DroppedSpan& span : spans) corpus.dropped.push_back(std::move(span));
  std::stable_sort(corpus.dropped.begin(), corpus.dropped.end(),
                   [](const DroppedSpan& a, const DroppedSpan& b) {
                     return a.doc != b.doc ? a.doc < b.doc : a.start < b.start;
                   });
  return Status::Ok();
}

}  // namespace refrain
