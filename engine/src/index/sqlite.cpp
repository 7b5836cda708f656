#include "index/sqlite.h"

#include <fmt/format.h>

#include <utility>

namespace refrain::index_internal {

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      file_(std::move(other.file_)),
      cached_(std::move(other.cached_)) {
  Repoint();
}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    cached_.clear();
    if (db_) sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    file_ = std::move(other.file_);
    cached_ = std::move(other.cached_);
    Repoint();
  }
  return *this;
}

Database::~Database() {
  cached_.clear();  // statements are finalized before their connection closes
  if (db_) sqlite3_close_v2(db_);
}

void Database::Repoint() {
  for (auto& [sql, query] : cached_) query->db_ = this;
}

Result<Database> Database::Open(const std::string& file, bool create) {
  Database db;
  db.file_ = file;
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  const int code = sqlite3_open_v2(file.c_str(), &db.db_, flags, nullptr);
  if (code != SQLITE_OK) return db.Error(code, "cannot open the index");
  sqlite3_extended_result_codes(db.db_, 1);
  return db;
}

Status Database::Error(int code, std::string_view doing) const {
  const char* detail = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
  switch (code & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::BadInput(
          fmt::format("{}: corrupt index ({}): rebuild it with `refrain "
                      "index build`",
                      file_, detail));
    default:
      break;
  }
  const std::string message = fmt::format("{}: {}: {}", file_, doing, detail);
  switch (code & 0xff) {
    case SQLITE_FORMAT:
    case SQLITE_CANTOPEN:
    case SQLITE_MISMATCH:
      return Status::BadInput(message);
    default:
      return Status::IoError(message);
  }
}

Status Database::Exec(std::string_view sql) {
  const std::string text(sql);
  const int code = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (code != SQLITE_OK) return Error(code, "cannot update the index");
  return Status::Ok();
}

Result<Query> Database::Prepare(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  const int code =
      sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr);
  if (code != SQLITE_OK) return Error(code, "cannot read the index");
  return Query(this, statement);
}

Result<Query*> Database::Cached(std::string_view sql) {
  auto it = cached_.find(std::string(sql));
  if (it != cached_.end()) {
    it->second->Reset();
    it->second->status_ = Status::Ok();
    return it->second.get();
  }
  Result<Query> query = Prepare(sql);
  if (!query.ok()) return query.status();
  auto made = std::make_unique<Query>(std::move(*query));
  Query* out = made.get();
  cached_.emplace(std::string(sql), std::move(made));
  return out;
}

Query::Query(Query&& other) noexcept
    : db_(other.db_),
      statement_(std::exchange(other.statement_, nullptr)),
      status_(std::move(other.status_)) {}

Query& Query::operator=(Query&& other) noexcept {
  if (this != &other) {
    if (statement_) sqlite3_finalize(statement_);
    db_ = other.db_;
    statement_ = std::exchange(other.statement_, nullptr);
    status_ = std::move(other.status_);
  }
  return *this;
}

Query::~Query() {
  if (statement_) sqlite3_finalize(statement_);
}

void Query::Bind(int i, int64_t value) { sqlite3_bind_int64(statement_, i, value); }
void Query::BindReal(int i, double value) { sqlite3_bind_double(statement_, i, value); }
void Query::Bind(int i, std::string_view text) {
  sqlite3_bind_text64(statement_, i, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}
void Query::BindBlob(int i, std::string_view bytes) {
  sqlite3_bind_blob64(statement_, i, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
}

bool Query::Step() {
  const int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code != SQLITE_DONE && status_.ok()) status_ = db_->Error(code, "cannot read the index");
  return false;
}

Status Query::StepRow(std::string_view missing) {
  if (Step()) return Status::Ok();
  if (!status_.ok()) return status_;
  return Status::BadInput(fmt::format("{}: corrupt: {}", db_->file(), missing));
}

Status Query::Run() {
  const int code = sqlite3_step(statement_);
  Reset();
  if (code != SQLITE_DONE && code != SQLITE_ROW) return db_->Error(code, "cannot update the index");
  return Status::Ok();
}

void Query::Reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

int64_t Query::Int(int column) const { return sqlite3_column_int64(statement_, column); }
double Query::Real(int column) const { return sqlite3_column_double(statement_, column); }

std::string Query::Text(int column) const {
  const void* data = sqlite3_column_blob(statement_, column);
  const int size = sqlite3_column_bytes(statement_, column);
  return data ? std::string(static_cast<const char*>(data), static_cast<size_t>(size))
              : std::string();
}

}  // namespace refrain::index_internal
