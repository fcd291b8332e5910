// Thin RAII helpers over libpq: a result that frees itself, and a connection that runs
// parameterised statements (PQexecParams, text format) with errors turned into Status values.
// Connection failures are kUnavailable; no message ever carries the URL's password.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace ledgerline::storage::postgres {

// SQLSTATE codes the engines react to.
inline constexpr std::string_view kUniqueViolation = "23505";

// One statement's rows, read as text.
class PgResult {
 public:
  explicit PgResult(PGresult* result) : result_(result, &PQclear) {}
  int rows() const { return PQntuples(result_.get()); }
  bool is_null(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
  std::string_view text(int row, int column) const;
  std::int64_t integer(int row, int column) const;  // 0 when null or not a number
  std::uint64_t affected() const;                   // rows changed by INSERT/UPDATE/DELETE
  const PGresult* raw() const { return result_.get(); }
  std::string_view command() const { return PQcmdStatus(result_.get()); }  // e.g. "COMMIT"

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> result_;
};

// One statement of a pipeline: SQL with $1.. and its parameters as text.
struct Statement {
  std::string_view sql;
  std::vector<std::string> params;
};

class Connection {
 public:
  Connection() = default;
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Connects to `url` (a postgresql:// URL or key=value string). kUnavailable when the server
  // cannot be reached or refuses the login.
  Status open(const std::string& url);
  // Runs SQL without values (BEGIN, COMMIT, schema statements; several allowed).
  Status exec(std::string_view sql);
  // Runs one statement with $1.. bound to `params` as text. When it fails and `sqlstate` is
  // given, the server's SQLSTATE is stored there ("" when the failure was not the server's).
  Result<PgResult> query(std::string_view sql, const std::vector<std::string>& params = {},
                         std::string* sqlstate = nullptr);
  // Sends `statements` in pipeline mode, a round trip per chunk instead of one per statement,
  // and stops at the first failure (the server skips the rest of the chunk). Use it inside
  // transaction(), whose ROLLBACK then undoes what ran.
  Status pipeline(const std::vector<Statement>& statements);
  // Runs `body` between `begin` (e.g. "BEGIN") and COMMIT; ROLLBACK when body fails.
  Status transaction(std::string_view begin, const std::function<Status()>& body);
  // The same in steps, for a transaction that spans calls: begin() runs `sql` (it starts the
  // transaction), commit() ends it (an error when the server rolled it back instead),
  // rollback() abandons it (best effort: a lost connection has abandoned it already).
  Status begin(std::string_view sql);
  Status commit();
  void rollback();
  bool in_transaction() const { return in_transaction_; }

  // LISTEN/NOTIFY: the socket to wait on (-1 when not connected), and the payloads of the
  // notifications received so far on `channel`, read without blocking.
  int socket() const;
  Result<std::vector<std::string>> take_notifications(std::string_view channel);
  // The URL with its password masked, for messages.
  const std::string& display_url() const { return display_url_; }

 private:
  Status ensure_connected();
  Status configure();
  Error failure(std::string_view what, const PGresult* result, std::string* sqlstate);

  PGconn* conn_ = nullptr;
  std::string url_;
  std::string password_;  // scrubbed from every message
  std::string display_url_;
  bool in_transaction_ = false;  // between begin() and commit()/rollback()
  // When the last reconnection failed: calls within kRetryPause of it fail at once instead of
  // each waiting out the connect timeout (a server that is down answers 503 quickly).
  std::chrono::steady_clock::time_point failed_reconnect_at_{};
};

// `url` with the password (userinfo or `password=` parameter) replaced by "***".
std::string redact_url(std::string_view url);
// The password in `url` ("" when none), so messages can be scrubbed of it.
std::string url_password(std::string_view url);

}  // namespace ledgerline::storage::postgres
