// Stage report (src/report/): `refrain near` rendered, the statements near a text (near.h).
#ifndef REFRAIN_NEAR_REPORT_H_
#define REFRAIN_NEAR_REPORT_H_

#include <ostream>

#include "refrain/near.h"
#include "refrain/report.h"
#include "refrain/status.h"

namespace refrain {

// The formats WriteNear writes: text (score, date, document, the statement's, the span's and the
// clause's offsets, the clause's and the whole statement's scores, then the statement with the
// span that scored between "[[" and "]]", unmarked when the span is the whole statement: plain
// brackets rather than colours, so that a pipe or a file shows the same), tsv (id, score, doc,
// date, start, end, text, statement_score, clause_start, clause_end, clause_score, span_start,
// span_end) and json (each statement object with "score" the span's, "clause_score",
// "statement_score", "clause_start", "clause_end", "span_start", "span_end": bytes in the file).
inline constexpr ReportFormat kNearFormats[] = {ReportFormat::kText, ReportFormat::kTsv,
                                                ReportFormat::kJson};

// Writes `near` (found in `corpus`) to `out` in `format` (one of kNearFormats; another is
// kBadUsage). An error when the stream fails.
Status WriteNear(std::ostream& out, const Corpus& corpus, const NearResult& near,
                 ReportFormat format);

}  // namespace refrain

#endif  // REFRAIN_NEAR_REPORT_H_
