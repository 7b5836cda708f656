#include "report_legacy.h"

#include <sstream>

namespace refrain {

nlohmann::json StatementJson(const Corpus& corpus, const Statement& statement) {
  std::ostringstream out;
  (void)WriteStatementJson(out, corpus, statement);  // a string stream does not fail
  return nlohmann::json::parse(out.str());
}

std::string DumpJson(const nlohmann::json& json, int indent) {
  return json.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace refrain
