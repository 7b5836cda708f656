// Alias tables: acronyms and their long forms, and user synonyms, rewritten to
// one term per group before the vectorizer reads a text. Acronyms ("UN", "U.S.")
// match only as written, in capitals, so that "us" or "who" in prose stay words;
// long forms match in any case, a space in a form matching any run of spaces.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>

#include "refrain/matcher.h"
#include "refrain/tokenizer.h"
#include "util/text.h"

namespace refrain {
namespace {

using text::AsciiLower;
using text::IsAsciiAlnum;
using text::IsAsciiLower;
using text::IsAsciiUpper;

// Whether text[pos] is part of a word: ASCII letters and digits, and non-ASCII
// characters except the typographic quotes and dashes of U+2010..U+201F ("United
// States’" ends at the apostrophe; "Café" is never cut inside).
bool IsWordAt(std::string_view text, size_t pos) {
  const unsigned char c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) return IsAsciiAlnum(static_cast<char>(c));
  if (c >= 0xC0) {  // a lead byte: look at the character it starts
    if (c == 0xE2 && pos + 2 < text.size() && static_cast<unsigned char>(text[pos + 1]) == 0x80) {
      const unsigned char d = static_cast<unsigned char>(text[pos + 2]);
      return !(d >= 0x90 && d <= 0x9F);
    }
    return true;
  }
  // A continuation byte: walk back to its lead byte.
  size_t lead = pos;
  while (lead > 0 && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80) --lead;
  return IsWordAt(text, lead);
}

// An acronym-like form ("UN", "U.S.", "WWII", "DPRK") is matched case-sensitively:
// it has a capital letter and no lower-case one.
bool ExactCase(std::string_view form) {
  bool upper = false;
  for (char c : form) {
    if (IsAsciiLower(c)) return false;
    upper |= IsAsciiUpper(c);
  }
  return upper;
}

// The key under which two forms are the same form: exact for acronyms, lower case
// with spaces collapsed for the rest.
std::string FormKey(std::string_view form) {
  std::string key = text::Normalise(form);
  if (!ExactCase(key)) text::AsciiLowerInPlace(key);
  return key;
}

// The one token a group's forms are rewritten to: its first acronym (else its first form)
// in lower case, letters and digits only, words joined, and a trailing '_' (one word to
// the tokenizer) so that it is never an ordinary word: "UN" -> "un_" is no stop word,
// and a learned "(PEACE)" does not take over the word "peace".
std::string GroupTerm(const std::vector<std::string>& forms) {
  const std::string* chosen = &forms.front();
  for (const std::string& f : forms)
    if (ExactCase(f)) {
      chosen = &f;
      break;
    }
  std::string term;
  for (char c : *chosen)
    if (IsAsciiAlnum(c)) term += AsciiLower(c);
  if (term.empty()) {  // a non-ASCII form: keep its bytes, spaces dropped
    for (char c : *chosen)
      if (!std::isspace(static_cast<unsigned char>(c))) term += c;
  }
  term += '_';
  return term;
}

// Length of a possessive "'s" or "’s" ending a word at text[pos], 0 when none.
size_t PossessiveAt(std::string_view text, size_t pos) {
  size_t n = 0;
  if (text.substr(pos, 1) == "'") n = 1;
  if (text.substr(pos, 3) == "\u2019") n = 3;
  if (n == 0 || pos + n >= text.size() || (text[pos + n] != 's' && text[pos + n] != 'S')) return 0;
  if (pos + n + 1 < text.size() && IsWordAt(text, pos + n + 1)) return 0;
  return n + 1;
}

// Built-in groups: acronyms every diplomatic text uses, canonical (readable) form first.
// Kept short on purpose: a wrong alias merges two points, a missing one only loses a
// match that the corpus's own "Long Form (ABBR)" usually supplies.
const std::vector<std::vector<std::string>>& BuiltinGroups() {
  static const std::vector<std::vector<std::string>> groups = {
      {"United Nations", "UN", "U.N."},
      {"United States", "US", "U.S.", "U.S", "USA", "U.S.A.", "United States of America"},
      {"United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "British", "London"},
      {"European Union", "EU", "E.U."},
      {"Second World War", "WWII", "WW2", "World War II", "World War Two", "World War 2"},
      {"First World War", "WWI", "WW1", "World War I", "World War One", "World War 1"},
      {"Shanghai Cooperation Organization", "SCO", "Shanghai Cooperation Organisation"},
      {"BRICS"},
      {"Association of Southeast Asian Nations", "ASEAN"},
      {"North Atlantic Treaty Organization", "NATO", "North Atlantic Treaty Organisation"},
      {"World Health Organization", "WHO", "World Health Organisation"},
      {"Republic of Korea", "ROK", "South Korea", "Seoul"},
      {"Democratic People's Republic of Korea", "DPRK", "North Korea", "Pyongyang"},
      {"People's Republic of China", "PRC"},
      {"Security Council", "UNSC", "UN Security Council", "United Nations Security Council"},
      {"General Assembly", "UNGA", "UN General Assembly", "United Nations General Assembly"},
      {"Group of Twenty", "G20", "G-20"},
      {"Group of Seven", "G7", "G-7"},
      {"Asia-Pacific Economic Cooperation", "APEC"},
      {"Belt and Road Initiative", "BRI"},
      {"Conference on Interaction and Confidence-Building Measures in Asia", "CICA"},
      {"Collective Security Treaty Organization", "CSTO"},
      {"Eurasian Economic Union", "EAEU", "EEU"},
      {"Joint Comprehensive Plan of Action", "JCPOA"},
      {"coronavirus", "COVID-19", "COVID", "Covid-19", "novel coronavirus"},
      // A country, its people's adjective and its capital name one actor in diplomatic
      // text ("the Chinese side", "costs on Moscow"). Left out where the adjective or the
      // city names something else too: American (Latin American), Indian (Indian Ocean),
      // Korean (two countries), Paris, Minsk, Geneva and Vienna (agreements, venues),
      // Washington (a state, a treaty).
      {"China", "Chinese", "Beijing"},
      {"Russia", "Russian", "Russian Federation", "Moscow"},
      {"Ukraine", "Ukrainian", "Kyiv", "Kiev"},
      {"Japan", "Japanese", "Tokyo"},
      {"Iran", "Iranian", "Islamic Republic of Iran", "Tehran"},
      {"Israel", "Israeli"},
      {"Palestine", "Palestinian", "State of Palestine"},
      {"Syria", "Syrian", "Syrian Arab Republic", "Damascus"},
      {"Iraq", "Iraqi", "Baghdad"},
      {"Afghanistan", "Afghan", "Kabul"},
      {"Pakistan", "Pakistani", "Islamabad"},
      {"Cuba", "Cuban", "Havana"},
      {"Venezuela", "Venezuelan", "Bolivarian Republic of Venezuela", "Caracas"},
      {"Argentina", "Argentine", "Argentinian", "Argentine Republic"},
      {"Germany", "German", "Berlin"},
      {"France", "French"},
      {"Italy", "Italian"},
      {"Turkey", "Turkish", "Türkiye", "Ankara"},
      {"Taiwan", "Taiwanese"},
      {"Philippines", "Philippine", "Filipino", "Manila"},
      {"Vietnam", "Viet Nam", "Vietnamese", "Hanoi"},
  };
  return groups;
}

}  // namespace

struct AliasTable::Impl {
  struct Group {
    std::vector<std::string> forms;  // as written, canonical first
    std::string term;                // the token every form becomes
  };
  struct Pattern {
    std::string form;  // as written, spaces collapsed
    bool exact_case = false;
    uint32_t group = 0;
  };
  std::vector<Group> groups;
  // Patterns by the lower-cased first byte of their form, longest first.
  std::array<std::vector<Pattern>, 256> by_first;
  std::map<std::string, uint32_t, std::less<>> by_term;

  // Rebuilds the terms and the pattern index from `groups`.
  void Compile() {
    for (auto& bucket : by_first) bucket.clear();
    by_term.clear();
    for (uint32_t g = 0; g < groups.size(); ++g) {
      Group& group = groups[g];
      group.term = GroupTerm(group.forms);
      by_term.emplace(group.term, g);
      for (const std::string& form : group.forms) {
        Pattern p{text::Normalise(form), ExactCase(form), g};
        if (p.form.empty()) continue;
        by_first[static_cast<unsigned char>(AsciiLower(p.form[0]))].push_back(std::move(p));
      }
    }
    for (auto& bucket : by_first)
      std::stable_sort(bucket.begin(), bucket.end(), [](const Pattern& a, const Pattern& b) {
        return a.form.size() > b.form.size();
      });
  }

  // The end of `p` matched at text[pos], or npos. A space in the form matches a run of
  // white space; the match must end at a word boundary.
  static size_t MatchAt(std::string_view text, size_t pos, const Pattern& p) {
    size_t i = pos;
    for (size_t k = 0; k < p.form.size(); ++k) {
      const char f = p.form[k];
      if (f == ' ') {
        if (i >= text.size() || !std::isspace(static_cast<unsigned char>(text[i])))
          return std::string_view::npos;
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
        continue;
      }
      if (i >= text.size()) return std::string_view::npos;
      const char t = text[i];
      if (p.exact_case ? t != f : AsciiLower(t) != AsciiLower(f)) return std::string_view::npos;
      ++i;
    }
    // "U.S." ends on a boundary by itself; "UN" must not be the start of "UNESCO".
    if (i < text.size() && IsWordAt(text, i) && IsAsciiAlnum(p.form.back()))
      return std::string_view::npos;
    return i;
  }
};

AliasTable AliasTable::Builtin() {
  AliasTable table;
  auto impl = std::make_shared<Impl>();
  for (const auto& forms : BuiltinGroups()) impl->groups.push_back({forms, {}});
  impl->Compile();
  table.impl_ = std::move(impl);
  return table;
}

Result<AliasTable> AliasTable::Load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::IoError(fmt::format("{}: cannot read the alias file", file.string()));
  AliasTable table;
  auto impl = std::make_shared<Impl>();
  std::string line;
  for (uint64_t number = 1; std::getline(in, line); ++number) {
    if (size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    if (text::TrimAsciiSpace(line).empty()) continue;
    std::vector<std::string> forms;
    size_t begin = 0;
    while (begin <= line.size()) {
      size_t tab = line.find('\t', begin), eq = line.find(" = ", begin);
      size_t cut = std::min(tab, eq);
      std::string form(text::TrimAsciiSpace(std::string_view(line).substr(begin, cut - begin)));
      if (form.empty())
        return Status::BadInput(
            fmt::format("{}:{}: an empty form in an alias group", file.string(), number));
      forms.push_back(std::move(form));
      if (cut == std::string::npos) break;
      begin = cut + (cut == tab ? 1 : 3);
    }
    if (forms.size() < 2)
      return Status::BadInput(fmt::format(
          "{}:{}: an alias group needs at least two forms, separated by a tab or \" = \"",
          file.string(), number));
    impl->groups.push_back({std::move(forms), {}});
  }
  if (in.bad()) return Status::IoError(fmt::format("{}: read error", file.string()));
  // Groups that share a form in the file are one group.
  table.impl_ = std::make_shared<Impl>();
  AliasTable loaded;
  loaded.impl_ = std::move(impl);
  table.Merge(loaded);
  return table;
}

namespace {

// Schwartz and Hearst (2003): the shortest tail of `before` whose words hold the
// letters of `acronym` in order, the first letter starting a word. "" when none.
std::string LongFormFor(std::string_view acronym, std::string_view before) {
  // At most min(|A| + 5, 2|A|) words before the parenthesis.
  const size_t letters = acronym.size();
  const size_t max_words = std::min(letters + 5, 2 * letters);
  size_t words = 0, begin = before.size();
  while (begin > 0 && words < max_words) {
    size_t end = begin;
    while (end > 0 && before[end - 1] == ' ') --end;
    if (end == 0) break;
    size_t start = end;
    while (start > 0 && before[start - 1] != ' ') --start;
    // A clause boundary ends the search: ", " or ";" inside the candidate.
    const char last = before[end - 1];
    if (words > 0 && (last == ',' || last == ';' || last == ':' || last == ')')) break;
    begin = start;
    ++words;
  }
  std::string_view candidate = before.substr(begin);
  while (!candidate.empty() && candidate.back() == ' ') candidate.remove_suffix(1);
  if (candidate.empty()) return {};
  int s = static_cast<int>(acronym.size()) - 1;
  int l = static_cast<int>(candidate.size()) - 1;
  while (s >= 0) {
    const char c = AsciiLower(acronym[s]);
    if (!IsAsciiAlnum(c)) {
      --s;
      continue;
    }
    while (l >= 0 &&
           (AsciiLower(candidate[l]) != c || (s == 0 && l > 0 && IsAsciiAlnum(candidate[l - 1]))))
      --l;
    if (l < 0) return {};
    --l;
    --s;
  }
  size_t start = candidate.rfind(' ', static_cast<size_t>(l + 1));
  start = start == std::string_view::npos ? 0 : start + 1;
  std::string long_form(candidate.substr(start));
  if (long_form.find(' ') == std::string::npos) return {};  // one word is no long form
  if (long_form.size() <= acronym.size()) return {};
  return long_form;
}

// "(SCO)": two to ten characters, capitals (and digits, '&', '-') with at least two capitals.
bool IsAcronym(std::string_view s) {
  if (s.size() < 2 || s.size() > 10) return false;
  int capitals = 0;
  for (char c : s) {
    if (IsAsciiUpper(c)) {
      ++capitals;
    } else if (!(c >= '0' && c <= '9') && c != '&' && c != '-') {
      return false;
    }
  }
  return capitals >= 2 && IsAsciiUpper(s.front());
}

}  // namespace

AliasTable AliasTable::Learn(const Corpus& corpus) {
  // acronym -> long form (lower case) -> (count, first spelling seen)
  std::map<std::string, std::map<std::string, std::pair<int, std::string>>> seen;
  for (const Statement& s : corpus.statements) {
    std::string_view text = s.text;
    for (size_t open = text.find('('); open != std::string_view::npos;
         open = text.find('(', open + 1)) {
      size_t close = text.find(')', open + 1);
      if (close == std::string_view::npos) break;
      std::string_view acronym = text.substr(open + 1, close - open - 1);
      if (!IsAcronym(acronym)) continue;
      std::string long_form = LongFormFor(acronym, text.substr(0, open));
      if (long_form.empty()) continue;
      std::string key = FormKey(long_form);
      auto& entry = seen[std::string(acronym)][key];
      if (entry.first++ == 0) entry.second = long_form;
    }
  }
  AliasTable table;
  auto impl = std::make_shared<Impl>();
  for (const auto& [acronym, forms] : seen) {
    // The most frequent definition wins (ties: the first in key order): one acronym, one
    // meaning per corpus.
    auto best = std::max_element(forms.begin(), forms.end(), [](const auto& a, const auto& b) {
      return a.second.first < b.second.first;
    });
    impl->groups.push_back({{best->second.second, acronym}, {}});
  }
  impl->Compile();
  table.impl_ = std::move(impl);
  return table;
}

AliasTable AliasTable::FromGroups(const std::vector<std::vector<std::string>>& groups) {
  AliasTable loaded;
  loaded.impl_ = std::make_shared<Impl>();
  for (const auto& forms : groups)
    if (!forms.empty()) loaded.impl_->groups.push_back({forms, {}});
  AliasTable table;
  table.impl_ = std::make_shared<Impl>();
  table.Merge(loaded);
  return table;
}

void AliasTable::Merge(const AliasTable& other) {
  if (!other.impl_ || other.impl_->groups.empty()) return;
  auto merged = std::make_shared<Impl>();
  std::vector<std::vector<std::string>> all;
  if (impl_)
    for (const auto& g : impl_->groups) all.push_back(g.forms);
  for (const auto& g : other.impl_->groups) all.push_back(g.forms);
  // Union-find over groups that share a form.
  std::vector<size_t> parent(all.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  std::map<std::string, size_t> owner;
  for (size_t g = 0; g < all.size(); ++g)
    for (const std::string& form : all[g]) {
      auto [it, inserted] = owner.emplace(FormKey(form), g);
      if (!inserted) parent[find(g)] = find(it->second);
    }
  std::map<size_t, size_t> index;  // root -> merged group
  for (size_t g = 0; g < all.size(); ++g) {
    size_t root = find(g);
    auto [it, inserted] = index.emplace(root, merged->groups.size());
    if (inserted) merged->groups.push_back({});
    auto& forms = merged->groups[it->second].forms;
    for (std::string& form : all[g]) {
      const std::string key = FormKey(form);
      if (std::none_of(forms.begin(), forms.end(),
                       [&](const std::string& f) { return FormKey(f) == key; }))
        forms.push_back(std::move(form));
    }
  }
  merged->Compile();
  impl_ = std::move(merged);
}

size_t AliasTable::size() const { return impl_ ? impl_->groups.size() : 0; }

std::vector<std::vector<std::string>> AliasTable::Groups() const {
  std::vector<std::vector<std::string>> out;
  if (impl_)
    for (const auto& g : impl_->groups) out.push_back(g.forms);
  return out;
}

std::string AliasTable::Rewrite(std::string_view text) const {
  if (!impl_ || impl_->groups.empty()) return std::string(text);
  std::string out;
  out.reserve(text.size() + 16);
  size_t i = 0;
  while (i < text.size()) {
    if (i == 0 || !IsWordAt(text, i - 1)) {
      const auto& bucket = impl_->by_first[static_cast<unsigned char>(AsciiLower(text[i]))];
      bool replaced = false;
      for (const Impl::Pattern& p : bucket) {
        size_t end = Impl::MatchAt(text, i, p);
        if (end == std::string_view::npos) continue;
        if (!out.empty() && out.back() != ' ') out += ' ';
        out += impl_->groups[p.group].term;
        // "China's" is China: a possessive left behind would be a term "s" of its own.
        end += PossessiveAt(text, end);
        if (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) out += ' ';
        i = end;
        replaced = true;
        break;
      }
      if (replaced) continue;
    }
    out += text[i++];
  }
  return out;
}

std::string AliasTable::Display(std::string_view term) const {
  if (!impl_) return {};
  auto it = impl_->by_term.find(term);
  if (it == impl_->by_term.end()) return {};
  std::string form = text::Normalise(impl_->groups[it->second].forms.front());
  text::AsciiLowerInPlace(form);
  return form;
}

}  // namespace refrain
