// Stage report (src/report/): `refrain eval` rendered, the matcher's precision and recall on
// labelled pairs (eval.h).
#ifndef REFRAIN_EVAL_REPORT_H_
#define REFRAIN_EVAL_REPORT_H_

#include <ostream>
#include <string_view>

#include "refrain/eval.h"
#include "refrain/report.h"
#include "refrain/status.h"

namespace refrain {

// The formats WriteEval writes: text (one line of figures; with `verbose`, every wrong
// prediction first, with its spans and shared terms) and json (the figures and every pair).
inline constexpr ReportFormat kEvalFormats[] = {ReportFormat::kText, ReportFormat::kJson};

// Writes `result` (of the labels named `labels_name`) to `out` in `format` (one of
// kEvalFormats; another is kBadUsage). An error when the stream fails.
Status WriteEval(std::ostream& out, std::string_view labels_name, const EvalResult& result,
                 ReportFormat format, bool verbose = false);

// Writes `result` of `refrain eval --text-pairs` (of the file named `pairs_name`) to `out` in
// `format` (one of kEvalFormats): text (one line of figures; with `verbose`, every wrong
// prediction first, with its sentences) or json (the figures and every pair's score).
Status WriteTextPairsEval(std::ostream& out, std::string_view pairs_name,
                          const TextPairsResult& result, ReportFormat format, bool verbose = false);

}  // namespace refrain

#endif  // REFRAIN_EVAL_REPORT_H_
