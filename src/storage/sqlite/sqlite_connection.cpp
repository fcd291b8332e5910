#include "storage/sqlite/sqlite_connection.h"

#include <fmt/format.h>

#include <utility>

namespace ledgerline::storage::sqlite {
namespace {

Error sqlite_error(sqlite3* db, std::string_view what) {
  return Error::internal(
      fmt::format("sqlite: {}: {}", what, db ? sqlite3_errmsg(db) : "no connection"));
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) {
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &statement_, nullptr) != SQLITE_OK) {
    statement_ = nullptr;
  }
}

Statement::~Statement() {
  sqlite3_finalize(statement_);
}

Statement::Statement(Statement&& other) noexcept
    : statement_(std::exchange(other.statement_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(statement_);
    statement_ = std::exchange(other.statement_, nullptr);
  }
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(statement_, index, value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind_static(int index, std::string_view text) {
  sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  return *this;
}

bool Statement::step(Status& status) {
  int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) status = sqlite_error(sqlite3_db_handle(statement_), "step");
  return false;
}

Status Statement::run() {
  Status status;
  while (step(status)) {
  }
  reset();
  return status;
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

std::int64_t Statement::column_int(int index) const {
  return sqlite3_column_int64(statement_, index);
}

std::string_view Statement::column_text(int index) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, index));
  return text ? std::string_view(text,
                                 static_cast<std::size_t>(sqlite3_column_bytes(statement_, index)))
              : std::string_view();
}

Connection::~Connection() {
  sqlite3_close_v2(db_);
}

Status Connection::open(const std::string& path, bool read_only) {
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  flags |= SQLITE_OPEN_NOMUTEX;  // each connection is guarded by its owner's mutex
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    return sqlite_error(db_, "open " + path);
  }
  sqlite3_busy_timeout(db_, 5000);
  return Status::success();
}

Status Connection::exec(std::string_view sql) {
  char* message = nullptr;
  std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    Error error = Error::internal(fmt::format("sqlite: {}: {}", text, message ? message : "?"));
    sqlite3_free(message);
    return error;
  }
  return Status::success();
}

Error Connection::error(std::string_view what) const {
  return sqlite_error(db_, what);
}

}  // namespace ledgerline::storage::sqlite
