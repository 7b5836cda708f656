// The index file: one SQLite database. Schema (format version kIndexFormatVersion, in
// PRAGMA user_version; PRAGMA application_id marks the file as refrain's):
//
//   meta(key, value)                 refrain_version, root (the corpus folder), clauses,
//                                    documents / statements / units (counts)
//   documents(id, path UNIQUE, file, source, event, date, date_origin, metadata JSON, bytes)
//   statements(id, doc, start, end, text, speaker, turn)   byte offsets into documents.bytes;
//                                    a transcript's speaker and TurnKind
//   units(id, statement, start, end, text)         the matcher's clauses (Matcher::CutUnits)
//   terms(term, df)                  units holding each tokenizer term (stemmed, stop words
//                                    out, before alias rewriting): counts, so exact after Add
//
// Claims (issue 15) are not stored yet: they will be a `claims(unit, ...)` table and format
// version 2; a version-1 file is then refused with a message to rebuild it, never misread.
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

#include "index/index_internal.h"
#include "index/sqlite.h"
#include "refrain/tokenizer.h"
#include "refrain/version.h"

namespace refrain {

using index_internal::Database;
using index_internal::Query;
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
CREATE TABLE statements(
  id INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES documents(id),
  start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, speaker TEXT NOT NULL,
  turn INTEGER NOT NULL);
CREATE INDEX statements_by_doc ON statements(doc);
CREATE TABLE units(
  id INTEGER PRIMARY KEY, statement INTEGER NOT NULL REFERENCES statements(id),
  start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL);
CREATE INDEX units_by_statement ON units(statement);
CREATE TABLE terms(term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
)sql";

// The tokenizer the stored document frequencies count with: the matcher's defaults.
TokenizerOptions TermTokenizerOptions() {
  TokenizerOptions options;
  options.stem = MatchOptions{}.stem;
  options.stop_words = MatchOptions{}.stop_words;
  return options;
}

}  // namespace

struct Index::Impl {
  Database db;
  fs::path file;
  fs::path root;
  bool clauses = true;
  size_t documents = 0, statements = 0, units = 0;

  Result<std::string> Meta(std::string_view key) {
    Result<Query> q = db.Prepare("SELECT value FROM meta WHERE key = ?");
    if (!q.ok()) return q.status();
    q->Bind(1, key);
    if (!q->Step()) {
      if (!q->status().ok()) return q->status();
      return Status::BadInput(
          fmt::format("{}: not a complete refrain index (no '{}')", file.string(), key));
    }
    return q->Text(0);
  }
  Status SetMeta(std::string_view key, std::string_view value) {
    Result<Query> q = db.Prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)");
    if (!q.ok()) return q.status();
    q->Bind(1, key);
    q->Bind(2, value);
    return q->Run();
  }
  Status SaveCounts() {
    REFRAIN_RETURN_IF_ERROR(SetMeta("documents", std::to_string(documents)));
    REFRAIN_RETURN_IF_ERROR(SetMeta("statements", std::to_string(statements)));
    return SetMeta("units", std::to_string(units));
  }
  // Writes the documents of `corpus` with their statements and `units` (CutUnits of it), and
  // their terms' counts; a path already there is replaced or, with the same bytes, kept.
  // Runs inside the caller's transaction.
  Status Write(const Corpus& corpus, const std::vector<Unit>& units, IndexUpdate* update);
  // Removes document `id` and what hangs on it, taking its units out of the term counts.
  Status Remove(int64_t id, Tokenizer& tokenizer);
  // Adds `delta` to the count of every distinct term of `text`, in term_deltas.
  void CountTerms(std::string_view text, int64_t delta, Tokenizer& tokenizer);
  // Writes term_deltas into the terms table; drops terms no unit holds any more.
  Status FlushTerms();

  std::unordered_map<std::string, int64_t> term_deltas;
  TokenList tokens;
  std::set<std::string_view> distinct;
  Status Load();
};

void Index::Impl::CountTerms(std::string_view text, int64_t delta, Tokenizer& tokenizer) {
  tokenizer.Tokenize(text, &tokens);
  distinct.clear();
  for (size_t i = 0; i < tokens.size(); ++i) distinct.insert(tokens[i]);
  for (std::string_view term : distinct) term_deltas[std::string(term)] += delta;
}

Status Index::Impl::FlushTerms() {
  Result<Query> upsert = db.Prepare(
      "INSERT INTO terms(term, df) VALUES (?1, ?2) ON CONFLICT(term) DO UPDATE SET df = df + ?2");
  if (!upsert.ok()) return upsert.status();
  for (const auto& [term, delta] : term_deltas) {
    if (delta == 0) continue;
    upsert->Bind(1, term);
    upsert->Bind(2, delta);
    REFRAIN_RETURN_IF_ERROR(upsert->Run());
  }
  term_deltas.clear();
  return db.Exec("DELETE FROM terms WHERE df <= 0");
}

Status Index::Impl::Remove(int64_t id, Tokenizer& tokenizer) {
  Result<Query> texts = db.Prepare(
      "SELECT u.text FROM units u JOIN statements s ON u.statement = s.id WHERE s.doc = ?");
  if (!texts.ok()) return texts.status();
  texts->Bind(1, id);
  size_t removed_units = 0;
  while (texts->Step()) {
    CountTerms(texts->Text(0), -1, tokenizer);
    ++removed_units;
  }
  REFRAIN_RETURN_IF_ERROR(texts->status());
  Result<Query> count = db.Prepare("SELECT COUNT(*) FROM statements WHERE doc = ?");
  if (!count.ok()) return count.status();
  count->Bind(1, id);
  if (!count->Step()) return count->status();
  statements -= static_cast<size_t>(count->Int(0));
  units -= removed_units;
  --documents;
  const std::string doc = std::to_string(id);
  return db.Exec(fmt::format(
      "DELETE FROM units WHERE statement IN (SELECT id FROM statements WHERE doc = {0});"
      "DELETE FROM statements WHERE doc = {0}; DELETE FROM documents WHERE id = {0};",
      doc));
}

Status Index::Impl::Write(const Corpus& corpus, const std::vector<Unit>& units,
                          IndexUpdate* update) {
  Result<Tokenizer> tokenizer = Tokenizer::Create(TermTokenizerOptions());
  if (!tokenizer.ok()) return tokenizer.status();
  Result<Query> find = db.Prepare("SELECT id, bytes FROM documents WHERE path = ?");
  Result<Query> insert_doc = db.Prepare(
      "INSERT INTO documents(path, file, source, event, date, date_origin, metadata, bytes) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  Result<Query> insert_statement =
      db.Prepare(
          "INSERT INTO statements(doc, start, end, text, speaker, turn) VALUES (?, ?, ?, ?, ?, ?)");
  Result<Query> insert_unit =
      db.Prepare("INSERT INTO units(statement, start, end, text) VALUES (?, ?, ?, ?)");
  for (Result<Query>* q : {&find, &insert_doc, &insert_statement, &insert_unit})
    if (!q->ok()) return q->status();

  // Units are in statement order, statements in document order: walk them together.
  size_t next_statement = 0, next_unit = 0;
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
      REFRAIN_RETURN_IF_ERROR(Remove(id, *tokenizer));
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
        insert_unit->Bind(1, statement_id);
        insert_unit->Bind(2, static_cast<int64_t>(unit.start));
        insert_unit->Bind(3, static_cast<int64_t>(unit.end));
        insert_unit->Bind(4, unit.text);
        REFRAIN_RETURN_IF_ERROR(insert_unit->Run());
        CountTerms(unit.text, 1, *tokenizer);
        ++update->units;
        ++this->units;
      }
    }
    update->statements += next_statement - first_statement;
    statements += next_statement - first_statement;
    ++documents;
    ++(replacing ? update->replaced : update->added);
  }
  REFRAIN_RETURN_IF_ERROR(FlushTerms());
  return SaveCounts();
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
  Result<std::string> root_value = Meta("root");
  if (!root_value.ok()) return root_value.status();
  root = *root_value;
  Result<std::string> clauses_value = Meta("clauses");
  if (!clauses_value.ok()) return clauses_value.status();
  clauses = *clauses_value == "1";
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
  Result<Corpus> corpus = refrain::LoadCorpus(inputs, options.corpus);
  if (!corpus.ok()) return corpus.status();
  if (options.corpus.reader.lines)
    return Status::BadUsage("an index holds documents: --lines input cannot be indexed");
  MatchOptions match;
  match.clauses = options.clauses;
  const std::vector<Unit> units = Matcher::CutUnits(*corpus, match);

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
  IndexUpdate update;
  Status status =
      impl->db.Exec(fmt::format("PRAGMA application_id = {}; PRAGMA user_version = {}; BEGIN;",
                                kApplicationId, kIndexFormatVersion));
  if (status.ok()) status = impl->db.Exec(kSchema);
  if (status.ok()) status = impl->SetMeta("refrain_version", kVersion);
  if (status.ok()) status = impl->SetMeta("root", impl->root.string());
  if (status.ok()) status = impl->SetMeta("clauses", options.clauses ? "1" : "0");
  if (status.ok()) status = impl->Write(*corpus, units, &update);
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
  IndexUpdate update;
  update.warnings = added->warnings;
  const size_t documents = impl_->documents, statements = impl_->statements,
               unit_count = impl_->units;
  Status status = impl_->db.Exec("BEGIN IMMEDIATE");
  if (status.ok()) status = impl_->Write(*added, units, &update);
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
  Result<Query> q = impl_->db.Prepare("SELECT df FROM terms WHERE term = ?");
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
