// The index file: one SQLite database. Schema (format version kIndexFormatVersion, in
// PRAGMA user_version; PRAGMA application_id marks the file as refrain's):
//
//   meta(key, value)                 refrain_version, root (the corpus folder), clauses,
//                                    threshold, object_mismatch_factor, min_events, min_words,
//                                    include_questions, aliases (the matcher's alias groups,
//                                    JSON), points (the other TalkingPointsOptions the points
//                                    were found with, JSON: claims, claims_min_events,
//                                    verify_variants, verify_threshold, keep_ceremony,
//                                    join_phrasings, stock_*), documents / statements / units
//                                    (counts),
//                                    norm_drift (see postings; absent: 0)
//   documents(id, path UNIQUE, file, source, event, date, date_origin, metadata JSON, bytes)
//   statements(id, doc, start, end, text, speaker, turn)   byte offsets into documents.bytes;
//                                    a transcript's speaker and TurnKind
//   units(id, statement, start, end, text, terms)   the matcher's clauses (Matcher::CutUnits)
//                                    and their term counts (PackTerms: term id, count)
//   vocabulary(id, term UNIQUE, df, proper, df_base, max_tf)   the matcher's terms (aliases
//   rewritten,
//                                    stemmed, stop words out), units holding each as a count
//                                    (exact after Add: idf is computed from it when matching),
//                                    whether the matcher took it for a proper noun, and the df
//                                    its postings' norm sums are taken at (fixed once set), its
//                                    largest count in a unit (never lowered: a bound)
//   postings(term, unit, tf, s0, s1, s2)  the similarity index: the units holding each term,
//                                    how often, and the unit's norm sums (index_internal::
//                                    UnitNorm: its exact TF-IDF norm at any corpus size, within
//                                    meta.norm_drift of it after Add changes dfs), so that a
//                                    candidate's score is bounded from its postings alone,
//                                    before its row is read (one copy per posting: no lookup)
//   points(id, core, stock)          talking points (and stock phrases, ceremony) over the units,
//   point_units(unit, point, score)  as FindTalkingPoints finds them at Build with
//                                    IndexOptions::points (the claims parser and the variants'
//                                    verify when given, as talking-points runs them); Add joins
//                                    new units to them by TF-IDF alone (see index.h)
//
// Claims (issue 15) are not stored yet: they will be a `claims(unit, ...)` table and a new
// format version; an older file is then refused with a message to rebuild it, never misread.
#include "refrain/index.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "index/index_impl.h"
#include "index/index_internal.h"
#include "index/sqlite.h"
#include "points/no_point.h"
#include "refrain/tokenizer.h"
#include "refrain/version.h"

namespace refrain {

using index_internal::Database;
using index_internal::Neighbour;
using index_internal::Query;
using index_internal::TermCounts;
using index_internal::UnitSearch;
using index_internal::UnitTerms;
namespace fs = std::filesystem;

namespace {

// 'RFRN': what PRAGMA application_id holds in a refrain index.
constexpr int64_t kApplicationId = 0x5246524e;

constexpr std::string_view kSchema = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE documents(
  id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, file TEXT NOT NULL, source TEXT NOT NULL,
  event TEXT NOT NULL, date TEXT NOT NULL, date_origin TEXT NOT NULL, metadata TEXT NOT NULL,
  bytes BLOB NOT NULL);
CREATE INDEX documents_by_source ON documents(source, date);
CREATE TABLE statements(
  id INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES documents(id),
  start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, speaker TEXT NOT NULL,
  turn INTEGER NOT NULL);
CREATE INDEX statements_by_doc ON statements(doc);
CREATE TABLE units(
  id INTEGER PRIMARY KEY, statement INTEGER NOT NULL REFERENCES statements(id),
  start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, terms BLOB NOT NULL);
CREATE INDEX units_by_statement ON units(statement);
CREATE TABLE vocabulary(
  id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE, df INTEGER NOT NULL,
  proper INTEGER NOT NULL, df_base INTEGER NOT NULL DEFAULT 0,
  max_tf INTEGER NOT NULL DEFAULT 0);
CREATE TABLE postings(term INTEGER NOT NULL, unit INTEGER NOT NULL, tf INTEGER NOT NULL,
                      s0 REAL NOT NULL, s1 REAL NOT NULL, s2 REAL NOT NULL,
                      PRIMARY KEY(term, unit)) WITHOUT ROWID;
CREATE TABLE points(id INTEGER PRIMARY KEY, core INTEGER NOT NULL,
                    stock INTEGER NOT NULL);  -- 0 point, 1 stock phrase, 2 ceremony
CREATE TABLE point_units(unit INTEGER NOT NULL, point INTEGER NOT NULL, score REAL NOT NULL,
                         PRIMARY KEY(unit, point));
CREATE INDEX point_units_by_point ON point_units(point);
)sql";

// What the stored points depend on beyond the meta keys of their own (min_events, min_words,
// include_questions), for whoever reads the file: the points are talking-points' with these.
std::string PointsSettings(const TalkingPointsOptions& points) {
  nlohmann::json settings = {
      {"claims", points.claims != nullptr},
      {"claims_min_events", points.claims_min_events},
      {"verify_variants", points.claims != nullptr && points.verify_variants},
      {"verify_threshold", points.verify.threshold},
      {"keep_ceremony", points.keep_ceremony},
      {"join_phrasings", points.join_phrasings},
      {"stock_edge_statements", points.stock_edge_statements},
      {"stock_min_docs", points.stock_min_docs},
      {"stock_edge_share", points.stock_edge_share},
      {"stock_min_share", points.stock_min_share},
  };
  return settings.dump();
}

}  // namespace

Status Index::Impl::Remove(int64_t id, index_internal::Vocabulary& vocabulary) {
  Result<Query> units_of = db.Prepare(
      "SELECT u.id, u.terms FROM units u JOIN statements s ON u.statement = s.id WHERE s.doc = ?");
  if (!units_of.ok()) return units_of.status();
  Result<Query> unpost = db.Prepare("DELETE FROM postings WHERE term = ? AND unit = ?");
  if (!unpost.ok()) return unpost.status();
  units_of->Bind(1, id);
  std::vector<std::pair<int64_t, TermCounts>> removed;
  while (units_of->Step())
    removed.emplace_back(units_of->Int(0), index_internal::UnpackTerms(units_of->Text(1)));
  REFRAIN_RETURN_IF_ERROR(units_of->status());
  for (const auto& [unit, terms] : removed)
    for (const auto& [term, count] : terms) {
      vocabulary.AddDf(term, -1);
      unpost->Bind(1, int64_t{term});
      unpost->Bind(2, unit);
      REFRAIN_RETURN_IF_ERROR(unpost->Run());
    }
  Result<Query> count = db.Prepare("SELECT COUNT(*) FROM statements WHERE doc = ?");
  if (!count.ok()) return count.status();
  count->Bind(1, id);
  if (!count->Step()) return count->status();
  statements -= static_cast<size_t>(count->Int(0));
  units -= removed.size();
  --documents;
  const std::string doc = std::to_string(id);
  return db.Exec(
      fmt::format("CREATE TEMP TABLE IF NOT EXISTS removed_units(id INTEGER PRIMARY KEY);"
                  "DELETE FROM removed_units;"
                  "INSERT INTO removed_units SELECT u.id FROM units u JOIN statements s "
                  "  ON u.statement = s.id WHERE s.doc = {0};"
                  "DELETE FROM point_units WHERE point IN "
                  "  (SELECT id FROM points WHERE core IN (SELECT id FROM removed_units));"
                  "DELETE FROM points WHERE core IN (SELECT id FROM removed_units);"
                  "DELETE FROM point_units WHERE unit IN (SELECT id FROM removed_units);"
                  "DELETE FROM units WHERE id IN (SELECT id FROM removed_units);"
                  "DELETE FROM statements WHERE doc = {0}; DELETE FROM documents WHERE id = {0};",
                  doc));
}

Status Index::Impl::Write(const Corpus& corpus, const std::vector<Unit>& units,
                          const std::vector<std::vector<std::pair<std::string, uint32_t>>>& terms,
                          const std::set<std::string>& proper_nouns,
                          index_internal::Vocabulary& vocabulary, IndexUpdate* update,
                          std::vector<int64_t>* unit_ids, std::vector<int64_t>* doc_ids) {
  Result<Query> find = db.Prepare("SELECT id, bytes FROM documents WHERE path = ?");
  Result<Query> insert_doc = db.Prepare(
      "INSERT INTO documents(path, file, source, event, date, date_origin, metadata, bytes) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  Result<Query> insert_statement = db.Prepare(
      "INSERT INTO statements(doc, start, end, text, speaker, turn) VALUES (?, ?, ?, ?, ?, ?)");
  Result<Query> insert_unit =
      db.Prepare("INSERT INTO units(statement, start, end, text, terms) VALUES (?, ?, ?, ?, ?)");
  Result<Query> insert_posting =
      db.Prepare("INSERT INTO postings(term, unit, tf, s0, s1, s2) VALUES (?, ?, ?, ?, ?, ?)");
  for (Result<Query>* q : {&find, &insert_doc, &insert_statement, &insert_unit, &insert_posting})
    if (!q->ok()) return q->status();
  if (unit_ids) unit_ids->assign(units.size(), 0);
  if (doc_ids) doc_ids->assign(corpus.documents.size(), 0);

  // Units are in statement order, statements in document order: walk them together.
  size_t next_statement = 0, next_unit = 0;
  TermCounts counts;
  // The units written, for their postings with the unit's norm sums once the vocabulary's
  // df_base is set (Flush).
  std::vector<std::pair<int64_t, TermCounts>> written;
  for (uint32_t d = 0; d < corpus.documents.size(); ++d) {
    const Document& doc = corpus.documents[d];
    const size_t first_statement = next_statement;
    while (next_statement < corpus.statements.size() && corpus.statements[next_statement].doc == d)
      ++next_statement;
    find->Bind(1, doc.path);
    bool replacing = false;
    if (find->Step()) {
      const int64_t id = find->Int(0);
      const bool same = find->Text(1) == doc.bytes;
      find->Reset();
      if (same) {
        ++update->unchanged;
        while (next_unit < units.size() && units[next_unit].statement < next_statement) ++next_unit;
        continue;
      }
      REFRAIN_RETURN_IF_ERROR(Remove(id, vocabulary));
      replacing = true;
    } else {
      REFRAIN_RETURN_IF_ERROR(find->status());
      find->Reset();
    }
    nlohmann::json metadata = nlohmann::json::array();
    for (const auto& [key, value] : doc.metadata) metadata.push_back({key, value});
    insert_doc->Bind(1, doc.path);
    insert_doc->Bind(2, doc.file.string());
    insert_doc->Bind(3, doc.source);
    insert_doc->Bind(4, doc.event);
    insert_doc->Bind(5, doc.date.ToString());
    insert_doc->Bind(6, doc.date_origin);
    insert_doc->Bind(7, metadata.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    insert_doc->BindBlob(8, doc.bytes);
    REFRAIN_RETURN_IF_ERROR(insert_doc->Run());
    const int64_t doc_id = sqlite3_last_insert_rowid(db.handle());
    if (doc_ids) (*doc_ids)[d] = doc_id;
    for (size_t s = first_statement; s < next_statement; ++s) {
      const Statement& statement = corpus.statements[s];
      insert_statement->Bind(1, doc_id);
      insert_statement->Bind(2, static_cast<int64_t>(statement.start));
      insert_statement->Bind(3, static_cast<int64_t>(statement.end));
      insert_statement->Bind(4, statement.text);
      insert_statement->Bind(5, statement.speaker);
      insert_statement->Bind(6, static_cast<int64_t>(statement.turn));
      REFRAIN_RETURN_IF_ERROR(insert_statement->Run());
      const int64_t statement_id = sqlite3_last_insert_rowid(db.handle());
      for (; next_unit < units.size() && units[next_unit].statement == s; ++next_unit) {
        const Unit& unit = units[next_unit];
        counts.clear();
        for (const auto& [term, count] : terms[next_unit]) {
          Result<int64_t> id =
              vocabulary.Id(term, /*create=*/true,
                            (!term.empty() && term.back() == '_') || proper_nouns.count(term));
          if (!id.ok()) return id.status();
          counts.emplace_back(static_cast<uint32_t>(*id), count);
          vocabulary.AddDf(*id, 1);
          vocabulary.RaiseMaxTf(*id, count);
        }
        std::sort(counts.begin(), counts.end());
        insert_unit->Bind(1, statement_id);
        insert_unit->Bind(2, static_cast<int64_t>(unit.start));
        insert_unit->Bind(3, static_cast<int64_t>(unit.end));
        insert_unit->Bind(4, unit.text);
        insert_unit->BindBlob(5, index_internal::PackTerms(counts));
        REFRAIN_RETURN_IF_ERROR(insert_unit->Run());
        const int64_t unit_id = sqlite3_last_insert_rowid(db.handle());
        if (unit_ids) (*unit_ids)[next_unit] = unit_id;
        written.emplace_back(unit_id, counts);
        ++update->units;
        ++this->units;
      }
    }
    update->statements += next_statement - first_statement;
    statements += next_statement - first_statement;
    ++documents;
    ++(replacing ? update->replaced : update->added);
  }
  REFRAIN_RETURN_IF_ERROR(vocabulary.Flush());
  Status status;
  for (const auto& [unit_id, unit_terms] : written) {
    const index_internal::UnitNorm sums = index_internal::NormSums(unit_terms, vocabulary, &status);
    REFRAIN_RETURN_IF_ERROR(status);
    for (const auto& [term, count] : unit_terms) {
      insert_posting->Bind(1, int64_t{term});
      insert_posting->Bind(2, unit_id);
      insert_posting->Bind(3, int64_t{count});
      insert_posting->BindReal(4, sums.s0);
      insert_posting->BindReal(5, sums.s1);
      insert_posting->BindReal(6, sums.s2);
      REFRAIN_RETURN_IF_ERROR(insert_posting->Run());
    }
  }
  return Status::Ok();
}

Status Index::Impl::Assign(const Corpus& corpus, const std::vector<Unit>& units,
                           const std::vector<TermCounts>& terms,
                           const std::vector<int64_t>& unit_ids,
                           const std::vector<int64_t>& doc_ids,
                           index_internal::Vocabulary& vocabulary) {
  const std::vector<char> no_point =
      internal::UnitsMakingNoPoint(corpus, units, min_words, include_questions);
  UnitSearch search(&db, &vocabulary, threshold, mismatch_factor);
  search.total_units = static_cast<int64_t>(this->units);
  index_internal::PointChooser chooser(&db, min_events);
  Result<Query> join = db.Prepare("INSERT INTO point_units(unit, point, score) VALUES (?, ?, ?)");
  Result<Query> make = db.Prepare("INSERT INTO points(core, stock) VALUES (?, 0)");
  if (!join.ok()) return join.status();
  if (!make.ok()) return make.status();
  for (size_t u = 0; u < units.size(); ++u) {
    if (unit_ids[u] == 0 || no_point[u]) continue;
    // A later document's unit may have joined an earlier one's new point already.
    Result<int64_t> assigned = chooser.PointOf(unit_ids[u]);
    if (!assigned.ok()) return assigned.status();
    if (*assigned > 0) continue;
    const int64_t doc = doc_ids[units[u].doc];
    Result<std::vector<Neighbour>> found = search.Search(terms[u], {}, doc);
    if (!found.ok()) return found.status();
    Result<index_internal::Choice> choice =
        chooser.Choose(search, *found, corpus.documents[units[u].doc].event, units[u].statement);
    if (!choice.ok()) return choice.status();
    if (choice->point > 0) {
      join->Bind(1, unit_ids[u]);
      join->Bind(2, choice->point);
      join->BindReal(3, choice->score);
      REFRAIN_RETURN_IF_ERROR(join->Run());
    } else if (!choice->forming.empty()) {
      make->Bind(1, unit_ids[u]);
      REFRAIN_RETURN_IF_ERROR(make->Run());
      const int64_t point = sqlite3_last_insert_rowid(db.handle());
      chooser.Formed(point, units[u].statement, choice->forming);
      join->Bind(1, unit_ids[u]);
      join->Bind(2, point);
      join->BindReal(3, 1.0);
      REFRAIN_RETURN_IF_ERROR(join->Run());
      for (const Neighbour& n : choice->forming) {
        join->Bind(1, n.unit);
        join->Bind(2, point);
        join->BindReal(3, n.score);
        REFRAIN_RETURN_IF_ERROR(join->Run());
      }
    }
  }
  return Status::Ok();
}

namespace {

// The first 100 bytes of an SQLite file say what it is (https://sqlite.org/fileformat.html):
// checked before SQLite reads further, so that a foreign, truncated or newer file gets its own
// message rather than "malformed".
Status CheckHeader(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  char header[100] = {};
  in.read(header, sizeof header);
  const auto be = [&](size_t offset, size_t bytes) {
    uint64_t value = 0;
    for (size_t i = 0; i < bytes; ++i)
      value = value << 8 | static_cast<unsigned char>(header[offset + i]);
    return value;
  };
  if (in.gcount() < static_cast<std::streamsize>(sizeof header) ||
      std::string_view(header, 16) != std::string_view("SQLite format 3\0", 16))
    return Status::BadInput(
        fmt::format("{}: not a refrain index (not an SQLite database)", file.string()));
  if (be(68, 4) != kApplicationId)
    return Status::BadInput(fmt::format(
        "{}: not a refrain index (an SQLite database of another program)", file.string()));
  if (be(60, 4) != kIndexFormatVersion)
    return Status::BadInput(
        fmt::format("{}: index format version {}, this refrain ({}) reads version {}: rebuild it "
                    "with `refrain index build`",
                    file.string(), be(60, 4), kVersion, kIndexFormatVersion));
  const uint64_t page_size = be(16, 2) == 1 ? 65536 : be(16, 2);
  const uint64_t expected = page_size * be(28, 4);
  std::error_code error;
  const uintmax_t size = fs::file_size(file, error);
  if (!error && size < expected)
    return Status::BadInput(
        fmt::format("{}: truncated index: {} bytes of the {} its header promises", file.string(),
                    size, expected));
  return Status::Ok();
}

}  // namespace

// Reads the meta table (CheckHeader has vouched for the file).
Status Index::Impl::Load() {
  for (auto [key, slot] : {std::pair{"documents", &documents}, std::pair{"statements", &statements},
                           std::pair{"units", &units}}) {
    Result<std::string> value = Meta(key);
    if (!value.ok()) return value.status();
    *slot = std::stoull(*value);
  }
  std::map<std::string, std::string> values;
  for (const char* key : {"root", "clauses", "threshold", "object_mismatch_factor", "min_events",
                          "min_words", "include_questions", "aliases", "points"}) {
    Result<std::string> value = Meta(key);
    if (!value.ok()) return value.status();
    values[key] = *value;
  }
  root = values["root"];
  points_settings = values["points"];
  clauses = values["clauses"] == "1";
  include_questions = values["include_questions"] == "1";
  try {
    threshold = std::stod(values["threshold"]);
    mismatch_factor = std::stod(values["object_mismatch_factor"]);
    min_events = std::stoi(values["min_events"]);
    min_words = std::stoi(values["min_words"]);
  } catch (const std::exception&) {
    return Status::BadInput(fmt::format("{}: corrupt: unreadable settings", file.string()));
  }
  nlohmann::json groups = nlohmann::json::parse(values["aliases"], nullptr, false);
  if (!groups.is_array())
    return Status::BadInput(fmt::format("{}: corrupt: unreadable alias groups", file.string()));
  std::vector<std::vector<std::string>> forms;
  for (const auto& group : groups) {
    forms.emplace_back();
    if (group.is_array())
      for (const auto& form : group)
        if (form.is_string()) forms.back().push_back(form.get<std::string>());
  }
  aliases = AliasTable::FromGroups(forms);
  return Status::Ok();
}

Index::Index(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;
Index::~Index() = default;

size_t Index::documents() const { return impl_->documents; }
size_t Index::statements() const { return impl_->statements; }
size_t Index::units() const { return impl_->units; }
const fs::path& Index::root() const { return impl_->root; }
bool Index::clauses() const { return impl_->clauses; }

Result<Index> Index::Build(const std::vector<fs::path>& inputs, const fs::path& file,
                           const IndexOptions& options) {
  if (options.corpus.reader.lines)
    return Status::BadUsage("an index holds documents: --lines input cannot be indexed");
  if (options.match.ngram_max != 1 || !options.match.stem || !options.match.stop_words)
    return Status::BadUsage("an index stores unigrams, stemmed, stop words out");
  // Add would have to re-read the file to apply it to new documents; the index has no place
  // for it yet.
  if (!options.match.exclude_file.empty())
    return Status::BadUsage(
        "an index does not store --exclude phrases; run talking-points --exclude on the corpus");
  REFRAIN_RETURN_IF_ERROR(Validate(options.points));
  Result<Corpus> corpus = refrain::LoadCorpus(inputs, options.corpus);
  if (!corpus.ok()) return corpus.status();
  MatchOptions match = options.match;
  match.clauses = options.clauses;
  // The talking points over the whole corpus, as `refrain talking-points` finds them, stored.
  Result<Matcher> matcher = Matcher::Build(*corpus, Matcher::CutUnits(*corpus, match), match);
  if (!matcher.ok()) return matcher.status();
  Result<TalkingPoints> points = FindTalkingPoints(*corpus, *matcher, options.points);
  if (!points.ok()) return points.status();
  const std::vector<Unit>& units = matcher->units();

  // Written beside the target and renamed over it once complete: a failed build leaves the
  // old file (or none), never half an index.
  const fs::path temporary = fs::path(file.string() + fmt::format(".tmp-{}", getpid()));
  fs::remove(temporary);
  auto impl = std::make_unique<Impl>();
  impl->file = file;
  Result<Database> db = Database::Open(temporary.string(), /*create=*/true);
  if (!db.ok()) return db.status();
  impl->db = std::move(*db);
  std::error_code error;
  impl->root = fs::weakly_canonical(fs::absolute(corpus->root), error);
  impl->clauses = options.clauses;
  impl->threshold = match.threshold;
  impl->mismatch_factor = match.object_mismatch_factor;
  impl->min_events = options.points.min_events;
  impl->min_words = options.points.min_words;
  impl->include_questions = options.points.include_questions;
  impl->points_settings = PointsSettings(options.points);
  impl->aliases = matcher->aliases();

  // Each unit's terms counted as the matcher counts them (its rows hold weights, not counts).
  Result<UnitTerms> unit_terms = impl->Terms();
  if (!unit_terms.ok()) return unit_terms.status();
  std::vector<std::vector<std::pair<std::string, uint32_t>>> terms(units.size());
  for (size_t u = 0; u < units.size(); ++u)
    if (!units[u].excluded) terms[u] = unit_terms->Count(units[u].text);

  IndexUpdate update;
  index_internal::Vocabulary vocabulary(&impl->db);
  std::vector<int64_t> unit_ids;
  Status status =
      impl->db.Exec(fmt::format("PRAGMA application_id = {}; PRAGMA user_version = {}; "
                                "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN;",
                                kApplicationId, kIndexFormatVersion));
  if (status.ok()) status = impl->db.Exec(kSchema);
  if (status.ok()) status = impl->SaveSettings();
  // The vocabulary first, with the matcher's proper-noun flags.
  if (status.ok()) {
    const refrain::Vocabulary& columns = matcher->vocabulary();
    Result<Query> insert =
        impl->db.Prepare("INSERT INTO vocabulary(id, term, df, proper) VALUES (?, ?, 0, ?)");
    if (!insert.ok()) status = insert.status();
    for (int32_t c = 0; status.ok() && c < static_cast<int32_t>(columns.size()); ++c) {
      insert->Bind(1, int64_t{c} + 1);
      insert->Bind(2, columns.term(c));
      insert->Bind(3, int64_t{matcher->IsProperNoun(c)});
      status = insert->Run();
    }
  }
  if (status.ok())
    status = impl->Write(*corpus, units, terms, {}, vocabulary, &update, &unit_ids, nullptr);
  if (status.ok()) {
    Result<Query> point = impl->db.Prepare("INSERT INTO points(core, stock) VALUES (?, ?)");
    Result<Query> member =
        impl->db.Prepare("INSERT INTO point_units(unit, point, score) VALUES (?, ?, ?)");
    if (!point.ok()) status = point.status();
    if (!member.ok()) status = member.status();
    // stock: 0 a talking point, 1 a stock phrase, 2 ceremony (FindTalkingPoints lists it apart).
    for (const int64_t stock : {0, 1, 2})
      for (const TalkingPoint& p : stock == 0   ? points->points
                                   : stock == 1 ? points->stock_phrases
                                                : points->ceremony) {
        if (!status.ok()) break;
        point->Bind(1, unit_ids[p.representative().index]);
        point->Bind(2, stock);
        status = point->Run();
        const int64_t id = sqlite3_last_insert_rowid(impl->db.handle());
        for (const PointVariant& v : p.variants) {
          if (!status.ok()) break;
          member->Bind(1, unit_ids[v.index]);
          member->Bind(2, id);
          member->BindReal(3, v.score);
          status = member->Run();
        }
      }
  }
  if (status.ok()) status = impl->SaveCounts();
  if (status.ok()) status = impl->db.Exec("COMMIT");
  if (!status.ok()) {
    impl->db = Database();
    fs::remove(temporary, error);
    return status;
  }
  impl->db = Database();
  fs::rename(temporary, file, error);
  if (error)
    return Status::IoError(
        fmt::format("{}: cannot write the index: {}", file.string(), error.message()));
  return Open(file);
}

Result<Index> Index::Open(const fs::path& file) {
  std::error_code error;
  if (!fs::is_regular_file(file, error))
    return Status::BadInput(fmt::format("{}: no such index file", file.string()));
  REFRAIN_RETURN_IF_ERROR(CheckHeader(file));
  auto impl = std::make_unique<Impl>();
  impl->file = file;
  Result<Database> db = Database::Open(file.string(), /*create=*/false);
  if (!db.ok()) return db.status();
  impl->db = std::move(*db);
  // A match reads a few thousand scattered rows: mapped, they cost page faults, not a read
  // system call and a copy each; a larger cache keeps the postings' inner pages.
  REFRAIN_RETURN_IF_ERROR(
      impl->db.Exec("PRAGMA mmap_size = 4294967296; PRAGMA cache_size = -65536;"));
  REFRAIN_RETURN_IF_ERROR(impl->Load());
  return Index(std::move(impl));
}

Result<IndexUpdate> Index::Add(const std::vector<fs::path>& files, const CorpusOptions& corpus) {
  if (corpus.reader.lines)
    return Status::BadUsage("an index holds documents: --lines input cannot be indexed");
  Result<Corpus> added = refrain::LoadCorpus(files, corpus);
  if (!added.ok()) return added.status();
  index_internal::Reroot(*added, impl_->root);
  MatchOptions match;
  match.clauses = impl_->clauses;
  const std::vector<Unit> units = Matcher::CutUnits(*added, match);
  Result<UnitTerms> unit_terms = impl_->Terms();
  if (!unit_terms.ok()) return unit_terms.status();
  std::vector<std::vector<std::pair<std::string, uint32_t>>> terms(units.size());
  for (size_t u = 0; u < units.size(); ++u) terms[u] = unit_terms->Count(units[u].text);
  Result<std::set<std::string>> proper_nouns = Matcher::ProperNouns(*added, match);
  if (!proper_nouns.ok()) return proper_nouns.status();
  IndexUpdate update;
  update.warnings = added->warnings;
  const size_t documents = impl_->documents, statements = impl_->statements,
               unit_count = impl_->units;
  index_internal::Vocabulary vocabulary(&impl_->db);
  std::vector<int64_t> unit_ids, doc_ids;
  Status status = impl_->db.Exec("BEGIN IMMEDIATE");
  if (status.ok())
    status =
        impl_->Write(*added, units, terms, *proper_nouns, vocabulary, &update, &unit_ids, &doc_ids);
  if (status.ok()) {
    // The stored counts of the written units, by term id, for the search.
    std::vector<TermCounts> counts(units.size());
    for (size_t u = 0; status.ok() && u < units.size(); ++u)
      for (const auto& [term, count] : terms[u]) {
        Result<int64_t> id = vocabulary.Id(term, /*create=*/false);
        if (!id.ok()) {
          status = id.status();
          break;
        }
        counts[u].emplace_back(static_cast<uint32_t>(*id), count);
      }
    if (status.ok()) status = impl_->Assign(*added, units, counts, unit_ids, doc_ids, vocabulary);
  }
  if (status.ok()) status = impl_->SaveCounts();
  if (status.ok()) status = impl_->db.Exec("COMMIT");
  if (!status.ok()) {
    // The error that made the transaction fail is the one to report; a failed ROLLBACK leaves
    // SQLite to roll back when the file is next opened.
    (void)impl_->db.Exec("ROLLBACK");
    impl_->documents = documents;
    impl_->statements = statements;
    impl_->units = unit_count;
    return status;
  }
  return update;
}

size_t Index::DocumentFrequency(const std::string& term) const {
  Result<Query> q = impl_->db.Prepare("SELECT df FROM vocabulary WHERE term = ?");
  if (!q.ok()) return 0;
  q->Bind(1, term);
  return q->Step() ? static_cast<size_t>(q->Int(0)) : 0;
}

Result<Corpus> Index::LoadCorpus(std::vector<Unit>* units) const {
  Corpus corpus;
  corpus.root = impl_->root;
  Database& db = impl_->db;
  Result<Query> docs = db.Prepare(
      "SELECT id, path, file, source, event, date, date_origin, metadata, bytes FROM documents "
      "ORDER BY path");
  if (!docs.ok()) return docs.status();
  std::unordered_map<int64_t, uint32_t> doc_index;
  while (docs->Step()) {
    Document doc;
    doc.path = docs->Text(1);
    doc.file = docs->Text(2);
    doc.source = docs->Text(3);
    doc.event = docs->Text(4);
    const std::string date = docs->Text(5);
    if (!date.empty()) {
      std::optional<Date> parsed = Date::Parse(date);
      if (!parsed)
        return Status::BadInput(fmt::format("{}: corrupt: document {} has the date '{}'",
                                            impl_->file.string(), doc.path, date));
      doc.date = *parsed;
    }
    doc.date_origin = docs->Text(6);
    nlohmann::json metadata = nlohmann::json::parse(docs->Text(7), nullptr, false);
    if (!metadata.is_array())
      return Status::BadInput(fmt::format("{}: corrupt: document {} has unreadable metadata",
                                          impl_->file.string(), doc.path));
    for (const auto& entry : metadata)
      if (entry.is_array() && entry.size() == 2 && entry[0].is_string() && entry[1].is_string())
        doc.metadata.emplace_back(entry[0].get<std::string>(), entry[1].get<std::string>());
    doc.bytes = docs->Text(8);
    // The visible text is not stored (version 2): the bytes stand for it, which is exact for
    // plain text, where the reader shows the bytes as they are. Statements of marked-up files
    // then map back onto the file whole, not clause by clause.
    doc.text.AppendCopy(doc.bytes, 0);
    doc_index.emplace(docs->Int(0), static_cast<uint32_t>(corpus.documents.size()));
    corpus.documents.push_back(std::move(doc));
  }
  REFRAIN_RETURN_IF_ERROR(docs->status());

  // Statements in (document path, start) order, as a corpus read from the files has them.
  Result<Query> statements = db.Prepare(
      "SELECT s.id, s.doc, s.start, s.end, s.text, s.speaker, s.turn FROM statements s "
      "JOIN documents d ON s.doc = d.id ORDER BY d.path, s.start, s.id");
  if (!statements.ok()) return statements.status();
  std::unordered_map<int64_t, uint32_t> statement_index;
  corpus.statements.reserve(impl_->statements);
  while (statements->Step()) {
    Statement s;
    s.id = corpus.statements.size();
    auto doc = doc_index.find(statements->Int(1));
    if (doc == doc_index.end())
      return Status::BadInput(
          fmt::format("{}: corrupt: a statement of no document", impl_->file.string()));
    s.doc = doc->second;
    s.start = static_cast<uint64_t>(statements->Int(2));
    s.end = static_cast<uint64_t>(statements->Int(3));
    s.text = statements->Text(4);
    s.speaker = statements->Text(5);
    const int64_t turn = statements->Int(6);
    if (turn < 0 || turn > static_cast<int64_t>(TurnKind::kAnswer))
      return Status::BadInput(
          fmt::format("{}: corrupt: a statement's turn is {}", impl_->file.string(), turn));
    s.turn = static_cast<TurnKind>(turn);
    statement_index.emplace(statements->Int(0), static_cast<uint32_t>(s.id));
    corpus.statements.push_back(std::move(s));
  }
  REFRAIN_RETURN_IF_ERROR(statements->status());
  if (!units) return corpus;

  Result<Query> rows = db.Prepare("SELECT statement, start, end, text FROM units ORDER BY id");
  if (!rows.ok()) return rows.status();
  units->clear();
  units->reserve(impl_->units);
  while (rows->Step()) {
    auto s = statement_index.find(rows->Int(0));
    if (s == statement_index.end())
      return Status::BadInput(
          fmt::format("{}: corrupt: a unit of no statement", impl_->file.string()));
    Unit unit;
    unit.statement = s->second;
    unit.doc = corpus.statements[s->second].doc;
    unit.start = static_cast<uint64_t>(rows->Int(1));
    unit.end = static_cast<uint64_t>(rows->Int(2));
    unit.text = rows->Text(3);
    units->push_back(std::move(unit));
  }
  REFRAIN_RETURN_IF_ERROR(rows->status());
  // Stored in insertion order; the corpus's statement order is by path.
  std::stable_sort(units->begin(), units->end(),
                   [](const Unit& a, const Unit& b) { return a.statement < b.statement; });
  return corpus;
}

namespace index_internal {

// `path` relative to `root` when it lies under it, else "".
std::string RelativeUnder(const fs::path& path, const fs::path& root) {
  std::error_code error;
  const fs::path absolute = fs::weakly_canonical(fs::absolute(path), error);
  if (error || root.empty()) return "";
  const fs::path relative = absolute.lexically_relative(root);
  if (relative.empty() || *relative.begin() == "..") return "";
  return relative.generic_string();
}

// Re-roots the documents of `corpus` at `root` where they lie under it, so that a file added
// or matched later has the path (and source, and default event) it would have had in the
// corpus the index was built from.
void Reroot(Corpus& corpus, const fs::path& root) {
  for (Document& doc : corpus.documents) {
    const std::string path = RelativeUnder(doc.file, root);
    if (path.empty() || path == doc.path) continue;
    if (doc.event == doc.path) doc.event = path;
    doc.path = path;
    const size_t slash = path.rfind('/');
    doc.source = slash == std::string::npos ? "" : path.substr(0, slash);
  }
}

}  // namespace index_internal

}  // namespace refrain
