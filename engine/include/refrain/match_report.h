// Stage report (src/report/): `refrain match` rendered, what a new document repeats of an index,
// what in it is new, and what its source no longer says (see index.h). HTML is one standalone
// page: each unit marked repeated or new, every earlier phrasing folded under it.
#ifndef REFRAIN_MATCH_REPORT_H_
#define REFRAIN_MATCH_REPORT_H_

#include <ostream>

#include "refrain/index.h"
#include "refrain/report.h"
#include "refrain/status.h"

namespace refrain {

// The formats WriteIndexMatch writes.
inline constexpr ReportFormat kIndexMatchFormats[] = {ReportFormat::kText, ReportFormat::kJson,
                                                      ReportFormat::kHtml};

// Writes `match` to `out` in `format` (one of kIndexMatchFormats; another is kBadUsage). An
// error when the stream fails.
Status WriteIndexMatch(std::ostream& out, const IndexMatch& match, ReportFormat format);

}  // namespace refrain

#endif  // REFRAIN_MATCH_REPORT_H_
