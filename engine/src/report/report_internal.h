// What the report writers share and embedders do not see: the format check and the one
// function that writes a statement's JSON object.
#ifndef REFRAIN_REPORT_REPORT_INTERNAL_H_
#define REFRAIN_REPORT_REPORT_INTERNAL_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "refrain/report.h"
#include "refrain/types.h"
#include "report/json_writer.h"

namespace refrain {

// Ok when `format` is one of `supported`; else a usage error naming the result (`what`,
// "themes") and the formats it has.
Status RequireFormat(ReportFormat format, std::span<const ReportFormat> supported,
                     std::string_view what);

// What a command adds to a statement's JSON object, or changes in it.
struct StatementJsonExtras {
  // A part of the statement reported instead of all of it (the clause that makes a talking
  // point): "start", "end" and "text" are the part's, and the whole statement's offsets go
  // in "statement_start" and "statement_end".
  struct Part {
    uint64_t start = 0, end = 0;
    std::string_view text;
  };
  std::optional<Part> part;
  std::optional<double> score;  // "score"
  std::optional<bool> core;     // "core": the variant is its talking point's core
  std::string_view speaker;     // "speaker", written when not empty
  // Further numbers by key ("clause_start", "statement_score"); `integer` writes an integer.
  struct Number {
    std::string_view key;
    double value = 0;
    bool integer = false;
  };
  std::span<const Number> numbers;
};

// Writes `statement` as the JSON object every command writes: id, doc, date, start, end,
// text and the document's metadata (a metadata key that would shadow a field is left out;
// of a key given twice the last value counts), then `extras` (which win over metadata),
// keys in byte order as nlohmann::json sorts them. Requires: `json` expects a value.
void WriteStatementJson(JsonWriter& json, const Corpus& corpus, const Statement& statement,
                        const StatementJsonExtras& extras = {});

}  // namespace refrain

#endif  // REFRAIN_REPORT_REPORT_INTERNAL_H_
