// Stage themes (src/themes/): time periods for themes and shifts: every document placed in a year,
// quarter, month or event, or on one side of a split date. Documents whose date cannot be placed
// (undated, or dated more coarsely than the grouping) are left out and counted, never guessed.
#ifndef REFRAIN_PERIODS_H_
#define REFRAIN_PERIODS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "refrain/status.h"
#include "refrain/types.h"

namespace refrain {

// How documents are grouped: by calendar year ("2021"), quarter ("2021-Q3"),
// month ("2021-07"), or by event (Document::event: the manifest's `event` column,
// else the document's path; events ordered by their earliest date).
enum class PeriodBy { kYear, kQuarter, kMonth, kEvent };

// Parses "year", "quarter", "month", "event"; a usage error lists them.
Result<PeriodBy> ParsePeriodBy(std::string_view name);
std::string_view PeriodByName(PeriodBy by);

struct Periods {
  // Period labels in time order: "2021", "2021-Q3", "2021-07", an event, or with a
  // split "before 2022-01-01" and "from 2022-01-01".
  std::vector<std::string> labels;
  // The period of each document (index into labels), -1 when it is left out.
  std::vector<int32_t> of_document;
  // Documents left out: without a date (kept by --undated keep), and dated more
  // coarsely than the grouping needs (a year-only date under --by month).
  size_t undated = 0;
  size_t too_coarse = 0;
};

// Groups the corpus's documents by `by`. Labels are only those of periods that
// hold at least one document. With --lines corpora (no dates) every document is
// undated, except for kEvent, which needs no date.
Periods GroupByPeriod(const Corpus& corpus, PeriodBy by);

// Two periods: documents dated before `split` and from `split` on. A document whose
// date is coarser than the split's and contains it (dated 2022 with a split at
// 2022-07) cannot be placed: it is counted as too coarse. Requires split.known().
Periods SplitAt(const Corpus& corpus, const Date& split);

}  // namespace refrain

#endif  // REFRAIN_PERIODS_H_
