#include "refrain/talking_points.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <queue>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "refrain/tokenizer.h"

namespace refrain {
namespace {

// A neighbour of a unit in the similarity graph.
struct Edge {
  int32_t unit = 0;
  double score = 0;
};

// The graph of units at or above the threshold, as adjacency lists (CSR): the
// neighbours of unit u are edges[offsets[u], offsets[u + 1]), by unit index.
struct Graph {
  std::vector<size_t> offsets;
  std::vector<Edge> edges;

  std::span<const Edge> Neighbors(int32_t u) const {
    return {edges.data() + offsets[u], edges.data() + offsets[u + 1]};
  }
};

// The distinct content words of `text`: words (cut at white space, punctuation at either
// end trimmed, lower case) that are not English stop words and not bare numbers. Distinct,
// so that "Thank you, thank you, thank you." is one word, not three.
int CountContentWords(std::string_view text) {
  const std::span<const std::string_view> stop_words = EnglishStopWords();
  std::vector<std::string> seen;
  size_t i = 0;
  std::string word;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    size_t j = i;
    while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j]))) ++j;
    std::string_view raw = text.substr(i, j - i);
    i = j;
    // ASCII punctuation and the bytes of typographic quotes at either end.
    auto edge = [](unsigned char c) { return c >= 0x80 || std::ispunct(c); };
    while (!raw.empty() && edge(static_cast<unsigned char>(raw.front()))) raw.remove_prefix(1);
    while (!raw.empty() && edge(static_cast<unsigned char>(raw.back()))) raw.remove_suffix(1);
    if (raw.empty()) continue;
    word.assign(raw);
    bool digits = true;
    for (char& c : word) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      digits = digits && std::isdigit(static_cast<unsigned char>(c));
    }
    if (digits || std::binary_search(stop_words.begin(), stop_words.end(), word)) continue;
    if (std::find(seen.begin(), seen.end(), word) == seen.end()) seen.push_back(word);
  }
  return static_cast<int>(seen.size());
}

// The last word of `text`, lower case, without the punctuation around it.
std::string LastWord(std::string_view text) {
  size_t e = text.size();
  auto edge = [](unsigned char c) { return c >= 0x80 || std::ispunct(c) || std::isspace(c); };
  while (e > 0 && edge(static_cast<unsigned char>(text[e - 1]))) --e;
  size_t b = e;
  while (b > 0 && !std::isspace(static_cast<unsigned char>(text[b - 1]))) --b;
  std::string word(text.substr(b, e - b));
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return word;
}

// A heading or a list of names: every content word capitalised, at least one of them in
// mixed case ("Access to Health Care.", "President Biden, Vice President Harris"). A text
// set in capitals throughout is not a heading by this rule: it is all caps, not mixed.
bool IsHeading(std::string_view text) {
  const std::span<const std::string_view> stop_words = EnglishStopWords();
  bool mixed = false;
  int content = 0;
  std::string word;
  for (size_t i = 0; i < text.size();) {
    while (i < text.size() && !std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    size_t j = i;
    while (j < text.size() &&
           (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '-' || text[j] == '\''))
      ++j;
    if (j == i) break;
    const std::string_view raw = text.substr(i, j - i);
    i = j;
    word.assign(raw);
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (std::binary_search(stop_words.begin(), stop_words.end(), word)) continue;
    if (!std::isupper(static_cast<unsigned char>(raw.front()))) return false;
    ++content;
    mixed = mixed || std::any_of(raw.begin() + 1, raw.end(), [](char c) {
              return std::islower(static_cast<unsigned char>(c));
            });
  }
  return content > 0 && mixed;
}

// Units that make no point of their own, and are never a talking point: too few distinct
// content words (TalkingPointsOptions::min_words); a heading or a list of names; the
// opening of a list ("The Administration has taken action to", "President Biden will
// announce the following actions:"), which ends on a word that needs what follows, or at
// a colon. The points of such a list are its items. A transcript's question is the
// questioner's, never the answering side's point, unless `include_questions`.
std::vector<char> UnitsMakingNoPoint(const Corpus& corpus, std::span<const Unit> units,
                                     int min_words, bool include_questions) {
  static constexpr std::string_view kDangling[] = {
      "a",    "an",   "and",   "are",  "as",   "at",   "be",      "by",       "can",       "could",
      "for",  "from", "had",   "has",  "have", "in",   "include", "includes", "including", "into",
      "is",   "may",  "might", "must", "of",   "on",   "or",      "shall",    "should",    "than",
      "that", "the",  "to",    "was",  "were", "will", "with",    "would"};
  std::vector<char> no_point(units.size());
  for (size_t u = 0; u < units.size(); ++u) {
    const Unit& unit = units[u];
    const std::string last = LastWord(unit.text);
    const std::string& bytes = corpus.documents[unit.doc].bytes;
    const std::string_view text = unit.text;
    const size_t last_char = text.find_last_not_of(" \"'");
    const bool before_colon = (unit.end < bytes.size() && bytes[unit.end] == ':') ||
                              (last_char != std::string_view::npos && text[last_char] == ':');
    no_point[u] =
        CountContentWords(unit.text) < min_words || IsHeading(unit.text) || before_colon ||
        std::find(std::begin(kDangling), std::end(kDangling), last) != std::end(kDangling) ||
        (!include_questions && corpus.statements[unit.statement].turn == TurnKind::kQuestion);
  }
  return no_point;
}

// Two passes over the index's pairs would cost two searches; one pass into a pair
// list and a counting sort costs the pairs' memory once more, which is the cheaper.
Result<Graph> BuildGraph(std::span<const Unit> units, const SimilarityIndex& index,
                         double threshold, const UnitScoreFn& score,
                         const std::vector<char>& no_point) {
  std::vector<ScoredPair> pairs;
  Status status = index.AllPairs(threshold, [&](std::span<const ScoredPair> batch) {
    for (ScoredPair p : batch) {
      // Clauses of one sentence are never two variants of a point.
      if (units[p.a].statement == units[p.b].statement) continue;
      if (no_point[p.a] || no_point[p.b]) continue;
      if (score) {
        p.score = score(static_cast<uint32_t>(p.a), static_cast<uint32_t>(p.b));
        if (p.score < threshold - kScoreSlack) continue;
      }
      pairs.push_back(p);
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  Graph graph;
  graph.offsets.assign(units.size() + 1, 0);
  for (const ScoredPair& p : pairs) {
    ++graph.offsets[p.a + 1];
    ++graph.offsets[p.b + 1];
  }
  for (size_t u = 0; u < units.size(); ++u) graph.offsets[u + 1] += graph.offsets[u];
  graph.edges.resize(graph.offsets.back());
  std::vector<size_t> next(graph.offsets.begin(), graph.offsets.end() - 1);
  // Pairs arrive ordered by (a, b), so every list ends up ordered by unit.
  for (const ScoredPair& p : pairs) graph.edges[next[p.a]++] = {p.b, p.score};
  for (const ScoredPair& p : pairs) graph.edges[next[p.b]++] = {p.a, p.score};
  for (size_t u = 0; u < units.size(); ++u)
    std::sort(graph.edges.begin() + graph.offsets[u], graph.edges.begin() + graph.offsets[u + 1],
              [](const Edge& x, const Edge& y) { return x.unit < y.unit; });
  return graph;
}

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

// Where each statement sits in its document: its index and the document's count.
struct Placement {
  std::vector<uint32_t> index;  // per statement
  std::vector<uint32_t> count;  // per document
};

Placement Place(const Corpus& corpus) {
  Placement place;
  place.index.resize(corpus.statements.size());
  place.count.assign(corpus.documents.size(), 0);
  for (size_t s = 0; s < corpus.statements.size(); ++s)
    place.index[s] = place.count[corpus.statements[s].doc]++;
  return place;
}

// Marks `point` as stock phrasing when it keeps to one end of its documents, or when
// enough documents of one source carry it at either end (the source with the largest
// share is named).
bool IsStock(const Corpus& corpus, std::span<const uint32_t> source_of_doc,
             std::span<const size_t> source_size, const Placement& place,
             const TalkingPointsOptions& options, TalkingPoint* point) {
  const size_t edge = options.stock_edge_statements;
  size_t at_start = 0, at_end = 0, at_edge = 0;
  std::vector<std::pair<uint32_t, uint32_t>> source_docs;  // (source, doc), at either end
  for (const PointVariant& v : point->variants) {
    const uint32_t i = place.index[v.unit.statement], n = place.count[v.unit.doc];
    const bool start = i < edge, end = i + edge >= n;
    at_start += start;
    at_end += end;
    at_edge += start || end;
    if (start || end) source_docs.emplace_back(source_of_doc[v.unit.doc], v.unit.doc);
  }
  const double variants = static_cast<double>(point->variants.size());
  if (point->documents >= options.stock_min_docs &&
      static_cast<double>(at_edge) >= options.stock_edge_share * variants) {
    point->stock_reason = at_start >= at_end ? "start" : "end";
    return true;
  }
  std::sort(source_docs.begin(), source_docs.end());
  source_docs.erase(std::unique(source_docs.begin(), source_docs.end()), source_docs.end());
  double best_share = -1;
  for (size_t i = 0; i < source_docs.size();) {
    size_t j = i;
    while (j < source_docs.size() && source_docs[j].first == source_docs[i].first) ++j;
    uint32_t source = source_docs[i].first;
    size_t carrying = j - i;
    double share = static_cast<double>(carrying) / source_size[source];
    if (source_size[source] >= options.stock_min_docs && share >= options.stock_min_share &&
        share > best_share) {
      best_share = share;
      point->stock_reason = "source";
      point->source = corpus.documents[source_docs[i].second].source;
      point->source_documents = source_size[source];
      point->source_carrying = carrying;
    }
    i = j;
  }
  return best_share >= 0;
}

}  // namespace

Status Validate(const TalkingPointsOptions& options) {
  if (options.min_events < 1) return Status::BadUsage("--min-events must be 1 or more");
  if (options.min_words < 0) return Status::BadUsage("--min-words must be 0 or more");
  if (!(options.stock_edge_share > 0 && options.stock_edge_share <= 1))
    return Status::BadUsage("the stock phrase edge share must be in (0, 1]");
  if (!(options.stock_min_share > 0 && options.stock_min_share <= 1))
    return Status::BadUsage("the stock phrase share must be in (0, 1]");
  if (options.stock_edge_statements < 1)
    return Status::BadUsage("the stock phrase edge must be 1 statement or more");
  if (options.stock_min_docs < 2)
    return Status::BadUsage("a source needs at least 2 documents to have stock phrasing");
  return Status::Ok();
}

namespace {

// FindTalkingPoints once its arguments are checked and `no_point` marks the units that
// make no point (UnitsMakingNoPoint).
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

}  // namespace

Result<TalkingPoints> FindTalkingPoints(const Corpus& corpus, std::span<const Unit> units,
                                        const SimilarityIndex& index, double threshold,
                                        const TalkingPointsOptions& options,
                                        const UnitScoreFn& score) {
  REFRAIN_RETURN_IF_ERROR(Validate(options));
  REFRAIN_RETURN_IF_ERROR(CheckThreshold(threshold, "--threshold"));
  if (static_cast<size_t>(index.rows()) != units.size())
    return Status::BadUsage(
        fmt::format("the index has {} rows for {} units", index.rows(), units.size()));
  for (const Unit& u : units)
    if (u.statement >= corpus.statements.size() || u.doc >= corpus.documents.size())
      return Status::BadUsage("a unit points outside the corpus");
  return GroupPoints(
      corpus, units, index, threshold, options, score,
      UnitsMakingNoPoint(corpus, units, options.min_words, options.include_questions));
}

Result<TalkingPoints> FindTalkingPoints(const Corpus& corpus, const Matcher& matcher,
                                        const TalkingPointsOptions& options) {
  // An index built for exactly this threshold prunes more than the matcher's own, which
  // answers down to half of it.
  // Units that make no point (too short, headings, list openings) are left out of it (their
  // rows emptied): short generic clauses are where most pairs are, and the grouping would
  // drop them all.
  REFRAIN_RETURN_IF_ERROR(Validate(options));
  const std::vector<Unit>& units = matcher.units();
  const std::vector<char> no_point =
      UnitsMakingNoPoint(corpus, units, options.min_words, options.include_questions);
  TfidfMatrix rows = matcher.matrix();
  rows.prune([&no_point](TfidfMatrix::Index row, TfidfMatrix::Index, float) {
    return !no_point[static_cast<size_t>(row)];
  });
  SimilarityOptions similarity;
  similarity.min_threshold = matcher.options().threshold;
  similarity.threads = matcher.options().threads;
  similarity.progress = options.progress;
  Result<std::unique_ptr<SimilarityIndex>> index = BuildSimilarityIndex(rows, similarity);
  if (!index.ok()) return index.status();
  // The matcher's units and threshold need none of the other overload's checks.
  return GroupPoints(
      corpus, units, **index, matcher.options().threshold, options,
      [&matcher](uint32_t a, uint32_t b) { return matcher.Explain(a, b).score; }, no_point);
}

std::string PointLabel(const TalkingPoint& point, size_t max_words) {
  std::string_view text = point.representative().unit.text;
  std::string label;
  size_t words = 0;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t j = i;
    while (j < text.size() && text[j] != ' ') ++j;
    if (i == j) break;
    if (words == max_words) {
      label += "…";
      return label;
    }
    if (!label.empty()) label += ' ';
    label.append(text.substr(i, j - i));
    ++words;
    i = j;
  }
  return label;
}

}  // namespace refrain
