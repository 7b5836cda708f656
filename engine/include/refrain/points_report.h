// Stage report (src/report/): talking points and comparisons (see report.h for the formats
// and the rules every writer follows).
#ifndef REFRAIN_POINTS_REPORT_H_
#define REFRAIN_POINTS_REPORT_H_

#include <cstddef>
#include <ostream>
#include <string_view>

#include "refrain/compare.h"
#include "refrain/report.h"
#include "refrain/status.h"
#include "refrain/talking_points.h"
#include "refrain/types.h"

namespace refrain {

// `refrain talking-points`. `top` > 0 writes only the first `top` points (ceremony and stock
// phrases are always all written, after the points: JSON keys "ceremony", "stock_phrases").
// In JSON a variant is its statement's object with start, end and text those of the unit
// (the clause that makes the point), plus score, core, statement_start and statement_end (the
// whole sentence's offsets). A joined point (TalkingPointsOptions::join_phrasings) also has
// "phrasings" (its former cores' texts, the main core first) and each of its variants
// "phrasing" (the index of the one it matched); text and Markdown say "also phrased as".
// Neither key is written for a point of one phrasing.
inline constexpr ReportFormat kTalkingPointsFormats[] = {
    ReportFormat::kText, ReportFormat::kJson, ReportFormat::kCsv, ReportFormat::kMarkdown};
Status WriteTalkingPoints(std::ostream& out, const Corpus& corpus, const TalkingPoints& points,
                          ReportFormat format, size_t top = 0);

// `refrain compare`: text (two columns, `width` display columns wide in all), JSON or HTML
// (one standalone page: inline CSS, no script, nothing fetched).
inline constexpr ReportFormat kComparisonFormats[] = {ReportFormat::kText, ReportFormat::kJson,
                                                      ReportFormat::kHtml};
Status WriteComparison(std::ostream& out, const Corpus& corpus, const Comparison& comparison,
                       ReportFormat format, int width = 100);

// The number of terminal columns `text` takes (East Asian wide and full-width characters
// count two, combining marks none).
int DisplayWidth(std::string_view text);

}  // namespace refrain

#endif  // REFRAIN_POINTS_REPORT_H_
