// Index::Match: a new document against the indexed ones through what the index stores: the
// postings of the new document's terms give the candidate units, each scored exactly, and
// the stored talking points they belong to (their core, variants, dates, events) are read by
// id. Nothing is regrouped and no other unit is read, so a match costs a few thousand row
// reads whatever the size of the index.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "index/index_impl.h"
#include "index/index_internal.h"
#include "points/no_point.h"
#include "refrain/index.h"

namespace refrain {

using index_internal::Neighbour;
using index_internal::Query;

namespace {

// A stored unit as a phrasing, with its document's id and event.
struct StoredPhrasing {
  PointPhrasing phrasing;
  int64_t doc = 0;
  std::string event;
};

Result<std::optional<Date>> ParseDate(const std::string& text, const std::string& file) {
  if (text.empty()) return std::optional<Date>(Date{});
  std::optional<Date> date = Date::Parse(text);
  if (!date) return Status::BadInput(fmt::format("{}: corrupt: the date '{}'", file, text));
  return date;
}

// The stored units' phrasings, read by id.
class Phrasings {
 public:
  explicit Phrasings(index_internal::Database* db) : db_(db) {}
  Result<StoredPhrasing> Of(int64_t unit, double score) {
    Result<Query*> q = db_->Cached(
        "SELECT u.start, u.end, u.text, d.path, d.date, d.event, d.id FROM units u "
        "JOIN statements s ON s.id = u.statement JOIN documents d ON d.id = s.doc "
        "WHERE u.id = ?");
    if (!q.ok()) return q.status();
    Query& row = **q;
    row.Bind(1, unit);
    REFRAIN_RETURN_IF_ERROR(row.StepRow(fmt::format("no unit {}", unit)));
    StoredPhrasing out;
    out.phrasing.start = static_cast<uint64_t>(row.Int(0));
    out.phrasing.end = static_cast<uint64_t>(row.Int(1));
    out.phrasing.text = row.Text(2);
    out.phrasing.doc = row.Text(3);
    Result<std::optional<Date>> date = ParseDate(row.Text(4), db_->file());
    out.event = row.Text(5);
    out.doc = row.Int(6);
    row.Reset();
    if (!date.ok()) return date.status();
    out.phrasing.date = **date;
    out.phrasing.score = score;
    return out;
  }
  // A stored point's variants (with their scores against the core) and whether it is stock.
  Result<std::vector<StoredPhrasing>> OfPoint(int64_t point, int64_t* core, bool* stock) {
    Result<Query*> p = db_->Cached("SELECT core, stock FROM points WHERE id = ?");
    if (!p.ok()) return p.status();
    Query& row = **p;
    row.Bind(1, point);
    REFRAIN_RETURN_IF_ERROR(row.StepRow(fmt::format("no point {}", point)));
    *core = row.Int(0);
    *stock = row.Int(1) == 1;  // ceremony (2) is reported as a repeat, as talking-points lists it
    Result<Query*> members =
        db_->Cached("SELECT unit, score FROM point_units WHERE point = ? ORDER BY unit");
    if (!members.ok()) return members.status();
    Query& rows = **members;
    rows.Bind(1, point);
    std::vector<std::pair<int64_t, double>> units;
    while (rows.Step()) units.emplace_back(rows.Int(0), rows.Real(1));
    REFRAIN_RETURN_IF_ERROR(rows.status());
    std::vector<StoredPhrasing> out;
    for (const auto& [unit, score] : units) {
      Result<StoredPhrasing> phrasing = Of(unit, score);
      if (!phrasing.ok()) return phrasing.status();
      out.push_back(std::move(*phrasing));
    }
    return out;
  }

 private:
  index_internal::Database* db_;
};

bool PhrasingOrder(const PointPhrasing& a, const PointPhrasing& b) {
  if (a.date != b.date) return a.date < b.date;
  if (a.doc != b.doc) return a.doc < b.doc;
  return a.start < b.start;
}

}  // namespace

Result<IndexMatch> Index::Match(const std::filesystem::path& file, const CorpusOptions& corpus,
                                const IndexMatchOptions& options) const {
  if (options.recent_events < 0) return Status::BadUsage("recent_events must be 0 or more");
  if (corpus.reader.lines)
    return Status::BadUsage("match reads a document: --lines input cannot be matched");
  Result<Corpus> added = refrain::LoadCorpus({file}, corpus);
  if (!added.ok()) return added.status();
  if (added->documents.size() != 1)
    return Status::BadInput(fmt::format("{}: not one document to match ({} read)", file.string(),
                                        added->documents.size()));
  index_internal::Reroot(*added, root());
  Impl& impl = *impl_;
  index_internal::Database& db = impl.db;
  MatchOptions match;
  match.clauses = impl.clauses;
  const std::vector<Unit> units = Matcher::CutUnits(*added, match);
  const Document& document = added->documents.front();

  // An indexed document of the same path: the same bytes are looked up, other bytes left out.
  int64_t indexed_id = 0;
  bool same = false;
  {
    Result<Query> find = db.Prepare("SELECT id, bytes FROM documents WHERE path = ?");
    if (!find.ok()) return find.status();
    find->Bind(1, document.path);
    if (find->Step()) {
      indexed_id = find->Int(0);
      same = find->Text(1) == document.bytes;
    }
    REFRAIN_RETURN_IF_ERROR(find->status());
  }

  index_internal::Vocabulary vocabulary(&db);
  index_internal::PointChooser chooser(&db, impl.min_events);
  // Per unit: the stored points it is in (a unit making two claims is in two), or the units it
  // forms a new point with.
  std::vector<std::vector<int64_t>> points_of(units.size());
  std::vector<double> core_score(units.size(), 0);
  std::vector<std::vector<Neighbour>> forming(units.size());
  if (same) {
    Result<Query> stored = db.Prepare(
        "SELECT u.id FROM units u JOIN statements s ON s.id = u.statement WHERE s.doc = ? "
        "ORDER BY u.id");
    if (!stored.ok()) return stored.status();
    stored->Bind(1, indexed_id);
    std::vector<int64_t> ids;
    while (stored->Step()) ids.push_back(stored->Int(0));
    REFRAIN_RETURN_IF_ERROR(stored->status());
    if (ids.size() != units.size())
      return Status::BadInput(
          fmt::format("{}: {} holds {} units for {}, which cuts into {}: rebuild the index",
                      impl.file.string(), document.path, ids.size(), file.string(), units.size()));
    for (size_t u = 0; u < units.size(); ++u) {
      Result<std::vector<int64_t>> points = chooser.PointsOf(ids[u]);
      if (!points.ok()) return points.status();
      points_of[u] = std::move(*points);
    }
  } else {
    Result<index_internal::UnitTerms> unit_terms = impl.Terms();
    if (!unit_terms.ok()) return unit_terms.status();
    index_internal::UnitSearch search(&db, &vocabulary, impl.threshold, impl.mismatch_factor);
    search.total_units = static_cast<int64_t>(impl.units + units.size());
    search.bound_candidates = options.bound_candidates;
    Result<std::set<std::string>> proper_nouns = Matcher::ProperNouns(*added, match);
    if (!proper_nouns.ok()) return proper_nouns.status();
    search.new_proper = std::move(*proper_nouns);
    std::vector<index_internal::TermCounts> known(units.size());
    std::vector<std::vector<std::pair<std::string, uint32_t>>> unknown(units.size());
    for (size_t u = 0; u < units.size(); ++u)
      for (auto& [term, count] : unit_terms->Count(units[u].text)) {
        Result<int64_t> id = vocabulary.Id(term, /*create=*/false);
        if (!id.ok()) return id.status();
        if (*id < 0) {
          ++search.new_terms[term];
          unknown[u].emplace_back(std::move(term), count);
        } else {
          ++search.df_delta[*id];
          known[u].emplace_back(static_cast<uint32_t>(*id), count);
        }
      }
    if (indexed_id > 0) {  // the old version's units are not in the corpus matched against
      Result<Query> old = db.Prepare(
          "SELECT u.terms FROM units u JOIN statements s ON s.id = u.statement WHERE s.doc = ?");
      if (!old.ok()) return old.status();
      old->Bind(1, indexed_id);
      while (old->Step()) {
        --search.total_units;
        for (const auto& [term, count] : index_internal::UnpackTerms(old->Text(0)))
          --search.df_delta[term];
      }
      REFRAIN_RETURN_IF_ERROR(old->status());
    }
    const std::vector<char> no_point =
        internal::UnitsMakingNoPoint(*added, units, impl.min_words, impl.include_questions);
    for (size_t u = 0; u < units.size(); ++u) {
      if (no_point[u]) continue;
      Result<std::vector<Neighbour>> found = search.Search(known[u], unknown[u], indexed_id);
      if (!found.ok()) return found.status();
      Result<index_internal::Choice> choice =
          chooser.Choose(search, *found, document.event, units[u].statement);
      if (!choice.ok()) return choice.status();
      if (choice->point > 0) points_of[u] = {choice->point};
      core_score[u] = choice->score;
      forming[u] = std::move(choice->forming);
    }
  }

  IndexMatch out;
  out.threshold = impl.threshold;
  out.indexed_documents = impl.documents - (indexed_id > 0 ? 1 : 0);
  Phrasings phrasings(&db);
  std::set<int64_t> here;  // stored points this document carries
  for (uint32_t s = 0; s < added->statements.size(); ++s) {
    MatchedStatement statement{added->statements[s], {}};
    statement.statement.id = s;
    for (size_t u = 0; u < units.size(); ++u) {
      if (units[u].statement != s) continue;
      const Unit& unit = units[u];
      MatchedUnit matched{unit.start, unit.end, unit.text, {}};
      // One repeat per stored point the unit is in, or one for the new point it forms.
      std::vector<int64_t> held = points_of[u];
      if (held.empty() && !forming[u].empty()) held.push_back(0);
      for (const int64_t point : held) {
        std::vector<StoredPhrasing> variants;
        RepeatedPoint repeat;
        if (point > 0) {
          int64_t core = 0;
          Result<std::vector<StoredPhrasing>> stored =
              phrasings.OfPoint(point, &core, &repeat.stock);
          if (!stored.ok()) return stored.status();
          variants = std::move(*stored);
          Result<StoredPhrasing> core_phrasing = phrasings.Of(core, 1);
          if (!core_phrasing.ok()) return core_phrasing.status();
          repeat.label = core_phrasing->phrasing.text;
          here.insert(point);
        } else {
          repeat.label = unit.text;  // a new point around this unit
          for (const Neighbour& n : forming[u]) {
            Result<StoredPhrasing> p = phrasings.Of(n.unit, n.score);
            if (!p.ok()) return p.status();
            variants.push_back(std::move(*p));
          }
        }
        std::set<std::string> events = {document.event};
        for (StoredPhrasing& v : variants) {
          if (v.doc == indexed_id) continue;
          events.insert(v.event);
          const Date& date = v.phrasing.date;
          if (date.known() && (!repeat.first_seen.known() || date < repeat.first_seen))
            repeat.first_seen = date;
          repeat.phrasings.push_back(std::move(v.phrasing));
        }
        std::sort(repeat.phrasings.begin(), repeat.phrasings.end(), PhrasingOrder);
        repeat.events = events.size();
        if (!repeat.phrasings.empty()) matched.repeats.push_back(std::move(repeat));
      }
      if (!matched.repeats.empty()) {
        ++out.repeated_units;
      } else {
        ++out.new_units;
      }
      statement.units.push_back(std::move(matched));
    }
    out.statements.push_back(std::move(statement));
  }

  // The source's last events before this document, newest first, and the points they carry
  // that this document does not.
  if (options.recent_events > 0) {
    Result<Query> events = db.Prepare(
        "SELECT event, MAX(date) AS latest FROM documents WHERE source = ?1 AND event != ?2 "
        "AND id != ?3 AND (?4 = '' OR (date != '' AND date < ?4)) GROUP BY event "
        "ORDER BY latest DESC, event LIMIT ?5");
    if (!events.ok()) return events.status();
    const std::string date = document.date.known() ? document.date.ToString() : "";
    events->Bind(1, document.source);
    events->Bind(2, document.event);
    events->Bind(3, indexed_id);
    events->Bind(4, date);
    events->Bind(5, int64_t{options.recent_events});
    while (events->Step()) out.recent_events.push_back(events->Text(0));
    REFRAIN_RETURN_IF_ERROR(events->status());
    const std::set<std::string> recent(out.recent_events.begin(), out.recent_events.end());
    Result<Query> carried = db.Prepare(
        "SELECT DISTINCT pu.point FROM documents d JOIN statements s ON s.doc = d.id "
        "JOIN units u ON u.statement = s.id JOIN point_units pu ON pu.unit = u.id "
        "JOIN points p ON p.id = pu.point WHERE p.stock = 0 AND d.source = ? AND d.event = ?");
    if (!carried.ok()) return carried.status();
    std::set<int64_t> dropped;
    for (const std::string& event : out.recent_events) {
      carried->Bind(1, document.source);
      carried->Bind(2, event);
      while (carried->Step())
        if (!here.count(carried->Int(0))) dropped.insert(carried->Int(0));
      REFRAIN_RETURN_IF_ERROR(carried->status());
      carried->Reset();
    }
    for (int64_t point : dropped) {
      int64_t core = 0;
      bool stock = false;
      Result<std::vector<StoredPhrasing>> variants = phrasings.OfPoint(point, &core, &stock);
      if (!variants.ok()) return variants.status();
      DroppedPoint d;
      std::set<std::string> point_events;
      bool carried_here = false;
      for (StoredPhrasing& v : *variants) {
        if (v.doc == indexed_id) {
          carried_here = true;
          continue;
        }
        point_events.insert(v.event);
        if (!recent.count(v.event)) continue;
        if (d.last_seen < v.phrasing.date) d.last_seen = v.phrasing.date;
        d.phrasings.push_back(std::move(v.phrasing));
      }
      if (carried_here || d.phrasings.empty()) continue;
      Result<StoredPhrasing> core_phrasing = phrasings.Of(core, 1);
      if (!core_phrasing.ok()) return core_phrasing.status();
      d.label = core_phrasing->phrasing.text;
      d.events = point_events.size();
      std::sort(d.phrasings.begin(), d.phrasings.end(), PhrasingOrder);
      out.no_longer_said.push_back(std::move(d));
    }
    std::sort(out.no_longer_said.begin(), out.no_longer_said.end(),
              [](const DroppedPoint& a, const DroppedPoint& b) {
                if (a.events != b.events) return a.events > b.events;
                if (a.last_seen != b.last_seen) return b.last_seen < a.last_seen;
                return a.label < b.label;
              });
  }
  out.document = document;
  out.document.text = {};
  out.document.blocks.clear();
  return out;
}

}  // namespace refrain
