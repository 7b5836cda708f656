// A thin RAII layer over SQLite's C API for the index: a connection, prepared statements with
// typed binds and columns, and every failure as a Status naming the index file.
#ifndef REFRAIN_INDEX_SQLITE_H_
#define REFRAIN_INDEX_SQLITE_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "refrain/status.h"

namespace refrain::index_internal {

class Query;

class Database {
 public:
  Database() = default;
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  ~Database();

  // Opens `file` (created when `create`). `file` names the index in every message.
  static Result<Database> Open(const std::string& file, bool create);

  // Runs SQL without results (several statements allowed).
  Status Exec(std::string_view sql);
  Result<Query> Prepare(std::string_view sql);
  // The connection's own prepared statement for `sql`, prepared on first use and reset (no
  // row, no binds) on every later one: lookups run once per unit or term are not re-parsed
  // each time. The pointer stays valid as long as the Database; one user at a time per SQL
  // text (a cached query is not re-entrant).
  Result<Query*> Cached(std::string_view sql);
  // A Status for SQLite result `code`: kBadInput for corrupt or foreign files, else kIoError.
  Status Error(int code, std::string_view doing) const;
  const std::string& file() const { return file_; }
  sqlite3* handle() const { return db_; }

 private:
  void Repoint();  // cached queries name this Database (after a move)
  sqlite3* db_ = nullptr;
  std::string file_;
  std::unordered_map<std::string, std::unique_ptr<Query>> cached_;
};

class Query {
 public:
  Query(Query&& other) noexcept;
  Query& operator=(Query&& other) noexcept;
  ~Query();

  // Binds are 1-based, as in SQLite.
  void Bind(int i, int64_t value);
  void BindReal(int i, double value);
  void Bind(int i, std::string_view text);
  void BindBlob(int i, std::string_view bytes);
  // Advances: true with a row, false when done; a failure sets `status()`.
  bool Step();
  // Steps to the one row a lookup must find: Ok with the row, the read error, or a corrupt
  // index naming `missing` (what should have been there, "no point 12").
  Status StepRow(std::string_view missing);
  // Steps a statement that returns no row; resets it for the next binds.
  Status Run();
  void Reset();
  const Status& status() const { return status_; }

  int64_t Int(int column) const;
  double Real(int column) const;
  std::string Text(int column) const;  // text or blob, as bytes

 private:
  friend class Database;
  Query(const Database* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
  const Database* db_ = nullptr;
  sqlite3_stmt* statement_ = nullptr;
  Status status_;
};

}  // namespace refrain::index_internal

#endif  // REFRAIN_INDEX_SQLITE_H_
