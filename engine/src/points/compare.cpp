#include "refrain/compare.h"

#include <fmt/format.h>

#include <algorithm>
#include <span>
#include <utility>

#include "ceremony.h"
#include "refrain/similarity.h"
#include "util/text.h"

namespace refrain {
namespace {

// A word of a text: as written, and the form words are compared by.
struct Word {
  std::string_view text;
  std::string key;
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// The length of the punctuation character `text` starts (or, with `from_end`, ends) with:
// ASCII punctuation, typographic quotes, dashes and guillemets; 0 when it is none.
size_t PunctuationLength(std::string_view text, bool from_end) {
  if (text.empty()) return 0;
  unsigned char c = from_end ? text.back() : text.front();
  if (c < 0x80)
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
                   (c >= '{' && c <= '~')
               ? 1
               : 0;
  static constexpr std::string_view kMarks[] = {"\u2018", "\u2019", "\u201C", "\u201D", "\u2013",
                                                "\u2014", "\u00AB", "\u00BB", "\u2026"};
  for (std::string_view mark : kMarks)
    if (from_end ? text.ends_with(mark) : text.starts_with(mark)) return mark.size();
  return 0;
}

std::vector<Word> SplitWords(std::string_view text) {
  std::vector<Word> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    size_t j = i;
    while (j < text.size() && !IsSpace(text[j])) ++j;
    if (i == j) break;
    std::string_view word = text.substr(i, j - i);
    std::string_view core = word;
    while (size_t n = PunctuationLength(core, false)) core.remove_prefix(n);
    while (size_t n = PunctuationLength(core, true)) core.remove_suffix(n);
    if (core.empty()) core = word;  // a dash or a quote alone is a word of its own
    words.push_back({word, text::AsciiLower(core)});
    i = j;
  }
  return words;
}

// Appends `word` to `runs`, joining the last run when it has the same mark.
void AddWord(std::vector<DiffRun>* runs, std::string_view word, bool changed) {
  if (!runs->empty() && runs->back().changed == changed) {
    runs->back().text += ' ';
    runs->back().text.append(word);
    return;
  }
  DiffRun run;
  run.changed = changed;
  if (!runs->empty()) run.text = " ";
  run.text.append(word);
  runs->push_back(std::move(run));
}

// The statements of document `doc`: [first, last) into corpus.statements, which are
// sorted by (doc, start).
std::pair<uint32_t, uint32_t> StatementsOf(const Corpus& corpus, uint32_t doc) {
  auto by_doc = [](const Statement& s, uint32_t d) { return s.doc < d; };
  auto first = std::lower_bound(corpus.statements.begin(), corpus.statements.end(), doc, by_doc);
  auto last = std::lower_bound(first, corpus.statements.end(), doc + 1, by_doc);
  return {static_cast<uint32_t>(first - corpus.statements.begin()),
          static_cast<uint32_t>(last - corpus.statements.begin())};
}

}  // namespace

WordDiff DiffWords(std::string_view a, std::string_view b) {
  const std::vector<Word> wa = SplitWords(a), wb = SplitWords(b);
  WordDiff diff;
  // The common first and last words, matched as the table's walk would match them (it takes
  // equal words first), when the whole table is over its bound: it may then fit between them.
  size_t head = 0, tail = 0;
  if ((wa.size() + 1) * (wb.size() + 1) > kMaxWordDiffCells) {
    while (head < wa.size() && head < wb.size() && wa[head].key == wb[head].key) ++head;
    while (tail < wa.size() - head && tail < wb.size() - head &&
           wa[wa.size() - 1 - tail].key == wb[wb.size() - 1 - tail].key)
      ++tail;
  }
  for (size_t k = 0; k < head; ++k) {
    AddWord(&diff.a, wa[k].text, false);
    AddWord(&diff.b, wb[k].text, false);
  }
  const std::span<const Word> ma(wa.data() + head, wa.size() - head - tail);
  const std::span<const Word> mb(wb.data() + head, wb.size() - head - tail);
  const size_t n = ma.size(), m = mb.size();
  if ((n + 1) * (m + 1) > kMaxWordDiffCells) {
    for (const Word& w : ma) AddWord(&diff.a, w.text, true);
    for (const Word& w : mb) AddWord(&diff.b, w.text, true);
    diff.whole_middle_changed = true;
  } else {
    // lcs[i * (m + 1) + j]: length of the longest common subsequence of ma[i:] and mb[j:].
    std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [m](size_t i, size_t j) { return i * (m + 1) + j; };
    for (size_t i = n; i-- > 0;)
      for (size_t j = m; j-- > 0;)
        lcs[at(i, j)] = ma[i].key == mb[j].key ? lcs[at(i + 1, j + 1)] + 1
                                               : std::max(lcs[at(i + 1, j)], lcs[at(i, j + 1)]);
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && ma[i].key == mb[j].key) {
        AddWord(&diff.a, ma[i++].text, false);
        AddWord(&diff.b, mb[j++].text, false);
      } else if (j == m || (i < n && lcs[at(i + 1, j)] >= lcs[at(i, j + 1)])) {
        AddWord(&diff.a, ma[i++].text, true);
      } else {
        AddWord(&diff.b, mb[j++].text, true);
      }
    }
  }
  for (size_t k = wa.size() - tail; k < wa.size(); ++k) AddWord(&diff.a, wa[k].text, false);
  for (size_t k = wb.size() - tail; k < wb.size(); ++k) AddWord(&diff.b, wb[k].text, false);
  return diff;
}

Result<Comparison> CompareDocuments(const Corpus& corpus, const Matcher& matcher, uint32_t doc_a,
                                    uint32_t doc_b, const ClaimReader* claims) {
  if (doc_a >= corpus.documents.size() || doc_b >= corpus.documents.size())
    return Status::BadUsage("no such document in the corpus");
  if (matcher.units().empty() && !corpus.statements.empty())
    return Status::BadUsage("the matcher was not built over this corpus");
  Comparison comparison;
  comparison.doc_a = doc_a;
  comparison.doc_b = doc_b;
  comparison.threshold = matcher.options().threshold;
  const auto [a_first, a_last] = StatementsOf(corpus, doc_a);
  const auto [b_first, b_last] = StatementsOf(corpus, doc_b);

  // Every statement pair at or above the threshold, scored by its best unit pair.
  std::vector<MatchedStatements> candidates;
  for (uint32_t sa = a_first; sa < a_last; ++sa) {
    const auto [ua_first, ua_last] = matcher.UnitsOf(sa);
    for (uint32_t sb = b_first; sb < b_last; ++sb) {
      const auto [ub_first, ub_last] = matcher.UnitsOf(sb);
      MatchedStatements best;
      best.a = sa;
      best.b = sb;
      best.score = -1;
      for (uint32_t ua = ua_first; ua < ua_last; ++ua)
        for (uint32_t ub = ub_first; ub < ub_last; ++ub) {
          Explanation e = matcher.Explain(ua, ub);
          if (e.score > best.score) {
            best.score = e.score;
            best.unit_a = ua;
            best.unit_b = ub;
            best.shared = std::move(e.shared);
          }
        }
      if (best.score >= comparison.threshold - kScoreSlack) candidates.push_back(std::move(best));
    }
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const MatchedStatements& x, const MatchedStatements& y) {
              if (x.score != y.score) return x.score > y.score;
              return std::pair(x.a, x.b) < std::pair(y.a, y.b);
            });

  std::vector<char> taken_a(a_last - a_first, 0), taken_b(b_last - b_first, 0);
  for (MatchedStatements& c : candidates) {
    if (taken_a[c.a - a_first] || taken_b[c.b - b_first]) continue;
    taken_a[c.a - a_first] = taken_b[c.b - b_first] = 1;
    c.diff = DiffWords(corpus.statements[c.a].text, corpus.statements[c.b].text);
    comparison.matched.push_back(std::move(c));
  }
  std::sort(comparison.matched.begin(), comparison.matched.end(),
            [](const MatchedStatements& x, const MatchedStatements& y) { return x.a < y.a; });
  const std::vector<Unit>& units = matcher.units();
  auto ceremony = [&](std::string_view text) {
    return internal::ReadUnit(text, claims).kind == internal::UnitKind::kCeremony;
  };
  std::vector<MatchedStatements> substance;
  for (MatchedStatements& m : comparison.matched)
    (ceremony(units[m.unit_a].text) || ceremony(units[m.unit_b].text) ? comparison.ceremony_matched
                                                                      : substance)
        .push_back(std::move(m));
  comparison.matched = std::move(substance);
  for (uint32_t s = a_first; s < a_last; ++s)
    if (!taken_a[s - a_first])
      (ceremony(corpus.statements[s].text) ? comparison.ceremony_a : comparison.only_a)
          .push_back(s);
  for (uint32_t s = b_first; s < b_last; ++s)
    if (!taken_b[s - b_first])
      (ceremony(corpus.statements[s].text) ? comparison.ceremony_b : comparison.only_b)
          .push_back(s);
  return comparison;
}

}  // namespace refrain
