// The report API as it was before the writers moved into engine/src/report/ (issue 13), for
// the two commands whose writers still live in cli/: near.cpp and eval.cpp, which their
// owners are rewriting. CMakeLists.txt includes it into those two files only. Delete it
// when they call engine writers.
#ifndef REFRAIN_CLI_REPORT_LEGACY_H_
#define REFRAIN_CLI_REPORT_LEGACY_H_

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "refrain/report.h"
#include "refrain/status.h"
#include "refrain/types.h"

namespace refrain {

using Format = ReportFormat;

inline Result<ReportFormat> ParseFormat(std::string_view name,
                                        std::initializer_list<ReportFormat> allowed) {
  return ParseReportFormat(name, allowed);
}

// The engine's statement object (WriteStatementJson), as nlohmann::json.
nlohmann::json StatementJson(const Corpus& corpus, const Statement& statement);

// `json` as text (indent -1: one line); invalid UTF-8 becomes U+FFFD.
std::string DumpJson(const nlohmann::json& json, int indent = -1);

}  // namespace refrain

#endif  // REFRAIN_CLI_REPORT_LEGACY_H_
