// The stored similarity index: the vocabulary with exact document frequencies, each unit's
// term counts, and postings per term. A query unit is weighted with the idf of the corpus it
// is matched in (stored counts plus the query document's), its most common terms whose
// weights cannot reach the threshold on their own are not probed (prefix filtering, as the
// pruned in-memory index does: a unit sharing only those terms scores below the threshold),
// and every candidate is scored exactly.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <unordered_set>

#include "index/index_internal.h"

namespace refrain::index_internal {

std::string PackTerms(const TermCounts& terms) {
  std::string bytes(terms.size() * 8, '\0');
  for (size_t i = 0; i < terms.size(); ++i)
    for (int b = 0; b < 4; ++b) {
      bytes[8 * i + b] = static_cast<char>(terms[i].first >> (8 * b));
      bytes[8 * i + 4 + b] = static_cast<char>(terms[i].second >> (8 * b));
    }
  return bytes;
}

TermCounts UnpackTerms(std::string_view bytes) {
  TermCounts terms(bytes.size() / 8);
  const auto word = [&](size_t at) {
    uint32_t v = 0;
    for (int b = 3; b >= 0; --b) v = v << 8 | static_cast<unsigned char>(bytes[at + b]);
    return v;
  };
  for (size_t i = 0; i < terms.size(); ++i) terms[i] = {word(8 * i), word(8 * i + 4)};
  return terms;
}

Result<int64_t> Vocabulary::Id(std::string_view term, bool create, bool proper) {
  if (auto it = ids_.find(std::string(term)); it != ids_.end()) return it->second;
  Result<Query*> q =
      db_->Cached("SELECT id, df, proper, df_base, max_tf FROM vocabulary WHERE term = ?");
  if (!q.ok()) return q.status();
  Query& row = **q;
  row.Bind(1, term);
  int64_t id = -1;
  if (row.Step()) {
    id = row.Int(0);
    terms_[id] = {row.Int(1), row.Int(2) != 0, row.Int(3), row.Int(4)};
  } else {
    REFRAIN_RETURN_IF_ERROR(row.status());
    if (!create) return int64_t{-1};
    if (next_id_ < 0) {
      Result<Query> max = db_->Prepare("SELECT COALESCE(MAX(id), 0) FROM vocabulary");
      if (!max.ok()) return max.status();
      if (!max->Step()) return max->status();
      next_id_ = max->Int(0) + 1;
    }
    id = next_id_++;
    terms_[id] = {0, proper, 0, 0};
    created_.emplace_back(id, std::string(term));
    created_proper_.push_back(proper);
  }
  ids_.emplace(std::string(term), id);
  return id;
}

Result<Vocabulary::Term> Vocabulary::Get(int64_t id) {
  if (auto it = terms_.find(id); it != terms_.end()) {
    Term t = it->second;
    if (auto d = deltas_.find(id); d != deltas_.end()) t.df += d->second;
    return t;
  }
  Result<Query*> q = db_->Cached("SELECT df, proper, df_base, max_tf FROM vocabulary WHERE id = ?");
  if (!q.ok()) return q.status();
  Query& row = **q;
  row.Bind(1, id);
  REFRAIN_RETURN_IF_ERROR(
      row.StepRow(fmt::format("a unit holds term {}, not in the vocabulary", id)));
  Term t{row.Int(0), row.Int(1) != 0, row.Int(2), row.Int(3)};
  terms_[id] = t;
  if (auto d = deltas_.find(id); d != deltas_.end()) t.df += d->second;
  return t;
}

void Vocabulary::AddDf(int64_t id, int64_t delta) { deltas_[id] += delta; }

void Vocabulary::RaiseMaxTf(int64_t id, int64_t tf) {
  int64_t& max = max_tf_[id];
  max = std::max(max, tf);
}

double NormBaseDrift(int64_t df, int64_t df_base) {
  if (df_base <= 0) return 0;  // df_base is set to df when the first unit holding it is written
  return std::abs(std::log1p(static_cast<double>(df)) - std::log1p(static_cast<double>(df_base)));
}

Result<double> Vocabulary::Drift() {
  if (drift_ >= 0) return drift_;
  Result<Query*> q = db_->Cached("SELECT value FROM meta WHERE key = 'norm_drift'");
  if (!q.ok()) return q.status();
  Query& row = **q;
  drift_ = 0;
  if (row.Step())
    drift_ = std::strtod(row.Text(0).c_str(), nullptr);
  else
    REFRAIN_RETURN_IF_ERROR(row.status());
  row.Reset();
  return drift_;
}

Status Vocabulary::Flush() {
  Result<Query> insert =
      db_->Prepare("INSERT INTO vocabulary(id, term, df, proper) VALUES (?, ?, 0, ?)");
  Result<Query> update =
      db_->Prepare("UPDATE vocabulary SET df = df + ? WHERE id = ? RETURNING df, df_base");
  if (!insert.ok()) return insert.status();
  if (!update.ok()) return update.status();
  for (size_t i = 0; i < created_.size(); ++i) {
    insert->Bind(1, created_[i].first);
    insert->Bind(2, created_[i].second);
    insert->Bind(3, int64_t{created_proper_[i]});
    REFRAIN_RETURN_IF_ERROR(insert->Run());
  }
  Result<double> old_drift = Drift();
  if (!old_drift.ok()) return old_drift.status();
  double drift = *old_drift;
  for (const auto& [id, delta] : deltas_) {
    if (delta == 0) continue;
    update->Bind(1, delta);
    update->Bind(2, id);
    if (update->Step()) drift = std::max(drift, NormBaseDrift(update->Int(0), update->Int(1)));
    REFRAIN_RETURN_IF_ERROR(update->status());
    update->Reset();
    if (auto it = terms_.find(id); it != terms_.end()) it->second.df += delta;
  }
  Result<Query> raise = db_->Prepare("UPDATE vocabulary SET max_tf = MAX(max_tf, ?) WHERE id = ?");
  if (!raise.ok()) return raise.status();
  for (const auto& [id, tf] : max_tf_) {
    raise->Bind(1, tf);
    raise->Bind(2, id);
    REFRAIN_RETURN_IF_ERROR(raise->Run());
    if (auto it = terms_.find(id); it != terms_.end())
      it->second.max_tf = std::max(it->second.max_tf, tf);
  }
  max_tf_.clear();
  // A term's first units fix its df_base (what the units' norm sums are expressed at).
  REFRAIN_RETURN_IF_ERROR(
      db_->Exec("UPDATE vocabulary SET df_base = df WHERE df_base = 0 AND df > 0"));
  for (auto& [id, term] : terms_)
    if (term.df_base == 0) term.df_base = term.df;
  if (drift > *old_drift) {
    Result<Query> meta =
        db_->Prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('norm_drift', ?)");
    if (!meta.ok()) return meta.status();
    meta->Bind(1, fmt::format("{:.17g}", drift));
    REFRAIN_RETURN_IF_ERROR(meta->Run());
    drift_ = drift;
  }
  created_.clear();
  created_proper_.clear();
  deltas_.clear();
  return Status::Ok();
}

UnitNorm NormSums(const TermCounts& terms, Vocabulary& vocabulary, Status* status) {
  UnitNorm sums;
  for (const auto& [id, count] : terms) {
    Result<Vocabulary::Term> term = vocabulary.Get(id);
    if (!term.ok()) {
      *status = term.status();
      return sums;
    }
    const double tf = 1 + std::log(static_cast<double>(count));
    const double s = tf * tf, b = std::log1p(static_cast<double>(term->df_base));
    sums.s0 += s;
    sums.s1 += s * b;
    sums.s2 += s * b * b;
  }
  return sums;
}

std::vector<std::pair<std::string, uint32_t>> UnitTerms::Count(std::string_view text) {
  tokenizer_.Tokenize(aliases_.Rewrite(text), &tokens_);
  std::vector<std::pair<std::string, uint32_t>> counts;
  for (size_t i = 0; i < tokens_.size(); ++i) {
    const std::string_view token = tokens_[i];
    auto it =
        std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == token; });
    if (it == counts.end())
      counts.emplace_back(std::string(token), 1);
    else
      ++it->second;
  }
  return counts;
}

Result<const UnitSearch::TermWeight*> UnitSearch::Weight(int64_t id) {
  const size_t slot = static_cast<size_t>(id);
  if (slot < weights_.size() && weights_[slot].known) return &weights_[slot];
  Result<Vocabulary::Term> term = vocabulary_->Get(id);
  if (!term.ok()) return term.status();
  int64_t df = term->df;
  if (auto it = df_delta.find(id); it != df_delta.end()) df += it->second;
  if (slot >= weights_.size()) weights_.resize(std::max(slot + 1, 2 * weights_.size()));
  TermWeight& w = weights_[slot];
  // The vectorizer's smoothed idf over the units matched in.
  w.idf = std::log((1.0 + static_cast<double>(total_units)) / (1.0 + static_cast<double>(df))) + 1;
  w.df = df;
  w.max_weight = (1 + std::log(static_cast<double>(std::max<int64_t>(1, term->max_tf)))) * w.idf;
  w.proper = term->proper;
  w.known = true;
  return &w;
}

namespace {
// An alias term (an acronym's group) is a proper noun whatever its case in the corpus.
bool AliasTerm(std::string_view term) { return !term.empty() && term.back() == '_'; }
}  // namespace

Result<std::vector<Neighbour>> UnitSearch::Search(
    const TermCounts& known, const std::vector<std::pair<std::string, uint32_t>>& unknown,
    int64_t skip_doc) {
  scores_.clear();
  std::vector<Neighbour> out;
  struct QueryTerm {
    int64_t id;
    double weight;
    int64_t df;
    bool proper;
    double idf;
    double max_weight;  // the most any stored unit weighs the term
  };
  std::vector<QueryTerm> query;
  double norm2 = 0;
  bool query_proper_unknown = false;
  for (const auto& [id, count] : known) {
    Result<const TermWeight*> term = Weight(id);
    if (!term.ok()) return term.status();
    const double w = (1 + std::log(static_cast<double>(count))) * (*term)->idf;
    query.push_back({id, w, (*term)->df, (*term)->proper, (*term)->idf, (*term)->max_weight});
    norm2 += w * w;
  }
  for (const auto& [text, count] : unknown) {
    auto it = new_terms.find(text);
    const double df = it == new_terms.end() ? 1.0 : static_cast<double>(it->second);
    const double idf = std::log((1.0 + static_cast<double>(total_units)) / (1.0 + df)) + 1;
    const double w = (1 + std::log(static_cast<double>(count))) * idf;
    norm2 += w * w;
    query_proper_unknown |= AliasTerm(text) || new_proper.count(text) > 0;
  }
  if (query.empty() || norm2 <= 0) return out;
  const double norm = std::sqrt(norm2);
  for (QueryTerm& t : query) t.weight /= norm;

  // Most common terms first; those whose weights together stay under the threshold are
  // not probed.
  std::vector<size_t> order(query.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return query[a].df != query[b].df ? query[a].df > query[b].df : query[a].id < query[b].id;
  });
  double skipped2 = 0, skipped_cap = 0;
  size_t first_probe = 0;
  while (first_probe < order.size()) {
    const double w = query[order[first_probe]].weight;
    if (skipped2 + w * w >= threshold_ * threshold_) break;
    skipped2 += w * w;
    skipped_cap += w * query[order[first_probe]].max_weight;
    ++first_probe;
  }
  Result<Query*> postings = db_->Cached("SELECT unit, tf, s0, s1, s2 FROM postings WHERE term = ?");
  if (!postings.ok()) return postings.status();
  Query& posting_rows = **postings;
  // Per candidate, over the probed terms it holds: the dot product with the query and the
  // squared norm of its part on them, both exact (the postings hold the counts).
  std::unordered_map<int64_t, Partial> candidates;
  for (size_t i = first_probe; i < order.size(); ++i) {
    const QueryTerm& t = query[order[i]];
    posting_rows.Bind(1, t.id);
    while (posting_rows.Step()) {
      const double w = (1 + std::log(static_cast<double>(posting_rows.Int(1)))) * t.idf;
      Partial& p = candidates[posting_rows.Int(0)];
      p.dot += t.weight * w;
      p.shared2 += w * w;
      p.norm = {posting_rows.Real(2), posting_rows.Real(3), posting_rows.Real(4)};
    }
    REFRAIN_RETURN_IF_ERROR(posting_rows.status());
    posting_rows.Reset();
  }
  std::vector<int64_t> sorted;
  sorted.reserve(candidates.size());
  if (!bound_candidates) {
    for (const auto& [id, p] : candidates) sorted.push_back(id);
  } else {
    Result<std::vector<int64_t>> kept = Bound(candidates, std::sqrt(skipped2), skipped_cap);
    if (!kept.ok()) return kept.status();
    sorted = std::move(*kept);
  }
  std::sort(sorted.begin(), sorted.end());

  std::unordered_map<int64_t, const QueryTerm*> by_id;
  for (const QueryTerm& t : query) by_id.emplace(t.id, &t);
  Result<Query*> unit = db_->Cached(
      "SELECT u.statement, s.doc, u.terms FROM units u JOIN statements s ON s.id = u.statement "
      "WHERE u.id = ?");
  if (!unit.ok()) return unit.status();
  Query& unit_row = **unit;
  for (int64_t id : sorted) {
    unit_row.Bind(1, id);
    REFRAIN_RETURN_IF_ERROR(
        unit_row.StepRow(fmt::format("a posting names unit {}, not in the index", id)));
    const int64_t statement = unit_row.Int(0), doc = unit_row.Int(1);
    const TermCounts terms = UnpackTerms(unit_row.Text(2));
    unit_row.Reset();
    if (doc == skip_doc) continue;
    double dot = 0, unit_norm2 = 0;
    size_t shared = 0;
    bool only_unit_proper = false;
    for (const auto& [term, count] : terms) {
      Result<const TermWeight*> weight = Weight(term);
      if (!weight.ok()) return weight.status();
      const double w = (1 + std::log(static_cast<double>(count))) * (*weight)->idf;
      unit_norm2 += w * w;
      if (auto q = by_id.find(term); q != by_id.end()) {
        dot += q->second->weight * w;
        ++shared;
      } else {
        only_unit_proper |= (*weight)->proper;
      }
    }
    if (shared == 0 || unit_norm2 <= 0) continue;
    double score = std::min(1.0, dot / std::sqrt(unit_norm2));
    if (factor_ < 1 && only_unit_proper) {
      bool only_query_proper = query_proper_unknown;
      std::unordered_set<uint32_t> held;
      for (const auto& [term, count] : terms) held.insert(term);
      for (const QueryTerm& t : query)
        if (t.proper && !held.count(static_cast<uint32_t>(t.id))) only_query_proper = true;
      if (only_query_proper) score *= factor_;
    }
    if (score < threshold_) continue;
    scores_[id] = score;
    out.push_back({id, doc, statement, score});
  }
  return out;
}

Result<double> UnitSearch::Drift() {
  if (drift_ >= 0) return drift_;
  Result<double> stored = vocabulary_->Drift();
  if (!stored.ok()) return stored.status();
  double drift = *stored;
  for (const auto& [id, delta] : df_delta) {
    Result<Vocabulary::Term> term = vocabulary_->Get(id);
    if (!term.ok()) return term.status();
    drift = std::max(drift, NormBaseDrift(term->df + delta, term->df_base));
  }
  return drift_ = drift;
}

// A candidate's cosine is (dot + d) / x, with x its norm, dot and shared2 over the probed
// terms (Partial), and d its dot product over the unprobed query terms, at most
// skipped * sqrt(x^2 - shared2) (Cauchy-Schwarz; `skipped` is the norm of the query's
// unprobed part). Over x >= sqrt(shared2) that peaks at sqrt(g^2 + skipped^2), g =
// dot / sqrt(shared2), where x^2 = shared2 (1 + (skipped / g)^2), and falls beyond; a
// lower bound of x from the stored norm sums can put the peak out of reach. And d is at most
// `cap`, the unprobed query weights times the most any stored unit weighs each term
// (vocabulary.max_tf), so (dot + cap) / x bounds it too, whichever is less. The
// object-mismatch factor only lowers a score, so the bound holds for scores too.
Result<std::vector<int64_t>> UnitSearch::Bound(
    const std::unordered_map<int64_t, Partial>& candidates, double skipped, double cap) {
  // Float rounding can only loosen the bound: a unit on the threshold is kept.
  const double floor = threshold_ - 1e-9;
  Result<double> drift = Drift();
  if (!drift.ok()) return drift.status();
  const double c = std::log1p(static_cast<double>(total_units)) + 1;
  std::vector<int64_t> kept;
  for (const auto& [id, p] : candidates) {
    if (p.shared2 <= 0) continue;
    const double shared = std::sqrt(p.shared2), g = p.dot / shared;
    const double peak = std::min(std::sqrt(g * g + skipped * skipped), (p.dot + cap) / shared);
    if (peak < floor) continue;  // no norm could lift it to the threshold
    const double s0 = p.norm.s0, s1 = p.norm.s1, s2 = p.norm.s2;
    const double base = std::sqrt(std::max(0.0, c * c * s0 - 2 * c * s1 + s2));
    const double x = std::max(base * (1 - 1e-9) - *drift * std::sqrt(s0), shared);
    const double rest = std::sqrt(std::max(0.0, x * x - p.shared2));
    const double bound = std::min(
        rest * g <= skipped * shared ? peak : (p.dot + skipped * rest) / x, (p.dot + cap) / x);
    if (bound >= floor) kept.push_back(id);
  }
  return kept;
}

double UnitSearch::ScoreOf(int64_t unit) const {
  auto it = scores_.find(unit);
  return it == scores_.end() ? 0 : it->second;
}

Result<int64_t> PointChooser::PointOf(int64_t unit) {
  if (auto it = point_of_.find(unit); it != point_of_.end()) return it->second;
  Result<std::vector<int64_t>> points = PointsOf(unit);
  if (!points.ok()) return points.status();
  return point_of_[unit] = points->empty() ? 0 : points->front();
}

Result<std::vector<int64_t>> PointChooser::PointsOf(int64_t unit) {
  Result<Query*> q = db_->Cached("SELECT point FROM point_units WHERE unit = ? ORDER BY point");
  if (!q.ok()) return q.status();
  Query& rows = **q;
  rows.Bind(1, unit);
  std::vector<int64_t> points;
  while (rows.Step()) points.push_back(rows.Int(0));
  REFRAIN_RETURN_IF_ERROR(rows.status());
  return points;
}

Result<int64_t> PointChooser::CoreOf(int64_t point) {
  if (auto it = core_of_.find(point); it != core_of_.end()) return it->second;
  Result<Query*> q = db_->Cached("SELECT core FROM points WHERE id = ?");
  if (!q.ok()) return q.status();
  Query& row = **q;
  row.Bind(1, point);
  REFRAIN_RETURN_IF_ERROR(row.StepRow(fmt::format("point {} has no row", point)));
  return core_of_[point] = row.Int(0);
}

Result<std::string> PointChooser::EventOf(int64_t doc) {
  if (auto it = event_of_.find(doc); it != event_of_.end()) return it->second;
  Result<Query*> q = db_->Cached("SELECT event FROM documents WHERE id = ?");
  if (!q.ok()) return q.status();
  Query& row = **q;
  row.Bind(1, doc);
  REFRAIN_RETURN_IF_ERROR(row.StepRow(fmt::format("document {} has no row", doc)));
  return event_of_[doc] = row.Text(0);
}

Result<Choice> PointChooser::Choose(const UnitSearch& search,
                                    const std::vector<Neighbour>& neighbours,
                                    const std::string& event, int64_t statement) {
  Choice best;
  std::map<int64_t, Neighbour> unassigned;  // statement -> its best unassigned unit
  for (const Neighbour& n : neighbours) {
    Result<int64_t> point = PointOf(n.unit);
    if (!point.ok()) return point.status();
    if (*point == 0) {
      auto [it, inserted] = unassigned.emplace(n.statement, n);
      if (!inserted && n.score > it->second.score) it->second = n;
      continue;
    }
    if (taken_.count({*point, statement})) continue;
    Result<int64_t> core = CoreOf(*point);
    if (!core.ok()) return core.status();
    // The core is itself a neighbour when it scores at least the threshold.
    const double score = search.ScoreOf(*core);
    if (score <= 0) continue;
    if (score > best.score || (score == best.score && *point < best.point)) {
      best.point = *point;
      best.score = score;
    }
  }
  if (best.point > 0) {
    taken_.insert({best.point, statement});
    return best;
  }
  std::set<std::string> events = {event};
  for (const auto& [s, n] : unassigned) {
    Result<std::string> e = EventOf(n.doc);
    if (!e.ok()) return e.status();
    events.insert(*e);
  }
  if (events.size() >= static_cast<size_t>(min_events_) && !unassigned.empty())
    for (const auto& [s, n] : unassigned) best.forming.push_back(n);
  return best;
}

void PointChooser::Formed(int64_t point, int64_t statement, const std::vector<Neighbour>& members) {
  taken_.insert({point, statement});
  for (const Neighbour& n : members) point_of_[n.unit] = point;
}

}  // namespace refrain::index_internal
