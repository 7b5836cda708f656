// Stage report (src/report/): what `refrain vectorize` says of the matrix it made (see
// report.h for the formats and the rules every writer follows).
#ifndef REFRAIN_VECTORIZE_REPORT_H_
#define REFRAIN_VECTORIZE_REPORT_H_

#include <ostream>
#include <span>
#include <string>

#include "refrain/matrix.h"
#include "refrain/report.h"
#include "refrain/status.h"
#include "refrain/vectorizer.h"

namespace refrain {

// The matrix's shape and non-zeros; in JSON also the options it was made with, in
// scikit-learn's names. `files`: the matrix and vocabulary files written, or empty.
inline constexpr ReportFormat kVectorizeFormats[] = {ReportFormat::kText, ReportFormat::kJson};
Status WriteVectorizeSummary(std::ostream& out, const TfidfMatrix& matrix,
                             const VectorizerOptions& options, std::span<const std::string> files,
                             ReportFormat format);

}  // namespace refrain

#endif  // REFRAIN_VECTORIZE_REPORT_H_
