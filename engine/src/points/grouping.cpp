#include "grouping.h"

#include <algorithm>
#include <compare>
#include <queue>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "match_graph.h"
#include "stock_phrasing.h"

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

// Builds and scores the group a core would take now: itself and, per other statement,
// its best unassigned neighbour. Reuses its buffers across calls (stamps instead of clears).
class GroupBuilder {
 public:
  GroupBuilder(const Corpus& corpus, std::span<const Unit> units, const Graph& graph,
               const std::vector<char>& assigned, std::span<const uint32_t> event_of_doc,
               size_t event_count)
      : corpus_(corpus),
        units_(units),
        graph_(graph),
        assigned_(assigned),
        event_of_doc_(event_of_doc),
        event_stamp_(event_count, 0),
        statement_stamp_(corpus.statements.size(), 0),
        statement_slot_(corpus.statements.size(), 0) {}

  // The members (core first) and the group's key.
  GroupKey Build(int32_t core, std::vector<Edge>* members) {
    ++stamp_;
    members->clear();
    members->push_back({core, 1.0});
    statement_stamp_[units_[core].statement] = stamp_;
    statement_slot_[units_[core].statement] = 0;
    for (const Edge& e : graph_.Neighbors(core)) {
      if (assigned_[e.unit]) continue;
      uint32_t s = units_[e.unit].statement;
      if (statement_stamp_[s] == stamp_) {
        size_t slot = statement_slot_[s];
        if (slot != 0 && (*members)[slot].score < e.score) (*members)[slot] = e;
        continue;
      }
      statement_stamp_[s] = stamp_;
      statement_slot_[s] = members->size();
      members->push_back(e);
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
  std::span<const uint32_t> event_of_doc_;
  std::vector<uint64_t> event_stamp_;
  std::vector<uint64_t> statement_stamp_;
  std::vector<size_t> statement_slot_;
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

TalkingPoint MakePoint(const Corpus& corpus, std::span<const Unit> units,
                       const std::vector<Edge>& members, std::span<const uint32_t> event_of_doc) {
  TalkingPoint point;
  for (size_t i = 0; i < members.size(); ++i)
    point.variants.push_back(
        {static_cast<uint32_t>(members[i].unit), units[members[i].unit], members[i].score, i == 0});
  auto place = [&](const PointVariant& v) {
    return std::tie(corpus.documents[v.unit.doc].date, v.unit.doc, v.unit.start);
  };
  std::sort(point.variants.begin(), point.variants.end(),
            [&](const PointVariant& x, const PointVariant& y) { return place(x) < place(y); });
  std::vector<uint32_t> events, docs;
  for (size_t i = 0; i < point.variants.size(); ++i) {
    const PointVariant& v = point.variants[i];
    if (v.core) point.core = i;
    events.push_back(event_of_doc[v.unit.doc]);
    docs.push_back(v.unit.doc);
    const Date& date = corpus.documents[v.unit.doc].date;
    if (!date.known()) continue;
    if (!point.first.known() || date < point.first) point.first = date;
    if (!point.last.known() || point.last < date) point.last = date;
  }
  for (auto* list : {&events, &docs}) {
    std::sort(list->begin(), list->end());
    list->erase(std::unique(list->begin(), list->end()), list->end());
  }
  point.events = events.size();
  point.documents = docs.size();
  point.years = point.first.known() ? point.last.year - point.first.year + 1 : 0;
  return point;
}

}  // namespace

Result<TalkingPoints> GroupPoints(const Corpus& corpus, std::span<const Unit> units,
                                  const SimilarityIndex& index, double threshold,
                                  const TalkingPointsOptions& options, const UnitScoreFn& score,
                                  const std::vector<char>& no_point) {
  Result<Graph> graph = BuildGraph(units, index, threshold, score, no_point);
  if (!graph.ok()) return graph.status();
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

  // Greedy star clustering with lazy re-scoring: a group's key only falls as its
  // neighbours are taken, so a stale key is an upper bound, and a core whose fresh key
  // still beats every other stale key is the best core left.
  std::vector<char> assigned(units.size(), 0);
  GroupBuilder builder(corpus, units, *graph, assigned, event_of_doc, event_count);
  using Entry = std::pair<GroupKey, int32_t>;
  auto worse = [](const Entry& x, const Entry& y) {
    if (x.first != y.first) return x.first < y.first;
    return x.second > y.second;  // ties: the earlier unit first
  };
  std::priority_queue<Entry, std::vector<Entry>, decltype(worse)> queue(worse);
  std::vector<Edge> members;
  for (size_t u = 0; u < units.size(); ++u) {
    if (graph->Neighbors(static_cast<int32_t>(u)).empty()) continue;
    queue.emplace(builder.Build(static_cast<int32_t>(u), &members), static_cast<int32_t>(u));
  }

  TalkingPoints result;
  result.threshold = threshold;
  const size_t min_events = static_cast<size_t>(options.min_events);
  uint64_t tried = 0;
  while (!queue.empty()) {
    auto [stale, core] = queue.top();
    if (stale.events < min_events || stale.variants < 2) break;
    queue.pop();
    if (assigned[core]) continue;
    GroupKey key = builder.Build(core, &members);
    if (!queue.empty() && worse(Entry{key, core}, queue.top())) {
      queue.emplace(key, core);
      continue;
    }
    if (key.events < min_events || key.variants < 2) continue;
    for (const Edge& m : members) assigned[m.unit] = 1;
    TalkingPoint point = MakePoint(corpus, units, members, event_of_doc);
    if (IsStock(corpus, source_of_doc, source_size, place, options, &point))
      result.stock_phrases.push_back(std::move(point));
    else
      result.points.push_back(std::move(point));
    if (options.progress && (++tried & 255) == 0) options.progress("clustering", tried, 0);
  }

  std::stable_sort(result.points.begin(), result.points.end(),
                   [](const TalkingPoint& x, const TalkingPoint& y) {
                     if (x.events != y.events) return x.events > y.events;
                     if (x.years != y.years) return x.years > y.years;
                     if (x.variants.size() != y.variants.size())
                       return x.variants.size() > y.variants.size();
                     return x.first < y.first;
                   });
  std::stable_sort(
      result.stock_phrases.begin(), result.stock_phrases.end(),
      [](const TalkingPoint& x, const TalkingPoint& y) { return x.documents > y.documents; });
  if (options.progress) options.progress("clustering", tried, tried);
  return result;
}

}  // namespace refrain::internal
