#include "refrain/periods.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

namespace refrain {
namespace {

constexpr std::pair<PeriodBy, std::string_view> kPeriodNames[] = {
    {PeriodBy::kYear, "year"},
    {PeriodBy::kQuarter, "quarter"},
    {PeriodBy::kMonth, "month"},
    {PeriodBy::kEvent, "event"},
};

// The calendar period of `date` under `by` (not kEvent), or nullopt when the date is
// not precise enough to place.
std::optional<std::string> CalendarLabel(const Date& date, PeriodBy by) {
  if (!date.known()) return std::nullopt;
  switch (by) {
    case PeriodBy::kYear:
      return fmt::format("{:04d}", date.year);
    case PeriodBy::kQuarter:
      if (date.precision < Date::Precision::kMonth) return std::nullopt;
      return fmt::format("{:04d}-Q{}", date.year, (date.month - 1) / 3 + 1);
    case PeriodBy::kMonth:
      if (date.precision < Date::Precision::kMonth) return std::nullopt;
      return fmt::format("{:04d}-{:02d}", date.year, date.month);
    case PeriodBy::kEvent:
      break;
  }
  return std::nullopt;
}

// `date` cut to `precision` (which must not exceed the date's own).
Date Truncate(Date date, Date::Precision precision) {
  if (precision < Date::Precision::kDay) date.day = 0;
  if (precision < Date::Precision::kMonth) date.month = 0;
  date.precision = precision;
  return date;
}

}  // namespace

Result<PeriodBy> ParsePeriodBy(std::string_view name) {
  for (const auto& [by, by_name] : kPeriodNames)
    if (by_name == name) return by;
  return Status::BadUsage(fmt::format("--by takes year, quarter, month or event, not '{}'", name));
}

std::string_view PeriodByName(PeriodBy by) {
  for (const auto& [b, name] : kPeriodNames)
    if (b == by) return name;
  return "?";
}

Periods GroupByPeriod(const Corpus& corpus, PeriodBy by) {
  Periods periods;
  periods.of_document.assign(corpus.documents.size(), -1);
  std::vector<std::string> label_of(corpus.documents.size());
  // Sort key of each label: calendar labels sort as text ("2021-Q3" < "2022");
  // events by their earliest known date, then by name (undated events last).
  std::map<std::string, std::pair<std::optional<Date>, std::string>> keys;
  for (size_t d = 0; d < corpus.documents.size(); ++d) {
    const Document& doc = corpus.documents[d];
    if (by == PeriodBy::kEvent) {
      label_of[d] = doc.event.empty() ? doc.path : doc.event;
      auto [it, inserted] = keys.try_emplace(label_of[d], std::nullopt, label_of[d]);
      if (doc.date.known() && (!it->second.first || doc.date < *it->second.first))
        it->second.first = doc.date;
      continue;
    }
    std::optional<std::string> label = CalendarLabel(doc.date, by);
    if (!label) {
      ++(doc.date.known() ? periods.too_coarse : periods.undated);
      continue;
    }
    label_of[d] = *label;
    keys.try_emplace(*label, std::nullopt, *label);
  }
  std::vector<std::string> order;
  for (const auto& [label, key] : keys) order.push_back(label);
  if (by == PeriodBy::kEvent) {
    std::stable_sort(order.begin(), order.end(), [&](const std::string& a, const std::string& b) {
      const auto& ka = keys[a].first;
      const auto& kb = keys[b].first;
      if (ka.has_value() != kb.has_value()) return ka.has_value();
      if (ka && *ka != *kb) return *ka < *kb;
      return a < b;
    });
  }
  std::map<std::string, int32_t> index;
  for (const std::string& label : order) {
    index[label] = static_cast<int32_t>(periods.labels.size());
    periods.labels.push_back(label);
  }
  for (size_t d = 0; d < corpus.documents.size(); ++d)
    if (!label_of[d].empty()) periods.of_document[d] = index[label_of[d]];
  return periods;
}

Periods SplitAt(const Corpus& corpus, const Date& split) {
  Periods periods;
  const std::string at = split.ToString();
  periods.labels = {"before " + at, "from " + at};
  periods.of_document.assign(corpus.documents.size(), -1);
  for (size_t d = 0; d < corpus.documents.size(); ++d) {
    const Date& date = corpus.documents[d].date;
    if (!date.known()) {
      ++periods.undated;
      continue;
    }
    // Compare at the coarser of the two precisions; a coarser document date equal to
    // the split there straddles it.
    const Date::Precision common = std::min(date.precision, split.precision);
    const Date a = Truncate(date, common);
    const Date b = Truncate(split, common);
    int32_t side;
    if (a < b)
      side = 0;
    else if (b < a || date.precision >= split.precision)
      side = 1;
    else {
      ++periods.too_coarse;
      continue;
    }
    periods.of_document[d] = side;
  }
  // Both labels stay even when a side is empty: the caller reports it.
  return periods;
}

}  // namespace refrain
