#include "storage/sqlite/sqlite_auth_storage.h"

#include <mutex>

#include "storage/auth_schema.h"
#include "storage/sqlite/sqlite_connection.h"

namespace ledgerline::storage {
namespace {

using sqlite::Connection;
using sqlite::Statement;

constexpr std::string_view kUserColumns = "user_id, email, role, active, password_hash, created_ms";
constexpr std::string_view kTokenColumns =
    "token_id, user_id, label, hash, created_ms, last_used_ms, revoked";

UserCredentials read_user(const Statement& row) {
  return UserCredentials{std::string(row.column_text(0)), std::string(row.column_text(1)),
                         std::string(row.column_text(2)), row.column_int(3) != 0,
                         std::string(row.column_text(4)), row.column_int(5)};
}

TokenRecord read_token(const Statement& row) {
  return TokenRecord{std::string(row.column_text(0)),
                     std::string(row.column_text(1)),
                     std::string(row.column_text(2)),
                     std::string(row.column_text(3)),
                     row.column_int(4),
                     row.column_int(5),
                     row.column_int(6) != 0};
}

SessionRecord read_session(const Statement& row) {
  return SessionRecord{std::string(row.column_text(0)),
                       std::string(row.column_text(1)),
                       std::string(row.column_text(2)),
                       row.column_int(3),
                       row.column_int(4),
                       row.column_int(5) != 0};
}

// Runs migrations on a SQLite connection; versions live in schema_migrations.
class SqliteMigrationTarget final : public MigrationTarget {
 public:
  explicit SqliteMigrationTarget(Connection& db) : db_(db) {}
  Result<int> applied_version(std::string_view component) override {
    if (Status s = db_.exec(
            "CREATE TABLE IF NOT EXISTS schema_migrations(component TEXT NOT NULL, version "
            "BIGINT NOT NULL, description TEXT NOT NULL, PRIMARY KEY(component, version))");
        !s)
      return std::move(s).error();
    Statement select =
        db_.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations WHERE component = ?1");
    select.bind(1, component);
    Status status;
    int version = select.step(status) ? static_cast<int>(select.column_int(0)) : 0;
    select.reset();
    if (!status) return std::move(status).error();
    return version;
  }
  Status apply(std::string_view component, const Migration& migration) override {
    if (Status s = db_.exec("BEGIN IMMEDIATE"); !s) return s;
    Status status = db_.exec(migration.sql);
    if (status) {
      Statement record = db_.prepare(
          "INSERT INTO schema_migrations(component, version, description) VALUES(?1, ?2, ?3)");
      status = record.bind(1, component)
                   .bind(2, static_cast<std::int64_t>(migration.version))
                   .bind(3, migration.description)
                   .run();
    }
    if (status) status = db_.exec("COMMIT");
    if (!status) (void)db_.exec("ROLLBACK");
    return status;
  }

 private:
  Connection& db_;
};

class SqliteAuthStorage final : public AuthStorage {
 public:
  Status open(const std::string& database) {
    if (Status s = db_.open(database, false); !s) return s;
    if (Status s = db_.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"); !s) return s;
    SqliteMigrationTarget target(db_);
    return migrate(target, "auth", kAuthMigrations);
  }

  Status insert_user(const UserCredentials& user) override {
    std::lock_guard lock(mutex_);
    if (Status s = db_.exec("BEGIN IMMEDIATE"); !s) return s;
    Statement taken =
        db_.prepare("SELECT 1 FROM auth_users WHERE email = ?1 OR user_id = ?2 LIMIT 1");
    taken.bind(1, user.email).bind(2, user.user_id);
    Status status;
    bool exists = taken.step(status);
    taken.reset();
    if (status && exists) {
      status =
          Error::conflict("A user with the email " + user.email + " exists already", "emailTaken");
    }
    if (status) {
      status = db_.prepare("INSERT INTO auth_users(" + std::string(kUserColumns) +
                           ") VALUES(?1, ?2, ?3, ?4, ?5, ?6)")
                   .bind(1, user.user_id)
                   .bind(2, user.email)
                   .bind(3, user.role)
                   .bind(4, std::int64_t{user.active ? 1 : 0})
                   .bind(5, user.password_hash)
                   .bind(6, user.created_ms)
                   .run();
    }
    return finish(std::move(status));
  }

  Status update_user(const UserCredentials& user) override {
    std::lock_guard lock(mutex_);
    Statement update = db_.prepare(
        "UPDATE auth_users SET role = ?2, active = ?3, password_hash = ?4 WHERE user_id = ?1");
    Status s = update.bind(1, user.user_id)
                   .bind(2, user.role)
                   .bind(3, std::int64_t{user.active ? 1 : 0})
                   .bind(4, user.password_hash)
                   .run();
    if (!s) return s;
    if (sqlite3_changes(db_.handle()) == 0) return Error::not_found("No user " + user.user_id);
    return Status::success();
  }

  Status delete_user(std::string_view user_id) override {
    std::lock_guard lock(mutex_);
    if (Status s = db_.exec("BEGIN IMMEDIATE"); !s) return s;
    Status status;
    for (std::string_view table : {"auth_users", "auth_tokens", "auth_sessions"}) {
      if (status) {
        status = db_.prepare("DELETE FROM " + std::string(table) + " WHERE user_id = ?1")
                     .bind(1, user_id)
                     .run();
      }
    }
    return finish(std::move(status));
  }

  Result<std::optional<UserCredentials>> user_by_email(std::string_view email) override {
    return one_user("email", email);
  }
  Result<std::optional<UserCredentials>> user_by_id(std::string_view user_id) override {
    return one_user("user_id", user_id);
  }
  Result<std::vector<UserCredentials>> users() override {
    std::lock_guard lock(mutex_);
    Statement select =
        db_.prepare("SELECT " + std::string(kUserColumns) + " FROM auth_users ORDER BY email");
    std::vector<UserCredentials> out;
    Status status;
    while (select.step(status)) out.push_back(read_user(select));
    if (!status) return std::move(status).error();
    return out;
  }

  Status insert_token(const TokenRecord& token) override {
    std::lock_guard lock(mutex_);
    return db_
        .prepare("INSERT INTO auth_tokens(" + std::string(kTokenColumns) +
                 ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, token.token_id)
        .bind(2, token.user_id)
        .bind(3, token.label)
        .bind(4, token.hash)
        .bind(5, token.created_ms)
        .bind(6, token.last_used_ms)
        .bind(7, std::int64_t{token.revoked ? 1 : 0})
        .run();
  }
  Result<std::optional<TokenRecord>> token_by_hash(std::string_view hash) override {
    return one_token("hash", hash);
  }
  Result<std::optional<TokenRecord>> token_by_id(std::string_view token_id) override {
    return one_token("token_id", token_id);
  }
  Result<std::vector<TokenRecord>> tokens() override {
    std::lock_guard lock(mutex_);
    Statement select = db_.prepare("SELECT " + std::string(kTokenColumns) +
                                   " FROM auth_tokens ORDER BY created_ms, token_id");
    std::vector<TokenRecord> out;
    Status status;
    while (select.step(status)) out.push_back(read_token(select));
    if (!status) return std::move(status).error();
    return out;
  }
  Status set_token_last_used(std::string_view token_id, std::int64_t when_ms) override {
    std::lock_guard lock(mutex_);
    return db_.prepare("UPDATE auth_tokens SET last_used_ms = ?2 WHERE token_id = ?1")
        .bind(1, token_id)
        .bind(2, when_ms)
        .run();
  }
  Status revoke_token(std::string_view token_id) override {
    std::lock_guard lock(mutex_);
    Status s = db_.prepare("UPDATE auth_tokens SET revoked = 1 WHERE token_id = ?1")
                   .bind(1, token_id)
                   .run();
    if (!s) return s;
    if (sqlite3_changes(db_.handle()) == 0) {
      return Error::not_found("No token " + std::string(token_id));
    }
    return Status::success();
  }

  Status insert_session(const SessionRecord& session) override {
    std::lock_guard lock(mutex_);
    return db_
        .prepare(
            "INSERT INTO auth_sessions(session_id, user_id, hash, created_ms, last_seen_ms, "
            "revoked) VALUES(?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(1, session.session_id)
        .bind(2, session.user_id)
        .bind(3, session.hash)
        .bind(4, session.created_ms)
        .bind(5, session.last_seen_ms)
        .bind(6, std::int64_t{session.revoked ? 1 : 0})
        .run();
  }
  Result<std::optional<SessionRecord>> session_by_hash(std::string_view hash) override {
    std::lock_guard lock(mutex_);
    Statement select = db_.prepare(
        "SELECT session_id, user_id, hash, created_ms, last_seen_ms, revoked FROM auth_sessions "
        "WHERE hash = ?1");
    select.bind(1, hash);
    Status status;
    std::optional<SessionRecord> found;
    if (select.step(status)) found = read_session(select);
    select.reset();
    if (!status) return std::move(status).error();
    return found;
  }
  Status set_session_last_seen(std::string_view session_id, std::int64_t when_ms) override {
    std::lock_guard lock(mutex_);
    return db_.prepare("UPDATE auth_sessions SET last_seen_ms = ?2 WHERE session_id = ?1")
        .bind(1, session_id)
        .bind(2, when_ms)
        .run();
  }
  Status revoke_session(std::string_view session_id) override {
    std::lock_guard lock(mutex_);
    return db_.prepare("UPDATE auth_sessions SET revoked = 1 WHERE session_id = ?1")
        .bind(1, session_id)
        .run();
  }
  Result<std::vector<std::string>> revoke_sessions_of(std::string_view user_id,
                                                      std::string_view keep_session_id) override {
    std::lock_guard lock(mutex_);
    if (Status s = db_.exec("BEGIN IMMEDIATE"); !s) return std::move(s).error();
    std::vector<std::string> revoked;
    Statement select = db_.prepare(
        "SELECT session_id FROM auth_sessions WHERE user_id = ?1 AND revoked = 0 AND "
        "session_id <> ?2");
    select.bind(1, user_id);
    select.bind(2, keep_session_id);
    Status status;
    while (select.step(status)) revoked.emplace_back(select.column_text(0));
    select.reset();
    if (status) {
      status = db_.prepare(
                      "UPDATE auth_sessions SET revoked = 1 WHERE user_id = ?1 AND revoked = 0 "
                      "AND session_id <> ?2")
                   .bind(1, user_id)
                   .bind(2, keep_session_id)
                   .run();
    }
    if (Status done = finish(std::move(status)); !done) return std::move(done).error();
    return revoked;
  }

 private:
  Status finish(Status status) {
    if (status) status = db_.exec("COMMIT");
    if (!status) (void)db_.exec("ROLLBACK");
    return status;
  }

  Result<std::optional<UserCredentials>> one_user(std::string_view column, std::string_view value) {
    std::lock_guard lock(mutex_);
    Statement select = db_.prepare("SELECT " + std::string(kUserColumns) +
                                   " FROM auth_users WHERE " + std::string(column) + " = ?1");
    select.bind(1, value);
    Status status;
    std::optional<UserCredentials> found;
    if (select.step(status)) found = read_user(select);
    select.reset();
    if (!status) return std::move(status).error();
    return found;
  }

  Result<std::optional<TokenRecord>> one_token(std::string_view column, std::string_view value) {
    std::lock_guard lock(mutex_);
    Statement select = db_.prepare("SELECT " + std::string(kTokenColumns) +
                                   " FROM auth_tokens WHERE " + std::string(column) + " = ?1");
    select.bind(1, value);
    Status status;
    std::optional<TokenRecord> found;
    if (select.step(status)) found = read_token(select);
    select.reset();
    if (!status) return std::move(status).error();
    return found;
  }

  std::mutex mutex_;  // guards db_
  Connection db_;
};

}  // namespace

Result<std::unique_ptr<AuthStorage>> open_sqlite_auth_storage(const std::string& database) {
  auto storage = std::make_unique<SqliteAuthStorage>();
  if (Status s = storage->open(database); !s) return std::move(s).error();
  return std::unique_ptr<AuthStorage>(std::move(storage));
}

}  // namespace ledgerline::storage
