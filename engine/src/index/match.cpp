// Index::Match: a new document against the indexed ones. The points are exactly those
// FindTalkingPoints finds over the indexed documents and this one together: the stored units
// and the new document's are vectorised and grouped by the matcher and the talking points'
// own code, so "the same point" means here what it means for `refrain talking-points`.
// What the index saves is reading, cleaning, segmenting and cutting the indexed corpus.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "index/index_internal.h"
#include "refrain/index.h"

namespace refrain {
namespace {

// The corpus of the indexed documents with `doc` (of `added`) put at its place in path
// order; every index renumbered, statements in (doc, start) order, units in statement order.
// Returns the new document's index.
uint32_t Merge(Corpus& indexed, std::vector<Unit>& indexed_units, Corpus& added,
               std::vector<Unit>& added_units, std::vector<Unit>* units) {
  // An indexed document of the same path is the old version of this one: leave it out.
  const Document& doc = added.documents.front();
  std::vector<uint32_t> keep;  // indexed documents kept, in path order
  for (uint32_t d = 0; d < indexed.documents.size(); ++d)
    if (indexed.documents[d].path != doc.path) keep.push_back(d);
  const auto at = std::lower_bound(
      keep.begin(), keep.end(), doc.path,
      [&](uint32_t d, const std::string& path) { return indexed.documents[d].path < path; });
  const uint32_t new_doc = static_cast<uint32_t>(at - keep.begin());

  std::vector<int64_t> remap(indexed.documents.size(), -1);  // old doc -> merged doc
  for (size_t i = 0; i < keep.size(); ++i)
    remap[keep[i]] = static_cast<int64_t>(i < new_doc ? i : i + 1);

  Corpus merged;
  merged.root = indexed.root;
  merged.documents.resize(keep.size() + 1);
  for (uint32_t d = 0; d < indexed.documents.size(); ++d)
    if (remap[d] >= 0) merged.documents[remap[d]] = std::move(indexed.documents[d]);
  merged.documents[new_doc] = std::move(added.documents.front());

  // Statements: the indexed ones before the new document, the new document's, the rest.
  std::vector<int64_t> statement_remap(indexed.statements.size(), -1);
  const auto take_indexed = [&](bool before) {
    for (size_t s = 0; s < indexed.statements.size(); ++s) {
      const int64_t d = remap[indexed.statements[s].doc];
      if (d < 0 || (d < new_doc) != before) continue;
      statement_remap[s] = static_cast<int64_t>(merged.statements.size());
      Statement statement = std::move(indexed.statements[s]);
      statement.doc = static_cast<uint32_t>(d);
      merged.statements.push_back(std::move(statement));
    }
  };
  take_indexed(true);
  const size_t first_new = merged.statements.size();
  for (Statement& s : added.statements) {
    s.doc = new_doc;
    merged.statements.push_back(std::move(s));
  }
  take_indexed(false);
  for (size_t s = 0; s < merged.statements.size(); ++s) merged.statements[s].id = s;

  // Units follow their statements.
  units->clear();
  const auto take_units = [&](bool before) {
    for (Unit& u : indexed_units) {
      const int64_t s = statement_remap[u.statement];
      if (s < 0 || (static_cast<size_t>(s) < first_new) != before) continue;
      u.statement = static_cast<uint32_t>(s);
      u.doc = merged.statements[s].doc;
      units->push_back(std::move(u));
    }
  };
  take_units(true);
  for (Unit& u : added_units) {
    u.statement = static_cast<uint32_t>(first_new + u.statement);
    u.doc = new_doc;
    units->push_back(std::move(u));
  }
  take_units(false);
  merged.warnings = std::move(added.warnings);
  indexed = std::move(merged);
  return new_doc;
}

PointPhrasing Phrasing(const Corpus& corpus, const PointVariant& v) {
  const Document& doc = corpus.documents[v.unit.doc];
  return {doc.path, doc.date, v.unit.start, v.unit.end, v.unit.text, v.score};
}

}  // namespace

Result<IndexMatch> Index::Match(const std::filesystem::path& file, const CorpusOptions& corpus,
                                const IndexMatchOptions& options) const {
  if (options.recent_events < 0) return Status::BadUsage("recent_events must be 0 or more");
  REFRAIN_RETURN_IF_ERROR(Validate(options.points));
  if (corpus.reader.lines)
    return Status::BadUsage("match reads a document: --lines input cannot be matched");
  Result<Corpus> added = refrain::LoadCorpus({file}, corpus);
  if (!added.ok()) return added.status();
  if (added->documents.size() != 1)
    return Status::BadInput(fmt::format("{}: not one document to match ({} read)", file.string(),
                                        added->documents.size()));
  index_internal::Reroot(*added, root());
  MatchOptions match = options.match;
  match.clauses = clauses();
  std::vector<Unit> added_units = Matcher::CutUnits(*added, match);

  std::vector<Unit> indexed_units;
  Result<Corpus> whole = LoadCorpus(&indexed_units);
  if (!whole.ok()) return whole.status();
  std::vector<Unit> units;
  const uint32_t doc = Merge(*whole, indexed_units, *added, added_units, &units);

  Result<Matcher> matcher = Matcher::Build(*whole, std::move(units), match);
  if (!matcher.ok()) return matcher.status();
  Result<TalkingPoints> points = FindTalkingPoints(*whole, *matcher, options.points);
  if (!points.ok()) return points.status();

  IndexMatch out;
  out.threshold = points->threshold;
  out.indexed_documents = whole->documents.size() - 1;
  const Document& document = whole->documents[doc];
  const std::vector<Unit>& all_units = matcher->units();

  // The points (and stock phrases, and ceremony) that hold each of the document's units: a
  // unit making two claims is in two points.
  std::map<uint32_t, std::vector<std::pair<const TalkingPoint*, bool>>> holders;  // unit -> (point, stock)
  for (const auto* list : {&points->points, &points->ceremony, &points->stock_phrases})
    for (const TalkingPoint& p : *list)
      for (const PointVariant& v : p.variants)
        if (v.unit.doc == doc) holders[v.index].push_back({&p, list == &points->stock_phrases});

  for (uint32_t s = 0; s < whole->statements.size(); ++s) {
    if (whole->statements[s].doc != doc) continue;
    MatchedStatement statement{whole->statements[s], {}};
    const auto [first, last] = matcher->UnitsOf(s);
    for (uint32_t u = first; u < last; ++u) {
      const Unit& unit = all_units[u];
      MatchedUnit matched{unit.start, unit.end, unit.text, {}};
      if (auto it = holders.find(u); it != holders.end()) {
        for (const auto& [point, stock] : it->second) {
          RepeatedPoint repeat;
          repeat.label = point->representative().unit.text;
          repeat.events = point->events;
          repeat.stock = stock;
          for (const PointVariant& v : point->variants) {
            if (v.unit.doc == doc) continue;
            const Date& date = whole->documents[v.unit.doc].date;
            if (repeat.phrasings.empty() || (date.known() && date < repeat.first_seen))
              repeat.first_seen = date;
            repeat.phrasings.push_back(Phrasing(*whole, v));
          }
          matched.repeats.push_back(std::move(repeat));
        }
        ++out.repeated_units;
      } else {
        ++out.new_units;
      }
      statement.units.push_back(std::move(matched));
    }
    out.statements.push_back(std::move(statement));
  }
  // Statement ids count within the document, from 0: the index's global ids mean nothing to
  // the caller.
  for (size_t i = 0; i < out.statements.size(); ++i) out.statements[i].statement.id = i;

  // The source's last events before this document, newest first.
  if (options.recent_events > 0) {
    std::map<std::string, Date> event_date;  // event -> its latest date
    for (const Document& d : whole->documents) {
      if (&d == &document || d.source != document.source || d.event == document.event) continue;
      if (document.date.known() && !(d.date < document.date)) continue;
      Date& latest = event_date[d.event];
      if (latest < d.date) latest = d.date;
    }
    std::vector<std::pair<Date, std::string>> events;
    for (const auto& [event, date] : event_date) events.emplace_back(date, event);
    std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? b.first < a.first : a.second < b.second;
    });
    if (events.size() > static_cast<size_t>(options.recent_events))
      events.resize(options.recent_events);
    std::set<std::string> recent;
    for (const auto& [date, event] : events) {
      recent.insert(event);
      out.recent_events.push_back(event);
    }
    for (const TalkingPoint& p : points->points) {
      bool here = false;
      std::vector<PointPhrasing> phrasings;
      Date last_seen;
      for (const PointVariant& v : p.variants) {
        const Document& d = whole->documents[v.unit.doc];
        if (v.unit.doc == doc) here = true;
        if (!recent.count(d.event)) continue;
        phrasings.push_back(Phrasing(*whole, v));
        if (last_seen < d.date) last_seen = d.date;
      }
      if (here || phrasings.empty()) continue;
      out.no_longer_said.push_back(
          {p.representative().unit.text, last_seen, p.events, std::move(phrasings)});
    }
  }
  out.document = document;
  out.document.text = {};
  out.document.blocks.clear();
  return out;
}

}  // namespace refrain
