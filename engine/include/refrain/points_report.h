// Report writers for talking points and comparisons (see report.h for the shared
// rules: "schema": 1, and every statement as StatementJson writes it).
#ifndef REFRAIN_POINTS_REPORT_H_
#define REFRAIN_POINTS_REPORT_H_

#include <nlohmann/json.hpp>
#include <ostream>

#include "refrain/compare.h"
#include "refrain/report.h"
#include "refrain/talking_points.h"
#include "refrain/types.h"

namespace refrain {

// A variant of a point as JSON: StatementJson of its statement with start, end and text
// those of the unit (the clause that makes the point), plus score, statement_start and
// statement_end (the whole sentence's offsets).
nlohmann::json PointVariantJson(const Corpus& corpus, const PointVariant& variant);

// `refrain talking-points`: text, json, csv or md. `top` > 0 writes only the first `top`
// points (stock phrases are always all written).
void WriteTalkingPoints(std::ostream& out, const Corpus& corpus, const TalkingPoints& points,
                        Format format, size_t top = 0);

// `refrain compare`: text (two columns, `width` display columns wide in all), json or
// html (one standalone page: inline CSS, no script, nothing fetched).
void WriteComparison(std::ostream& out, const Corpus& corpus, const Comparison& comparison,
                     Format format, int width = 100);

// The number of terminal columns `text` takes (East Asian wide and full-width characters
// count two, combining marks none).
int DisplayWidth(std::string_view text);

}  // namespace refrain

#endif  // REFRAIN_POINTS_REPORT_H_
