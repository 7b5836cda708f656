// Figures read from a unit's words (claims/figures.h).
#include "claims/figures.h"

#include <charconv>
#include <cmath>
#include <optional>

namespace refrain {
namespace {

struct Named {
  std::string_view word;
  double value;
};

constexpr Named kNumberWords[] = {{"one", 1},      {"two", 2},       {"three", 3},   {"four", 4},
                                  {"five", 5},     {"six", 6},       {"seven", 7},   {"eight", 8},
                                  {"nine", 9},     {"ten", 10},      {"eleven", 11}, {"twelve", 12},
                                  {"fifteen", 15}, {"twenty", 20},   {"thirty", 30}, {"forty", 40},
                                  {"fifty", 50},   {"hundred", 100}, {"dozen", 12}};
constexpr Named kScales[] = {{"thousand", 1e3}, {"million", 1e6}, {"mln", 1e6},
                             {"billion", 1e9},  {"bn", 1e9},      {"trillion", 1e12},
                             {"hundred", 1e2}};
constexpr std::string_view kMonths[] = {"january",   "february", "march",    "april",
                                        "may",       "june",     "july",     "august",
                                        "september", "october",  "november", "december"};

std::string_view CurrencyOfSign(std::string_view w) {
  if (w == "$" || w == "us$" || w == "usd") return "usd";
  if (w == "€" || w == "eur") return "eur";
  if (w == "£" || w == "gbp") return "gbp";
  if (w == "¥" || w == "rmb" || w == "cny") return "cny";
  return {};
}

std::string_view CurrencyOfWord(std::string_view w) {
  if (w == "dollars" || w == "dollar" || w == "usd") return "usd";
  if (w == "euros" || w == "euro") return "eur";
  if (w == "pounds" || w == "sterling") return "gbp";
  if (w == "yuan" || w == "renminbi" || w == "rmb") return "cny";
  if (w == "rubles" || w == "roubles" || w == "ruble" || w == "rouble") return "rub";
  if (w == "yen") return "jpy";
  return {};
}

// A number written in digits ("1,234.5", "12%", "$5"), its value; nullopt otherwise.
std::optional<double> Digits(std::string_view w) {
  std::string plain;
  for (char c : w)
    if (c != ',') plain += c;
  if (plain.empty() || !(plain[0] >= '0' && plain[0] <= '9')) return std::nullopt;
  double value = 0;
  auto [end, error] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
  if (error != std::errc() || end != plain.data() + plain.size()) return std::nullopt;
  return value;
}

std::optional<double> Lookup(std::span<const Named> table, std::string_view w) {
  for (const Named& n : table)
    if (n.word == w) return n.value;
  return std::nullopt;
}

int MonthOf(std::string_view w) {
  for (int m = 0; m < 12; ++m)
    if (kMonths[m] == w ||
        (w.size() >= 3 && w.size() <= 4 && kMonths[m].starts_with(w) && w != "may" && w != "mar"))
      return m + 1;
  return 0;
}

}  // namespace

std::vector<Figure> ReadFigures(std::span<const std::string> lower,
                                std::span<const std::string_view> upos) {
  std::vector<Figure> figures;
  const size_t n = lower.size();
  for (size_t i = 0; i < n; ++i) {
    size_t first = i;
    std::string currency(CurrencyOfSign(lower[i]));
    size_t at = currency.empty() ? i : i + 1;
    if (at >= n) break;
    std::string word = lower[at];
    // "$5" and "12%" in one word.
    if (currency.empty() && !word.empty() && CurrencyOfSign(word.substr(0, 1)) == "usd")
      currency = "usd", word = word.substr(1);
    bool percent = false;
    if (!word.empty() && word.back() == '%') percent = true, word.pop_back();
    std::optional<double> value = Digits(word);
    if (!value && upos[at] == "NUM") value = Lookup(kNumberWords, word);
    if (!value) continue;
    size_t last = at;
    bool scaled = false;
    while (last + 1 < n) {
      std::optional<double> scale = Lookup(kScales, lower[last + 1]);
      if (!scale) break;
      *value *= *scale, scaled = true, ++last;
    }
    Figure f;
    f.index = static_cast<uint32_t>(first);
    if (last + 1 < n && !percent) {
      const std::string& next = lower[last + 1];
      if (next == "%" || next == "percent" || next == "pct") {
        percent = true, ++last;
      } else if (next == "per" && last + 2 < n && lower[last + 2] == "cent") {
        percent = true, last += 2;
      } else if (next == "percentage" && last + 2 < n && lower[last + 2] == "points") {
        percent = true, last += 2;
      } else if (std::string_view c = CurrencyOfWord(next); !c.empty()) {
        currency = std::string(c), ++last;
      }
    }
    const int month_before = first > 0 ? MonthOf(lower[first - 1]) : 0;
    const int month_after = last + 1 < n ? MonthOf(lower[last + 1]) : 0;
    const bool whole = std::floor(*value) == *value;
    if (percent) {
      f.kind = Figure::Kind::kPercent;
    } else if (!currency.empty()) {
      f.kind = Figure::Kind::kMoney;
      f.currency = currency;
    } else if (!scaled && whole && *value >= 1 && *value <= 31 && (month_before || month_after)) {
      f.kind = Figure::Kind::kDate;
      *value += 100 * (month_before ? month_before : month_after);
      if (month_before)
        --f.index;
      else
        ++last;
    } else if (!scaled && whole && *value >= 1900 && *value <= 2100 && word.size() == 4) {
      f.kind = Figure::Kind::kYear;
    } else {
      f.kind = Figure::Kind::kNumber;
    }
    f.value = *value;
    f.size = static_cast<uint32_t>(last - f.index + 1);
    for (size_t k = f.index; k <= last; ++k) f.text += (k > f.index ? " " : "") + lower[k];
    figures.push_back(std::move(f));
    i = last;
  }
  return figures;
}

bool SameFigure(const Figure& a, const Figure& b) {
  if (a.kind != b.kind) return false;
  if (!a.currency.empty() && !b.currency.empty() && a.currency != b.currency) return false;
  // Years and dates are exact; amounts may be rounded differently ("5.07" / "about 5.1").
  if (a.kind == Figure::Kind::kYear || a.kind == Figure::Kind::kDate) return a.value == b.value;
  const double scale = std::max(std::abs(a.value), std::abs(b.value));
  return std::abs(a.value - b.value) <= 0.01 * scale;
}

std::vector<const Figure*> FiguresContradicted(const std::vector<Figure>& a,
                                               const std::vector<Figure>& b) {
  std::vector<const Figure*> out;
  for (const Figure& fa : a) {
    bool kind_in_b = false, same = false;
    for (const Figure& fb : b) {
      if (fb.kind != fa.kind) continue;
      kind_in_b = true;
      same = same || SameFigure(fa, fb);
    }
    if (kind_in_b && !same) out.push_back(&fa);
  }
  return out;
}

}  // namespace refrain
