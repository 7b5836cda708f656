// The records that flow through refrain's pipeline: documents as read,
// the blocks of visible text inside them, the statements cut from those, and
// the corpus that holds them all together with what was skipped or dropped.
#ifndef REFRAIN_TYPES_H_
#define REFRAIN_TYPES_H_

#include <compare>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "refrain/mapped_text.h"

namespace refrain {

// A calendar date known to a precision: "2024", "2024-07" or "2024-07-25".
struct Date {
  enum class Precision : uint8_t { kNone, kYear, kMonth, kDay };
  int year = 0;
  int month = 0;  // 1..12 when precision >= kMonth
  int day = 0;    // 1..31 when precision == kDay
  Precision precision = Precision::kNone;

  bool known() const { return precision != Precision::kNone; }
  // "2024", "2024-07", "2024-07-25", or "" when unknown.
  std::string ToString() const;
  // Parses "YYYY", "YYYY-MM", "YYYY-MM-DD" (also with '/' or a time after the day,
  // "2025-01-20 15:15:58-05:00"); checks that the day exists. nullopt otherwise.
  static std::optional<Date> Parse(std::string_view text);

  // Orders by (year, month, day); a year-only date sorts before its months.
  auto operator<=>(const Date& other) const {
    return std::tie(year, month, day) <=> std::tie(other.year, other.month, other.day);
  }
  bool operator==(const Date& other) const = default;
};

// One metadata entry (manifest column, front-matter key, HTML <title>), in source order.
using MetadataEntry = std::pair<std::string, std::string>;

// A structural unit of a document's visible text: a paragraph (lines joined),
// a heading, a list item, a table cell. Cleaning decides per block and per sentence.
struct Block {
  enum class Kind : uint8_t { kParagraph, kHeading, kListItem, kTableCell, kQuote, kCode };
  size_t begin = 0;  // [begin, end) in Document::text
  size_t end = 0;
  Kind kind = Kind::kParagraph;
  uint32_t line = 0;        // 1-based line of the original file where the block starts
  uint32_t link_bytes = 0;  // bytes of the block's text that sit inside links
  bool in_chrome = false;   // inside <nav>, <header>, <footer>, <aside>, <form>, <menu>
};

// A file of the corpus as read: its name, date, metadata, original bytes, and
// its visible text cut into blocks.
struct Document {
  std::string path;            // relative to the corpus root, '/'-separated: the doc's name
  std::filesystem::path file;  // where it was read from
  std::string source;          // folder of `path` ("" at the root): the unit for repeated clutter
  std::string event;           // manifest `event` column, else `path`
  Date date;
  std::string date_origin;  // "manifest", "front matter", "file name", or "" when unknown
  std::vector<MetadataEntry> metadata;
  std::string bytes;  // the file exactly as on disk; every offset points into these
  MappedText text;    // visible text, mapped back onto `bytes`
  std::vector<Block> blocks;

  // The metadata value for `key`, or "" when absent.
  std::string_view Meta(std::string_view key) const;
};

// What part of a transcript or press conference a statement belongs to. Documents that
// are not transcripts (no speaker labels) have kNone throughout.
enum class TurnKind : uint8_t {
  kNone,       // not in a transcript
  kStatement,  // a speaker's own remarks, not in reply to a question (an opening statement)
  kQuestion,   // a questioner's turn ("Q", a reporter's outlet)
  kAnswer,     // the reply to a question
};
// "", "statement", "question", "answer": the JSON `turn` value.
std::string_view TurnName(TurnKind kind);

// A sentence (or, with --lines, a line) with its place in its document.
struct Statement {
  uint64_t id = 0;     // 0-based, global; with --lines, the running line number
  uint32_t doc = 0;    // index into Corpus::documents
  uint64_t start = 0;  // [start, end): byte offsets into Document::bytes
  uint64_t end = 0;
  std::string text;  // normalised text: lines joined, markup stripped, UTF-8 valid
  // In a transcript: who speaks (the label as written, "MS. LEAVITT", "Zhao Lijian", "Q";
  // an "A:" or unlabelled answer names the document's spokesperson), and the turn's kind.
  // The label itself is never part of `text` or of [start, end).
  std::string speaker;
  TurnKind turn = TurnKind::kNone;
};

// A span of a document that cleaning removed, and why: nothing is lost silently.
struct DroppedSpan {
  uint32_t doc = 0;
  uint64_t start = 0;  // byte offsets into Document::bytes
  uint64_t end = 0;
  std::string reason;  // short, stable, e.g. "navigation", "repeated across source"
  std::string text;    // the visible text that was dropped
};

// A file that is not a document (README, binary, excluded by a filter), and why.
struct SkippedFile {
  std::string path;
  std::string reason;
};

// A warning about input that was repaired or passed over, naming file and place.
struct Diagnostic {
  std::string file;
  uint64_t line = 0;    // 1-based; 0 when not applicable
  uint64_t offset = 0;  // byte offset in the file
  std::string message;
};

struct Corpus {
  std::filesystem::path root;  // folder the document paths are relative to
  std::vector<Document> documents;
  std::vector<Statement> statements;  // sorted by (doc, start)
  std::vector<DroppedSpan> dropped;
  std::vector<SkippedFile> skipped;
  std::vector<Diagnostic> warnings;
};

}  // namespace refrain

#endif  // REFRAIN_TYPES_H_
