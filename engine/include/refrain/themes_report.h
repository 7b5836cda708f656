// Stage report (src/report/): themes and shifts (see report.h for the formats and the rules
// every writer follows).
#ifndef REFRAIN_THEMES_REPORT_H_
#define REFRAIN_THEMES_REPORT_H_

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "refrain/report.h"
#include "refrain/shifts.h"
#include "refrain/status.h"
#include "refrain/themes.h"
#include "refrain/types.h"

namespace refrain {

// `refrain themes`: text (each theme's timeline as a row of bars per period), JSON
// ({"schema", "by", "periods", "statements", "themes": [{"id", "label", "terms", "periods":
// {PERIOD: weight}, "docs", "counts", "recurring", "pinned"}]}) or CSV (one row per theme and
// period). `by` names the periods ("year", "event").
inline constexpr ReportFormat kThemesFormats[] = {ReportFormat::kText, ReportFormat::kJson,
                                                  ReportFormat::kCsv};
Status WriteThemes(std::ostream& out, const Corpus& corpus, const ThemeModel& model,
                   std::string_view by, ReportFormat format);

// `refrain shifts`: text, Markdown, JSON ({"schema", "periods", "shifts": [{"theme",
// "label", "terms", "kind", "from", "to", "score", "gained", "lost", "before": [statement],
// "after": [statement], "counts", "p"}]}; a statement with "speaker" when `speakers` names
// one), or HTML (one standalone page, no script: per theme with a shift, an inline SVG of its
// weight per period with its shifts marked, then each shift with its quoted statements'
// document, date and byte offsets). `speakers` is one per statement of `corpus`, or empty.
inline constexpr ReportFormat kShiftsFormats[] = {ReportFormat::kText, ReportFormat::kJson,
                                                  ReportFormat::kMarkdown, ReportFormat::kHtml};
Status WriteShifts(std::ostream& out, const Corpus& corpus, const ThemeModel& model,
                   const std::vector<Shift>& shifts, const std::vector<std::string>& speakers,
                   ReportFormat format);

}  // namespace refrain

#endif  // REFRAIN_THEMES_REPORT_H_
