// Thin RAII helpers over the SQLite C API: a connection and cached prepared statements,
// with errors turned into Status values.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "util/result.h"

namespace ledgerline::storage::sqlite {

// A prepared statement, reset after every use.
class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;

  bool valid() const { return statement_ != nullptr; }
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view text);
  // Binds `text` without copying it: it must stay unchanged until run() or reset().
  Statement& bind_static(int index, std::string_view text);
  // Steps once: true when a row is available, false when done. Errors end up in `status`.
  bool step(Status& status);
  // Runs to completion (for writes).
  Status run();
  void reset();

  std::int64_t column_int(int index) const;
  std::string_view column_text(int index) const;

 private:
  sqlite3_stmt* statement_ = nullptr;
};

class Connection {
 public:
  Connection() = default;
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Status open(const std::string& path, bool read_only);
  Status exec(std::string_view sql);
  Statement prepare(std::string_view sql) { return Statement(db_, sql); }
  Error error(std::string_view what) const;
  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace ledgerline::storage::sqlite
