#include "refrain/types.h"

#include <fmt/format.h>

namespace refrain {

std::string Date::ToString() const {
  switch (precision) {
    case Precision::kNone: return "";
    case Precision::kYear: return fmt::format("{:04d}", year);
    case Precision::kMonth: return fmt::format("{:04d}-{:02d}", year, month);
    case Precision::kDay: return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
  }
  return "";
}

std::optional<Date> Date::Parse(std::string_view) { return std::nullopt; }  // reader helper replaces

std::string_view Document::Meta(std::string_view key) const {
  for (const auto& [k, v] : metadata)
    if (k == key) return v;
  return {};
}

}  // namespace refrain
