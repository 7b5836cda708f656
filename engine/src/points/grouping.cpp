#include "grouping.h"

#include <algorithm>
#include <compare>
#include <optional>
#include <queue>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "ceremony.h"
#include "claim_cache.h"
#include "join_phrasings.h"
#include "match_graph.h"
#include "stock_phrasing.h"
#include "verify.h"

namespace refrain::internal {
namespace {

// What a core's group would be worth: compared lexicographically, larger first.
struct GroupKey {
  size_t events = 0;
  int years = 0;
  size_t variants = 0;
  double score = 0;

  auto operator<=>(const GroupKey&) const = default;
};

// Builds and scores the group a core would take now: itself and, per other statement, one
// neighbour that is still unassigned or whose pair with the core no point holds yet (that
// pair first, then the best score). A unit already in a point whose pair with this core is
// held elsewhere adds nothing, so groups only shrink as points are made: a stale key is an
// upper bound. Reuses its buffers across calls (stamps instead of clears).
class GroupBuilder {
 public:
  GroupBuilder(const Corpus& corpus, std::span<const Unit> units, const Graph& graph,
               const std::vector<char>& assigned, const std::vector<char>& covered,
               std::span<const uint32_t> event_of_doc, size_t event_count)
      : corpus_(corpus),
        units_(units),
        graph_(graph),
        assigned_(assigned),
        covered_(covered),
        event_of_doc_(event_of_doc),
        event_stamp_(event_count, 0),
        statement_stamp_(corpus.statements.size(), 0),
        statement_slot_(corpus.statements.size(), 0) {}

  // The members (core first) and the group's key.
  GroupKey Build(int32_t core, std::vector<Edge>* members) {
    ++stamp_;
    members->clear();
    uncovered_.clear();
    members->push_back({core, 1.0});
    uncovered_.push_back(0);
    statement_stamp_[units_[core].statement] = stamp_;
    statement_slot_[units_[core].statement] = 0;
    // A clique's copies are all open until its point is made (which assigns its core), and
    // then all covered.
    if (const Clique* clique = graph_.CliqueLedBy(core); clique && !assigned_[core])
      members->assign(clique->members.begin(), clique->members.end());
    const size_t base = graph_.offsets[core];
    const std::span<const Edge> neighbors = graph_.Neighbors(core);
    for (size_t k = 0; k < neighbors.size(); ++k) {
      const Edge& e = neighbors[k];
      const char open = !covered_[base + k];
      if (assigned_[e.unit] && !open) continue;
      uint32_t s = units_[e.unit].statement;
      if (statement_stamp_[s] == stamp_) {
        size_t slot = statement_slot_[s];
        if (slot != 0 &&
            std::tie(open, e.score) > std::tie(uncovered_[slot], (*members)[slot].score)) {
          (*members)[slot] = e;
          uncovered_[slot] = open;
        }
        continue;
      }
      statement_stamp_[s] = stamp_;
      statement_slot_[s] = members->size();
      members->push_back(e);
      uncovered_.push_back(open);
    }
    GroupKey key;
    key.variants = members->size();
    int first_year = 0, last_year = 0;
    for (const Edge& m : *members) {
      uint32_t doc = units_[m.unit].doc;
      uint32_t event = event_of_doc_[doc];
      if (event_stamp_[event] != stamp_) {
        event_stamp_[event] = stamp_;
        ++key.events;
      }
      key.score += m.score;
      const Date& date = corpus_.documents[doc].date;
      if (!date.known()) continue;
      if (first_year == 0 || date.year < first_year) first_year = date.year;
      if (last_year == 0 || date.year > last_year) last_year = date.year;
    }
    key.years = first_year ? last_year - first_year + 1 : 0;
    return key;
  }

 private:
  const Corpus& corpus_;
  std::span<const Unit> units_;
  const Graph& graph_;
  const std::vector<char>& assigned_;
  const std::vector<char>& covered_;
  std::span<const uint32_t> event_of_doc_;
  std::vector<uint64_t> event_stamp_;
  std::vector<uint64_t> statement_stamp_;
  std::vector<size_t> statement_slot_;
  std::vector<char> uncovered_;  // per member: its pair with the core is held by no point yet
  uint64_t stamp_ = 0;
};

// Numbers the distinct values of `get(document)` in first-seen order; returns each
// document's number and sets `count`.
template <typename Get>
std::vector<uint32_t> Number(const std::vector<Document>& documents, Get get, size_t* count) {
  std::unordered_map<std::string_view, uint32_t> ids;
  std::vector<uint32_t> out;
  out.reserve(documents.size());
  for (const Document& d : documents)
    out.push_back(ids.try_emplace(get(d), static_cast<uint32_t>(ids.size())).first->second);
  *count = ids.size();
  return out;
}

// How much a point weighs in the ranking: its events, scaled by how much claim its core
// carries when the core was read (substance, in halves of a content word). A core whose
// arguments are pronouns ("China is firmly opposed to this.") weighs a fraction of one that
// names what it claims ("Taiwan is an inalienable part of China's territory."); past
// kFullSubstance halves (three content words of an object) more words add nothing, so a long
// sentence does not beat a short formula by length alone.
constexpr size_t kFullSubstance = 6;
double RankWeight(const TalkingPoint& p, bool read) {
  if (!read) return static_cast<double>(p.events);
  const double carried = static_cast<double>(std::min(p.substance, kFullSubstance) + 1);
  return static_cast<double>(p.events) * carried / static_cast<double>(kFullSubstance + 1);
}

// Sets the point's core index, events, documents and dates from its variants.
void Recount(const Corpus& corpus, std::span<const uint32_t> event_of_doc, TalkingPoint* point) {
  std::vector<uint32_t> events, docs;
  point->first = {};
  point->last = {};
  for (size_t i = 0; i < point->variants.size(); ++i) {
    const PointVariant& v = point->variants[i];
    if (v.core) point->core = i;
    events.push_back(event_of_doc[v.unit.doc]);
    docs.push_back(v.unit.doc);
    const Date& date = corpus.documents[v.unit.doc].date;
    if (!date.known()) continue;
    if (!point->first.known() || date < point->first) point->first = date;
    if (!point->last.known() || point->last < date) point->last = date;
  }
  for (auto* list : {&events, &docs}) {
    std::sort(list->begin(), list->end());
    list->erase(std::unique(list->begin(), list->end()), list->end());
  }
  point->events = events.size();
  point->documents = docs.size();
  point->years = point->first.known() ? point->last.year - point->first.year + 1 : 0;
}

TalkingPoint MakePoint(const Corpus& corpus, std::span<const Unit> units,
                       const std::vector<Edge>& members, std::span<const uint32_t> event_of_doc) {
  TalkingPoint point;
  for (size_t i = 0; i < members.size(); ++i)
    point.variants.push_back({static_cast<uint32_t>(members[i].unit), units[members[i].unit],
                              members[i].score, i == 0, -1});
  auto place = [&](const PointVariant& v) {
    return std::tie(corpus.documents[v.unit.doc].date, v.unit.doc, v.unit.start);
  };
  std::sort(point.variants.begin(), point.variants.end(),
            [&](const PointVariant& x, const PointVariant& y) { return place(x) < place(y); });
  Recount(corpus, event_of_doc, &point);
  return point;
}

// Each variant of every point and ceremony point checked against its core by the claims
// aligner (TalkingPointsOptions::verify_variants); the points left under `min_events` dropped.
// Sets each point's substance from its core's claims.
void VerifyPoints(const Corpus& corpus, std::span<const Unit> units,
                  std::span<const uint32_t> event_of_doc, const TalkingPointsOptions& options,
                  ClaimCache& cache, TalkingPoints* result) {
  std::vector<TalkingPoint>* lists[] = {&result->points, &result->ceremony};
  // Read-only for the reading (clang does not convert the array to a span of const pointers).
  const std::vector<TalkingPoint>* const read[] = {lists[0], lists[1]};
  VerifierStats& stats = result->verifier;
  stats.ran = true;
  const std::vector<std::vector<double>> scores =
      ScoreVariants(units, read, cache, options.claims->relations(), options.verify,
                    options.threads, &stats.units_read);
  const size_t min_events = static_cast<size_t>(options.min_events);
  size_t at = 0;  // the point's row in scores: the lists in order, as ScoreVariants took them
  for (std::vector<TalkingPoint>* list : lists) {
    std::erase_if(*list, [&](TalkingPoint& p) {
      stats.variants_checked += p.variants.size() - 1;
      stats.variants_rejected += VerifyVariants(scores[at++], options.verify.threshold, &p);
      Recount(corpus, event_of_doc, &p);
      p.substance = ClaimSubstance(cache.Get(units[p.representative().index].text));
      if (p.events >= min_events && p.variants.size() >= 2) return false;
      ++stats.points_dropped;
      stats.units_dropped += p.variants.size() + p.rejected.size();
      return true;
    });
  }
}

}  // namespace

TalkingPoints GroupPoints(const Corpus& corpus, std::span<const Unit> units, Graph graph,
                          double threshold, const TalkingPointsOptions& options) {
  size_t event_count = 0, source_count = 0;
  std::vector<uint32_t> event_of_doc = Number(
      corpus.documents, [](const Document& d) -> std::string_view { return d.event; },
      &event_count);
  std::vector<uint32_t> source_of_doc = Number(
      corpus.documents, [](const Document& d) -> std::string_view { return d.source; },
      &source_count);
  std::vector<size_t> source_size(source_count, 0);
  for (uint32_t s : source_of_doc) ++source_size[s];
  const Placement place = Place(corpus);

  // Greedy star cover with lazy re-scoring: a group's key only falls as points are made
  // (see GroupBuilder), so a stale key is an upper bound, and a core whose fresh key still
  // beats every other stale key is the best core left. A unit may be in several points (a
  // unit making two claims is a variant of both); every pair of units some point holds is
  // marked covered, and a core's point takes all of its pairs no point holds yet (a unit
  // leads one point at most), so every pair of the graph ends up in some point unless
  // neither unit can be a core.
  std::vector<char> assigned(units.size(), 0);
  std::vector<char> covered(graph.edges.size(), 0);
  GroupBuilder builder(corpus, units, graph, assigned, covered, event_of_doc, event_count);
  using Entry = std::pair<GroupKey, int32_t>;
  auto worse = [](const Entry& x, const Entry& y) {
    if (x.first != y.first) return x.first < y.first;
    return x.second > y.second;  // ties: the earlier unit first
  };
  std::priority_queue<Entry, std::vector<Entry>, decltype(worse)> queue(worse);
  const size_t min_events = static_cast<size_t>(options.min_events);
  // Every unit text the run reads, read once: the cores here, the variants' check below.
  std::optional<ClaimCache> cache;
  if (options.claims) cache.emplace(*options.claims);
  // The parser reads the cores of points of claims_min_events or more; those of smaller points
  // (the long tail, most of the reading) are read by the phrases alone.
  auto parsed_core = [&](const GroupKey& key) {
    return cache && key.variants >= 2 && key.events >= min_events &&
           key.events >= static_cast<size_t>(options.claims_min_events);
  };
  std::vector<Edge> members, open;
  // The texts of the units that may become parsed cores (a key only falls, so these are all of
  // them): read on options.threads workers before the greedy loop, which is serial.
  std::vector<std::string_view> candidates;
  for (size_t u = 0; u < units.size(); ++u) {
    if (!graph.CanLead(static_cast<int32_t>(u))) continue;
    const GroupKey key = builder.Build(static_cast<int32_t>(u), &members);
    if (parsed_core(key)) candidates.push_back(units[u].text);
    queue.emplace(key, static_cast<int32_t>(u));
  }
  if (cache) cache->GetAll(candidates, options.threads);
  // What each unit claims, read when it is first about to become a core (reading is the
  // parser's work, so only candidate cores are read). kind 255: not read yet.
  std::vector<uint8_t> kind(units.size(), 255);
  std::vector<uint32_t> claim_words(units.size(), 0);
  std::vector<uint64_t> member_stamp(units.size(), 0);
  uint64_t stamp = 0;
  std::unordered_set<std::string_view> core_texts;  // of the points made so far

  TalkingPoints result;
  result.threshold = threshold;
  uint64_t tried = 0;
  while (!queue.empty()) {
    auto [stale, core] = queue.top();
    if (stale.events < min_events || stale.variants < 2) break;
    queue.pop();
    GroupKey key = builder.Build(core, &members);
    if (!queue.empty() && worse(Entry{key, core}, queue.top())) {
      queue.emplace(key, core);
      continue;
    }
    if (key.events < min_events || key.variants < 2) continue;
    // Nor does a copy of a core lead a point of the same text. It joined the core's point
    // (below), so its pairs left open are with units that point could not take (a clause of
    // the core's own statement, a unit an earlier point holds with the core): each of those
    // leads with the copy as a variant.
    if (core_texts.contains(units[core].text)) continue;
    if (kind[core] == 255) {
      const std::string_view text = units[core].text;
      const UnitReading reading =
          parsed_core(key) ? ReadUnit(text, cache->Get(text)) : ReadUnit(text, nullptr);
      kind[core] = static_cast<uint8_t>(reading.kind);
      claim_words[core] = static_cast<uint32_t>(reading.claim_words);
    }
    // A claimless fragment is never a core; it stays a variant of the points it matches.
    if (static_cast<UnitKind>(kind[core]) == UnitKind::kNoClaim) continue;
    // No two points have the same core. Its copies (its neighbours of the same text) join
    // its point even when a point already holds their pair with it: left out, a copy's pairs
    // with the core's variants stay open and it leads a second point of the same variants.
    // And the core's pairs no point holds yet join its point: a second unit of a statement
    // it took one unit of (the other clause of a sentence that says it twice) is a variant of
    // the same point. Build takes one unit per statement, so each round takes the next; a
    // core is never queued again.
    ++stamp;
    for (const Edge& m : members) member_stamp[m.unit] = stamp;
    for (const Edge& e : graph.Neighbors(core))
      if (member_stamp[e.unit] != stamp && units[e.unit].text == units[core].text) {
        members.push_back(e);
        member_stamp[e.unit] = stamp;
      }
    for (size_t taken = 0; taken < members.size();) {
      for (size_t i = taken; i < members.size(); ++i) {
        assigned[members[i].unit] = 1;
        member_stamp[members[i].unit] = stamp;
      }
      for (const Edge& m : members) {
        const size_t base = graph.offsets[m.unit];
        const std::span<const Edge> neighbors = graph.Neighbors(m.unit);
        for (size_t k = 0; k < neighbors.size(); ++k)
          if (member_stamp[neighbors[k].unit] == stamp) covered[base + k] = 1;
      }
      taken = members.size();
      builder.Build(core, &open);
      members.insert(members.end(), open.begin() + 1, open.end());
    }
    core_texts.insert(units[core].text);
    TalkingPoint point = MakePoint(corpus, units, members, event_of_doc);
    point.claim_words = claim_words[core];
    if (IsStock(corpus, source_of_doc, source_size, place, options, &point))
      result.stock_phrases.push_back(std::move(point));
    else if (!options.keep_ceremony && static_cast<UnitKind>(kind[core]) == UnitKind::kCeremony)
      result.ceremony.push_back(std::move(point));
    else
      result.points.push_back(std::move(point));
    if (options.progress && (++tried & 255) == 0) options.progress("clustering", tried, 0);
  }

  // The graph (unless the join needs its neighbours) and the loop's state are done with:
  // freed before the variants' check, whose parsing is the run's peak of memory.
  const bool join = cache && options.join_phrasings;
  if (!join) graph = Graph();
  std::vector<char>().swap(covered);
  decltype(queue)(worse).swap(queue);
  if (options.claims && options.verify_variants)
    VerifyPoints(corpus, units, event_of_doc, options, *cache, &result);
  // Heaviest first (RankWeight), then most years spanned, then most claim carried, then most
  // variants, then earliest.
  auto ranked = [read = result.verifier.ran](const TalkingPoint& x, const TalkingPoint& y) {
    const double wx = RankWeight(x, read), wy = RankWeight(y, read);
    if (wx != wy) return wx > wy;
    if (x.years != y.years) return x.years > y.years;
    if (x.claim_words != y.claim_words) return x.claim_words > y.claim_words;
    if (x.variants.size() != y.variants.size()) return x.variants.size() > y.variants.size();
    return x.first < y.first;
  };
  std::stable_sort(result.points.begin(), result.points.end(), ranked);
  if (join) {
    result.points_joined = JoinPhrasings(
        corpus, units, graph, options, *cache,
        [&](TalkingPoint* p) { Recount(corpus, event_of_doc, p); }, &result.points);
    if (result.points_joined > 0)
      std::stable_sort(result.points.begin(), result.points.end(), ranked);
  }
  if (cache) result.units_parsed = cache->parsed();
  std::stable_sort(result.ceremony.begin(), result.ceremony.end(), ranked);
  std::stable_sort(
      result.stock_phrases.begin(), result.stock_phrases.end(),
      [](const TalkingPoint& x, const TalkingPoint& y) { return x.documents > y.documents; });
  if (options.progress) options.progress("clustering", tried, tried);
  return result;
}

}  // namespace refrain::internal
