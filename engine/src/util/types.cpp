#include "refrain/types.h"

#include <fmt/format.h>

#include <cctype>

#include "util/text.h"

namespace refrain {

std::string Date::ToString() const {
  switch (precision) {
    case Precision::kNone:
      return "";
    case Precision::kYear:
      return fmt::format("{:04d}", year);
    case Precision::kMonth:
      return fmt::format("{:04d}-{:02d}", year, month);
    case Precision::kDay:
      return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
  }
  return "";
}

std::string_view TurnName(TurnKind kind) {
  switch (kind) {
    case TurnKind::kNone:
      return "";
    case TurnKind::kStatement:
      return "statement";
    case TurnKind::kQuestion:
      return "question";
    case TurnKind::kAnswer:
      return "answer";
  }
  return "";
}

namespace {

// Reads exactly `width` ASCII digits at `pos`; -1 when they are not there.
int Digits(std::string_view text, size_t pos, size_t width) {
  if (pos + width > text.size()) return -1;
  int value = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysIn(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

}  // namespace

std::optional<Date> Date::Parse(std::string_view text) {
  text = text::TrimAsciiSpace(text);
  Date date;
  date.year = Digits(text, 0, 4);
  if (date.year < 0) return std::nullopt;
  date.precision = Precision::kYear;
  if (text.size() == 4) return date;
  const char sep = text[4];
  if (sep != '-' && sep != '/') return std::nullopt;
  date.month = Digits(text, 5, 2);
  if (date.month < 1 || date.month > 12) return std::nullopt;
  date.precision = Precision::kMonth;
  if (text.size() == 7) return date;
  if (text[7] != sep) return std::nullopt;
  date.day = Digits(text, 8, 2);
  if (date.day < 1 || date.day > DaysIn(date.year, date.month)) return std::nullopt;
  date.precision = Precision::kDay;
  // A time of day may follow ("2025-01-20 15:15:58-05:00", "2025-01-20T15:15"): the
  // event date is the calendar day as written, so the time is not interpreted.
  if (text.size() > 10 && text[10] != ' ' && text[10] != 'T') return std::nullopt;
  if (text.size() > 10 && (text.size() < 13 || !std::isdigit(static_cast<unsigned char>(text[11]))))
    return std::nullopt;
  return date;
}

std::string_view Document::Meta(std::string_view key) const {
  for (const auto& [k, v] : metadata)
    if (k == key) return v;
  return {};
}

}  // namespace refrain
