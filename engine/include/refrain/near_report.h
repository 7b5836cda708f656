// Stage report (src/report/): `refrain near` rendered, the statements near a text (near.h).
#ifndef REFRAIN_NEAR_REPORT_H_
#define REFRAIN_NEAR_REPORT_H_

#include <ostream>

#include "refrain/near.h"
#include "refrain/report.h"
#include "refrain/status.h"

namespace refrain {

// The formats WriteNear writes: text (score, date, document, offsets, then the statement),
// tsv (id, score, doc, date, start, end, text) and json.
inline constexpr ReportFormat kNearFormats[] = {ReportFormat::kText, ReportFormat::kTsv,
                                                ReportFormat::kJson};

// Writes `near` (found in `corpus`) to `out` in `format` (one of kNearFormats; another is
// kBadUsage). An error when the stream fails.
Status WriteNear(std::ostream& out, const Corpus& corpus, const NearResult& near,
                 ReportFormat format);

}  // namespace refrain

#endif  // REFRAIN_NEAR_REPORT_H_
