#include "join_phrasings.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "util/parallel.h"
#include "util/text.h"

namespace refrain::internal {
namespace {

using FormulaIds = std::unordered_map<std::string, uint32_t, text::StringHash, std::equal_to<>>;

Result<Tokenizer> FormulaTokenizer() {
  TokenizerOptions options;
  options.stop_words = true;
  options.stem = true;
  return Tokenizer::Create(options);
}

// Calls fn(formula) for each run of `words` tokens of `tokens`.
template <typename Fn>
void ForEachFormula(const TokenList& tokens, size_t words, std::string* scratch, Fn&& fn) {
  for (size_t i = 0; i + words <= tokens.size(); ++i) {
    scratch->clear();
    for (size_t j = 0; j < words; ++j) {
      if (j) *scratch += ' ';
      scratch->append(tokens[i + j]);
    }
    fn(*scratch);
  }
}

// How many of `units` hold each formula of `ids` (once per unit), on `threads` workers.
std::vector<uint32_t> UnitsHolding(std::span<const Unit> units, const FormulaIds& ids, size_t words,
                                   int threads) {
  const size_t workers = parallel::Workers(threads, units.size());
  std::vector<std::vector<uint32_t>> counts(workers, std::vector<uint32_t>(ids.size(), 0));
  std::vector<std::vector<uint64_t>> seen(workers, std::vector<uint64_t>(ids.size(), 0));
  std::vector<std::optional<Tokenizer>> tokenizers(workers);
  std::vector<TokenList> tokens(workers);
  std::vector<std::string> scratch(workers);
  parallel::For(units.size(), static_cast<int>(workers), [&](size_t u, size_t w) {
    if (!tokenizers[w]) {
      Result<Tokenizer> made = FormulaTokenizer();
      if (!made.ok()) return;  // ICU data missing: counted as in no unit, so never rare
      tokenizers[w].emplace(std::move(made).value());
    }
    tokenizers[w]->Tokenize(units[u].text, &tokens[w]);
    const uint64_t stamp = u + 1;
    ForEachFormula(tokens[w], words, &scratch[w], [&](const std::string& f) {
      auto found = ids.find(std::string_view(f));
      if (found == ids.end() || seen[w][found->second] == stamp) return;
      seen[w][found->second] = stamp;
      ++counts[w][found->second];
    });
  });
  std::vector<uint32_t> total(ids.size(), 0);
  for (const std::vector<uint32_t>& c : counts)
    for (size_t i = 0; i < c.size(); ++i) total[i] += c[i];
  // A formula found in no unit (the tokenizer failed) is in as many as there are: never rare.
  for (uint32_t& t : total)
    if (t == 0) t = static_cast<uint32_t>(std::max<size_t>(units.size(), 1));
  return total;
}

uint64_t PairKey(uint32_t a, uint32_t b) {
  if (a > b) std::swap(a, b);
  return (static_cast<uint64_t>(a) << 32) | b;
}

struct Link {
  uint32_t a = 0, b = 0;    // points, a < b
  bool neighbours = false;  // the matcher's evidence, else a shared formula's
  bool agree = false;
  double score = 0;
};

// The joined point of `members` (indices into points, best first).
TalkingPoint Merge(const Corpus& corpus, const std::vector<TalkingPoint>& points,
                   const std::vector<uint32_t>& members) {
  TalkingPoint merged;
  const TalkingPoint& main = points[members[0]];
  merged.claim_words = main.claim_words;
  merged.substance = main.substance;
  struct Candidate {
    PointVariant variant;
    bool member_core;
  };
  std::vector<Candidate> candidates;
  for (uint32_t k = 0; k < members.size(); ++k) {
    const TalkingPoint& p = points[members[k]];
    PointVariant phrasing = p.representative();
    phrasing.phrasing = k;
    phrasing.core = k == 0;
    merged.phrasings.push_back(phrasing);
    for (const PointVariant& v : p.variants) {
      Candidate c{v, v.core};
      c.variant.phrasing = k;
      c.variant.core = v.core && k == 0;
      candidates.push_back(std::move(c));
    }
  }
  // One variant per statement: a phrasing's core first, then the better member's, then the
  // better claim score.
  std::stable_sort(
      candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
        return std::tuple(!x.member_core, x.variant.phrasing, -x.variant.claim_score,
                          -x.variant.score) < std::tuple(!y.member_core, y.variant.phrasing,
                                                         -y.variant.claim_score, -y.variant.score);
      });
  std::unordered_map<uint32_t, char> statement_taken;
  for (Candidate& c : candidates)
    if (statement_taken.emplace(c.variant.unit.statement, 1).second)
      merged.variants.push_back(std::move(c.variant));
  auto place = [&](const PointVariant& v) {
    return std::tie(corpus.documents[v.unit.doc].date, v.unit.doc, v.unit.start);
  };
  std::sort(merged.variants.begin(), merged.variants.end(),
            [&](const PointVariant& x, const PointVariant& y) { return place(x) < place(y); });
  std::unordered_map<uint32_t, char> unit_listed;
  for (const PointVariant& v : merged.variants) unit_listed.emplace(v.index, 1);
  for (uint32_t k = 0; k < members.size(); ++k)
    for (const PointVariant& r : points[members[k]].rejected)
      if (unit_listed.emplace(r.index, 1).second) {
        merged.rejected.push_back(r);
        merged.rejected.back().phrasing = k;
      }
  return merged;
}

}  // namespace

std::vector<std::string> Formulas(Tokenizer& tokenizer, std::string_view text, size_t words) {
  TokenList tokens;
  tokenizer.Tokenize(text, &tokens);
  std::vector<std::string> out;
  std::string scratch;
  ForEachFormula(tokens, words, &scratch, [&](const std::string& f) { out.push_back(f); });
  return out;
}

namespace {

bool Passes(const ClaimMatch& match, double threshold) {
  return match.score >= threshold && std::all_of(match.checks.begin(), match.checks.end(),
                                                 [](const SlotCheck& c) { return c.passed; });
}

// How many claims of `from` pass against no claim of `to`.
size_t ClaimsNotMade(const UnitClaims& from, const UnitClaims& to, const WordRelations* relations,
                     const AlignOptions& options) {
  UnitClaims one, other;
  size_t missing = 0;
  for (const Claim& c : from.claims) {
    one.claims = {c};
    bool made = false;
    for (const Claim& d : to.claims) {
      other.claims = {d};
      if (Passes(AlignClaims(one, other, relations, options), options.threshold)) {
        made = true;
        break;
      }
    }
    if (!made) ++missing;
  }
  return missing;
}

}  // namespace

bool ClaimsAgree(const UnitClaims& a, const UnitClaims& b, const WordRelations* relations,
                 const AlignOptions& options, double* score) {
  const ClaimMatch match = AlignClaims(a, b, relations, options);
  *score = match.score;
  if (!Passes(match, options.threshold)) return false;
  // The best claim pair may be a frame both share ("What I can tell you is that ...") or a
  // clause inside a noun phrase ("norms governing international relations"): every claim of
  // the core with fewer claims must be made by the other too, and the other may add one claim
  // at most (a frame, "I just want to stress that"; "there is only one China in the world and"),
  // so that a short core is not a phrasing of a long sentence that happens to contain it.
  const UnitClaims& fewer = a.claims.size() <= b.claims.size() ? a : b;
  const UnitClaims& more = &fewer == &a ? b : a;
  if (ClaimsNotMade(fewer, more, relations, options) > 0) return false;
  const size_t extra = more.claims.size() > fewer.claims.size() ? 1 : 0;
  if (ClaimsNotMade(more, fewer, relations, options) > extra) return false;
  return true;
}

size_t JoinPhrasings(const Corpus& corpus, std::span<const Unit> units, const Graph& graph,
                     const TalkingPointsOptions& options, ClaimCache& cache,
                     const std::function<void(TalkingPoint*)>& recount,
                     std::vector<TalkingPoint>* points) {
  const size_t n = points->size();
  if (n < 2 || !options.claims) return 0;
  std::vector<uint32_t> core(n);
  std::vector<std::string_view> core_texts(n);
  for (size_t p = 0; p < n; ++p) {
    core[p] = (*points)[p].representative().index;
    core_texts[p] = units[core[p]].text;
  }
  std::vector<UnitClaims> unpacked;
  unpacked.reserve(n);
  for (const PackedClaims* packed : cache.GetAll(core_texts, options.threads))
    unpacked.push_back(cache.Unpack(*packed));
  std::vector<const UnitClaims*> claims;
  for (const UnitClaims& c : unpacked) claims.push_back(&c);
  std::vector<std::pair<uint32_t, uint32_t>> pairs;  // (a, b), a < b
  std::vector<std::pair<uint32_t, uint32_t>> neighbours;

  // The matcher's evidence: cores that are neighbours in the graph (or the same unit).
  std::vector<std::pair<uint32_t, uint32_t>> by_unit;  // (core unit, point)
  for (uint32_t p = 0; p < n; ++p) by_unit.emplace_back(core[p], p);
  std::sort(by_unit.begin(), by_unit.end());
  auto points_of = [&](uint32_t unit) {
    return std::equal_range(by_unit.begin(), by_unit.end(), std::pair(unit, uint32_t{0}),
                            [](const auto& x, const auto& y) { return x.first < y.first; });
  };
  for (uint32_t p = 0; p < n; ++p) {
    auto [same_first, same_last] = points_of(core[p]);
    for (auto it = same_first; it != same_last; ++it)
      if (it->second > p) neighbours.emplace_back(p, it->second);
    for (const Edge& e : graph.Neighbors(static_cast<int32_t>(core[p]))) {
      auto [first, last] = points_of(static_cast<uint32_t>(e.unit));
      for (auto it = first; it != last; ++it)
        if (it->second > p) neighbours.emplace_back(p, it->second);
    }
  }
  std::sort(neighbours.begin(), neighbours.end());
  neighbours.erase(std::unique(neighbours.begin(), neighbours.end()), neighbours.end());
  pairs = neighbours;

  // The formulas' evidence: cores that share a rare run of content words.
  if (options.join_formula_words > 0) {
    Result<Tokenizer> tokenizer = FormulaTokenizer();
    if (tokenizer.ok()) {
      FormulaIds ids;
      std::vector<std::vector<uint32_t>> holders;  // formula -> the points whose core has it
      for (uint32_t p = 0; p < n; ++p)
        for (std::string& f :
             Formulas(*tokenizer, units[core[p]].text, options.join_formula_words)) {
          auto [it, added] = ids.try_emplace(std::move(f), static_cast<uint32_t>(ids.size()));
          if (added) holders.emplace_back();
          if (holders[it->second].empty() || holders[it->second].back() != p)
            holders[it->second].push_back(p);
        }
      const std::vector<uint32_t> df =
          UnitsHolding(units, ids, options.join_formula_words, options.threads);
      const double total = static_cast<double>(units.size());
      for (size_t f = 0; f < holders.size(); ++f) {
        if (holders[f].size() < 2 ||
            std::log(total / static_cast<double>(df[f])) < options.join_formula_min_idf)
          continue;
        for (size_t i = 0; i < holders[f].size(); ++i)
          for (size_t j = i + 1; j < holders[f].size(); ++j)
            pairs.emplace_back(holders[f][i], holders[f][j]);
      }
    }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  if (pairs.empty()) return 0;

  // Each linked pair's claims, aligned on the workers (AlignClaims is pure).
  const WordRelations* relations = options.claims->relations();
  // Phrasings of one claim say the same, neither more: what the longer core adds counts as much
  // as what they share (a short claim inside a long core is not the long core's point).
  AlignOptions align = options.verify;
  align.containment = 0.5;
  std::vector<Link> links(pairs.size());
  parallel::For(pairs.size(), options.threads, [&](size_t i, size_t) {
    Link& l = links[i];
    l.a = pairs[i].first;
    l.b = pairs[i].second;
    l.neighbours = std::binary_search(neighbours.begin(), neighbours.end(), pairs[i]);
    l.agree = ClaimsAgree(*claims[l.a], *claims[l.b], relations, align, &l.score);
  });
  std::unordered_map<uint64_t, bool> agree;
  for (const Link& l : links) agree.emplace(PairKey(l.a, l.b), l.agree);
  // The matcher's neighbours are many (every core near a common frame), so their claims must
  // agree closely; a shared rare formula is evidence enough with the claims agreeing.
  std::erase_if(links, [&](const Link& l) {
    return !l.agree || (l.neighbours && l.score < options.join_neighbour_min_score);
  });
  std::stable_sort(links.begin(), links.end(),
                   [](const Link& x, const Link& y) { return x.score > y.score; });
  auto agrees = [&](uint32_t a, uint32_t b) {
    auto [it, added] = agree.try_emplace(PairKey(a, b), false);
    if (added) {
      double score = 0;
      it->second = ClaimsAgree(*claims[a], *claims[b], relations, align, &score);
    }
    return it->second;
  };

  // Groups, merged strongest link first when every pair across them agrees.
  std::vector<uint32_t> group_of(n);
  std::vector<std::vector<uint32_t>> groups(n);
  for (uint32_t p = 0; p < n; ++p) {
    group_of[p] = p;
    groups[p] = {p};
  }
  size_t merged_away = 0;
  for (const Link& l : links) {
    uint32_t ga = group_of[l.a], gb = group_of[l.b];
    if (ga == gb) continue;
    bool all = true;
    for (uint32_t x : groups[ga]) {
      for (uint32_t y : groups[gb])
        if (!agrees(x, y)) {
          all = false;
          break;
        }
      if (!all) break;
    }
    if (!all) continue;
    if (groups[ga].size() < groups[gb].size()) std::swap(ga, gb);
    for (uint32_t y : groups[gb]) group_of[y] = ga;
    groups[ga].insert(groups[ga].end(), groups[gb].begin(), groups[gb].end());
    groups[gb].clear();
    ++merged_away;
  }
  if (merged_away == 0) return 0;

  std::vector<TalkingPoint> out;
  out.reserve(n - merged_away);
  for (uint32_t p = 0; p < n; ++p) {
    std::vector<uint32_t>& members = groups[group_of[p]];
    if (members.size() == 1) {
      out.push_back(std::move((*points)[p]));
      continue;
    }
    std::sort(members.begin(), members.end());
    if (members[0] != p) continue;  // merged into its group's best point
    TalkingPoint joined = Merge(corpus, *points, members);
    recount(&joined);
    out.push_back(std::move(joined));
  }
  *points = std::move(out);
  return merged_away;
}

}  // namespace refrain::internal
