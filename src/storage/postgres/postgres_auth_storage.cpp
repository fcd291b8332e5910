// AuthStorage on PostgreSQL: one statement (or one explicit transaction) per call, each on a
// connection leased from a small pool.
#include "storage/postgres/postgres_auth_storage.h"

#include <mutex>

#include "storage/auth_schema.h"
#include "storage/postgres/pg_connection.h"
#include "storage/postgres/pg_log_watch.h"
#include "storage/postgres/pg_migrations.h"
#include "storage/postgres/pg_pool.h"
#include "util/ids.h"

namespace ledgerline::storage {
namespace {

using postgres::Connection;
using postgres::PgResult;

constexpr std::string_view kUserColumns = "user_id, email, role, active, password_hash, created_ms";
constexpr std::string_view kTokenColumns =
    "token_id, user_id, label, hash, created_ms, last_used_ms, revoked";
constexpr std::string_view kSessionColumns =
    "session_id, user_id, hash, created_ms, last_seen_ms, revoked";

std::string number(std::int64_t value) {
  return std::to_string(value);
}
std::string flag(bool value) {
  return value ? "1" : "0";
}

UserCredentials read_user(const PgResult& rows, int row) {
  return UserCredentials{std::string(rows.text(row, 0)), std::string(rows.text(row, 1)),
                         std::string(rows.text(row, 2)), rows.integer(row, 3) != 0,
                         std::string(rows.text(row, 4)), rows.integer(row, 5)};
}

TokenRecord read_token(const PgResult& rows, int row) {
  return TokenRecord{std::string(rows.text(row, 0)), std::string(rows.text(row, 1)),
                     std::string(rows.text(row, 2)), std::string(rows.text(row, 3)),
                     rows.integer(row, 4),           rows.integer(row, 5),
                     rows.integer(row, 6) != 0};
}

SessionRecord read_session(const PgResult& rows, int row) {
  return SessionRecord{std::string(rows.text(row, 0)), std::string(rows.text(row, 1)),
                       std::string(rows.text(row, 2)), rows.integer(row, 3),
                       rows.integer(row, 4),           rows.integer(row, 5) != 0};
}

class PostgresAuthStorage final : public AuthStorage {
 public:
  Status open(const std::string& url) {
    url_ = url;
    self_ = random_id();
    if (Status s = pool_.open(url, kConnections); !s) return s;
    auto lease = pool_.acquire();
    if (!lease.ok()) return std::move(lease).error();
    postgres::PgMigrationTarget target(**lease);
    if (Status s = migrate(target, "auth", kAuthMigrations); !s) return s;
    auto scope = postgres::notification_scope(**lease);
    if (!scope.ok()) return std::move(scope).error();
    scope_ = std::move(*scope);
    return Status::success();
  }

  Status insert_user(const UserCredentials& user) override {
    auto lease = pool_.acquire();
    if (!lease.ok()) return std::move(lease).error();
    Connection& db = **lease;
    std::string sqlstate;
    auto inserted = db.query(
        "INSERT INTO auth_users(" + std::string(kUserColumns) + ") VALUES($1, $2, $3, $4, $5, $6)",
        {user.user_id, user.email, user.role, flag(user.active), user.password_hash,
         number(user.created_ms)},
        &sqlstate);
    if (inserted.ok()) return Status::success();
    if (sqlstate == postgres::kUniqueViolation) {
      return Error::conflict("A user with the email " + user.email + " exists already",
                             "emailTaken");
    }
    return std::move(inserted).error();
  }

  Status update_user(const UserCredentials& user) override {
    auto lease = pool_.acquire();
    if (!lease.ok()) return std::move(lease).error();
    Connection& db = **lease;
    auto updated = db.query(
        "UPDATE auth_users SET role = $2, active = $3, password_hash = $4 WHERE user_id = $1",
        {user.user_id, user.role, flag(user.active), user.password_hash});
    if (!updated.ok()) return std::move(updated).error();
    if (updated->affected() == 0) return Error::not_found("No user " + user.user_id);
    return Status::success();
  }

  Status delete_user(std::string_view user_id) override {
    auto lease = pool_.acquire();
    if (!lease.ok()) return std::move(lease).error();
    Connection& db = **lease;
    return db.transaction("BEGIN", [&]() -> Status {
      for (std::string_view table : {"auth_users", "auth_tokens", "auth_sessions"}) {
        auto deleted = db.query("DELETE FROM " + std::string(table) + " WHERE user_id = $1",
                                {std::string(user_id)});
        if (!deleted.ok()) return std::move(deleted).error();
      }
      return Status::success();
    });
  }

  Result<std::optional<UserCredentials>> user_by_email(std::string_view email) override {
    return one<UserCredentials>(kUserColumns, "auth_users", "email", email, read_user);
  }
  Result<std::optional<UserCredentials>> user_by_id(std::string_view user_id) override {
    return one<UserCredentials>(kUserColumns, "auth_users", "user_id", user_id, read_user);
  }
  Result<std::vector<UserCredentials>> users() override {
    return all<UserCredentials>(
        "SELECT " + std::string(kUserColumns) + " FROM auth_users ORDER BY email COLLATE \"C\"",
        read_user);
  }

  Status insert_token(const TokenRecord& token) override {
    return run("INSERT INTO auth_tokens(" + std::string(kTokenColumns) +
                   ") VALUES($1, $2, $3, $4, $5, $6, $7)",
               {token.token_id, token.user_id, token.label, token.hash, number(token.created_ms),
                number(token.last_used_ms), flag(token.revoked)});
  }
  Result<std::optional<TokenRecord>> token_by_hash(std::string_view hash) override {
    return one<TokenRecord>(kTokenColumns, "auth_tokens", "hash", hash, read_token);
  }
  Result<std::optional<TokenRecord>> token_by_id(std::string_view token_id) override {
    return one<TokenRecord>(kTokenColumns, "auth_tokens", "token_id", token_id, read_token);
  }
  Result<std::vector<TokenRecord>> tokens() override {
    return all<TokenRecord>("SELECT " + std::string(kTokenColumns) +
                                " FROM auth_tokens ORDER BY created_ms, token_id COLLATE \"C\"",
                            read_token);
  }
  Status set_token_last_used(std::string_view token_id, std::int64_t when_ms) override {
    return run("UPDATE auth_tokens SET last_used_ms = $2 WHERE token_id = $1",
               {std::string(token_id), number(when_ms)});
  }
  Status revoke_token(std::string_view token_id) override {
    auto lease = pool_.acquire();
    if (!lease.ok()) return std::move(lease).error();
    Connection& db = **lease;
    auto updated =
        db.query("UPDATE auth_tokens SET revoked = 1 WHERE token_id = $1", {std::string(token_id)});
    if (!updated.ok()) return std::move(updated).error();
    if (updated->affected() == 0) return Error::not_found("No token " + std::string(token_id));
    return Status::success();
  }

  Status announce_revocation(std::string_view user_id, std::string_view credential_id) override {
    std::string payload = postgres::scoped_payload(
        scope_, self_ + " " + std::string(user_id) + " " + std::string(credential_id));
    return run("SELECT pg_notify($1, $2)",
               {std::string(postgres::kRevocationChannel), std::move(payload)});
  }

  Result<std::unique_ptr<RevocationWatch>> watch_revocations() override {
    return postgres::open_revocation_watch(url_, scope_, self_);
  }

  Status insert_session(const SessionRecord& session) override {
    return run("INSERT INTO auth_sessions(" + std::string(kSessionColumns) +
                   ") VALUES($1, $2, $3, $4, $5, $6)",
               {session.session_id, session.user_id, session.hash, number(session.created_ms),
                number(session.last_seen_ms), flag(session.revoked)});
  }
  Result<std::optional<SessionRecord>> session_by_hash(std::string_view hash) override {
    return one<SessionRecord>(kSessionColumns, "auth_sessions", "hash", hash, read_session);
  }
  Status set_session_last_seen(std::string_view session_id, std::int64_t when_ms) override {
    return run("UPDATE auth_sessions SET last_seen_ms = $2 WHERE session_id = $1",
               {std::string(session_id), number(when_ms)});
  }
  Status revoke_session(std::string_view session_id) override {
    return run("UPDATE auth_sessions SET revoked = 1 WHERE session_id = $1",
               {std::string(session_id)});
  }
  Result<std::vector<std::string>> revoke_sessions_of(std::string_view user_id,
                                                      std::string_view keep_session_id) override {
    auto lease = pool_.acquire();
    if (!lease.ok()) return std::move(lease).error();
    Connection& db = **lease;
    auto updated = db.query(
        "UPDATE auth_sessions SET revoked = 1 WHERE user_id = $1 AND revoked = 0 "
        "AND session_id <> $2 RETURNING session_id",
        {std::string(user_id), std::string(keep_session_id)});
    if (!updated.ok()) return std::move(updated).error();
    std::vector<std::string> revoked;
    for (int row = 0; row < updated->rows(); ++row) revoked.emplace_back(updated->text(row, 0));
    return revoked;
  }

 private:
  // One statement is one transaction (autocommit).
  Status run(const std::string& sql, const std::vector<std::string>& params) {
    auto lease = pool_.acquire();
    if (!lease.ok()) return std::move(lease).error();
    Connection& db = **lease;
    auto done = db.query(sql, params);
    if (!done.ok()) return std::move(done).error();
    return Status::success();
  }

  template <class T>
  Result<std::optional<T>> one(std::string_view columns, std::string_view table,
                               std::string_view column, std::string_view value,
                               T (*read)(const PgResult&, int)) {
    auto lease = pool_.acquire();
    if (!lease.ok()) return std::move(lease).error();
    Connection& db = **lease;
    auto rows = db.query("SELECT " + std::string(columns) + " FROM " + std::string(table) +
                             " WHERE " + std::string(column) + " = $1",
                         {std::string(value)});
    if (!rows.ok()) return std::move(rows).error();
    if (rows->rows() == 0) return std::optional<T>();
    return std::optional<T>(read(*rows, 0));
  }

  template <class T>
  Result<std::vector<T>> all(const std::string& sql, T (*read)(const PgResult&, int)) {
    auto lease = pool_.acquire();
    if (!lease.ok()) return std::move(lease).error();
    Connection& db = **lease;
    auto rows = db.query(sql);
    if (!rows.ok()) return std::move(rows).error();
    std::vector<T> out;
    out.reserve(static_cast<std::size_t>(rows->rows()));
    for (int row = 0; row < rows->rows(); ++row) out.push_back(read(*rows, row));
    return out;
  }

  std::string url_;
  std::string scope_;  // the schema of its tables: its announcements' scope
  std::string self_;   // this storage's name in its announcements (its own are not news to it)
  // Every request authenticates here (token and user lookups): a connection per I/O thread or
  // so, instead of one that every request waits for in turn.
  static constexpr std::size_t kConnections = 4;
  postgres::ConnectionPool pool_;
};

}  // namespace

Result<std::unique_ptr<AuthStorage>> open_postgres_auth_storage(const std::string& url) {
  auto storage = std::make_unique<PostgresAuthStorage>();
  if (Status s = storage->open(url); !s) return std::move(s).error();
  return std::unique_ptr<AuthStorage>(std::move(storage));
}

}  // namespace ledgerline::storage
