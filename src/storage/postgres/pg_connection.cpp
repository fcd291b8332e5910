// libpq wrappers: password masking, results, statements, pipelines, transactions.
#include "storage/postgres/pg_connection.h"

#include <algorithm>
#include <charconv>
#include <utility>

namespace ledgerline::storage::postgres {
namespace {

using Range = std::pair<std::size_t, std::size_t>;  // begin, length

// Where the password sits in a URL (userinfo, ?password=) or a key=value string.
std::vector<Range> password_ranges(std::string_view url) {
  std::vector<Range> ranges;
  std::size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) {
    std::size_t authority = scheme + 3;
    std::size_t end = url.find_first_of("/?", authority);
    if (end == std::string_view::npos) end = url.size();
    std::size_t at = url.rfind('@', end);
    if (at != std::string_view::npos && at >= authority) {
      std::size_t colon = url.find(':', authority);
      if (colon != std::string_view::npos && colon < at) {
        ranges.emplace_back(colon + 1, at - colon - 1);
      }
    }
  }
  // password=VALUE as a query parameter (ends at '&') or a key=value pair (ends at a space;
  // a quoted value ends at the closing quote).
  for (std::size_t at = url.find("password"); at != std::string_view::npos;
       at = url.find("password", at + 1)) {
    if (at > 0 && url[at - 1] != '?' && url[at - 1] != '&' && url[at - 1] != ' ') continue;
    std::size_t eq = at + 8;
    while (eq < url.size() && url[eq] == ' ') ++eq;
    if (eq >= url.size() || url[eq] != '=') continue;
    std::size_t begin = eq + 1;
    while (begin < url.size() && url[begin] == ' ') ++begin;
    std::size_t end = begin;
    if (begin < url.size() && url[begin] == '\'') {
      end = url.find('\'', begin + 1);
      end = end == std::string_view::npos ? url.size() : end + 1;
    } else {
      end = url.find_first_of(scheme != std::string_view::npos ? "&" : " ", begin);
      if (end == std::string_view::npos) end = url.size();
    }
    ranges.emplace_back(begin, end - begin);
  }
  return ranges;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    int value = 0;
    if (text[i] == '%' && i + 2 < text.size() &&
        std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16).ptr ==
            text.data() + i + 3) {
      out.push_back(static_cast<char>(value));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

void replace_all(std::string& text, std::string_view secret) {
  if (secret.empty()) return;
  for (std::size_t at = text.find(secret); at != std::string::npos;
       at = text.find(secret, at + 3)) {
    text.replace(at, secret.size(), "***");
  }
}

std::string trimmed(const char* message) {
  std::string text = message ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

std::string redact_url(std::string_view url) {
  std::string out(url);
  auto ranges = password_ranges(url);
  for (auto it = ranges.rbegin(); it != ranges.rend(); ++it) {
    out.replace(it->first, it->second, "***");
  }
  return out;
}

std::string url_password(std::string_view url) {
  auto ranges = password_ranges(url);
  if (ranges.empty()) return "";
  std::string value(url.substr(ranges.front().first, ranges.front().second));
  if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'') {
    value = value.substr(1, value.size() - 2);
  }
  return value;
}

std::string_view PgResult::text(int row, int column) const {
  return std::string_view(PQgetvalue(result_.get(), row, column),
                          static_cast<std::size_t>(PQgetlength(result_.get(), row, column)));
}

std::int64_t PgResult::integer(int row, int column) const {
  std::string_view value = text(row, column);
  std::int64_t number = 0;
  std::from_chars(value.data(), value.data() + value.size(), number);
  return number;
}

std::uint64_t PgResult::affected() const {
  std::string_view value = PQcmdTuples(result_.get());
  std::uint64_t number = 0;
  std::from_chars(value.data(), value.data() + value.size(), number);
  return number;
}

Connection::~Connection() {
  if (conn_) PQfinish(conn_);
}

Status Connection::open(const std::string& url) {
  url_ = url;
  password_ = url_password(url);
  display_url_ = redact_url(url);
  // Later keywords win: the URL (dbname, expanded) may override the defaults before it.
  const char* keywords[] = {"connect_timeout", "application_name", "client_encoding", "dbname",
                            nullptr};
  const char* values[] = {"10", "ledgerline", "UTF8", url.c_str(), nullptr};
  conn_ = PQconnectdbParams(keywords, values, 1);
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
    std::string message = trimmed(conn_ ? PQerrorMessage(conn_) : "out of memory");
    replace_all(message, password_);
    replace_all(message, percent_decode(password_));
    return Error::unavailable("cannot connect to PostgreSQL at " + display_url_ + ": " + message);
  }
  // Notices ("relation ... already exists, skipping") are chatter, not errors: drop them.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
  return configure();
}

Status Connection::configure() {
  // Every commit waits for its WAL flush, whatever the server's default.
  return exec("SET synchronous_commit = on");
}

Status Connection::ensure_connected() {
  if (!conn_) return Error::unavailable("no connection to PostgreSQL");
  if (PQstatus(conn_) == CONNECTION_OK) return Status::success();
  // A new session would run the rest of a transaction's statements outside it: only between
  // transactions.
  if (in_transaction_) return Error::unavailable("lost the connection to PostgreSQL");
  constexpr auto kRetryPause = std::chrono::seconds(1);
  auto now = std::chrono::steady_clock::now();
  if (now - failed_reconnect_at_ < kRetryPause) {
    return Error::unavailable("PostgreSQL at " + display_url_ + " is unreachable");
  }
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK) {
    failed_reconnect_at_ = now;
    std::string message = trimmed(PQerrorMessage(conn_));
    replace_all(message, password_);
    replace_all(message, percent_decode(password_));
    return Error::unavailable("cannot reconnect to PostgreSQL at " + display_url_ + ": " + message);
  }
  return configure();
}

Error Connection::failure(std::string_view what, const PGresult* result, std::string* sqlstate) {
  std::string message = trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(conn_));
  if (message.empty()) message = trimmed(PQerrorMessage(conn_));
  replace_all(message, password_);
  replace_all(message, percent_decode(password_));
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string code = state ? state : "";
  if (sqlstate) *sqlstate = code;
  // Lost connection, server shutting down or out of resources: the caller may retry later.
  if (PQstatus(conn_) != CONNECTION_OK || code.starts_with("08") || code.starts_with("57P") ||
      code.starts_with("53")) {
    return Error::unavailable("PostgreSQL at " + display_url_ + " is unavailable (" +
                              std::string(what) + "): " + message);
  }
  return Error::internal("postgres: " + std::string(what) + ": " + message);
}

Status Connection::exec(std::string_view sql) {
  if (Status s = ensure_connected(); !s) return s;
  PgResult result(PQexec(conn_, std::string(sql).c_str()));
  ExecStatusType status = PQresultStatus(result.raw());
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Status::success();
  return failure(sql.substr(0, 40), result.raw(), nullptr);
}

Result<PgResult> Connection::query(std::string_view sql, const std::vector<std::string>& params,
                                   std::string* sqlstate) {
  if (Status s = ensure_connected(); !s) return std::move(s).error();
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const std::string& param : params) values.push_back(param.c_str());
  PgResult result(PQexecParams(conn_, std::string(sql).c_str(), static_cast<int>(params.size()),
                               nullptr, values.data(), nullptr, nullptr, 0));
  ExecStatusType status = PQresultStatus(result.raw());
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  return failure(sql.substr(0, 40), result.raw(), sqlstate);
}

Status Connection::pipeline(const std::vector<Statement>& statements) {
  if (Status s = ensure_connected(); !s) return s;
  // Chunks keep the server's replies well inside the socket buffers: a blocking client that
  // sends without reading could otherwise wait on a server waiting on it.
  constexpr std::size_t kChunk = 256;
  for (std::size_t begin = 0; begin < statements.size(); begin += kChunk) {
    std::size_t end = std::min(statements.size(), begin + kChunk);
    if (PQenterPipelineMode(conn_) != 1) return failure("pipeline", nullptr, nullptr);
    Status status;
    std::size_t sent = begin;
    std::vector<const char*> values;
    for (; sent < end; ++sent) {
      const Statement& statement = statements[sent];
      values.clear();
      for (const std::string& param : statement.params) values.push_back(param.c_str());
      if (PQsendQueryParams(conn_, std::string(statement.sql).c_str(),
                            static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                            nullptr, 0) != 1) {
        status = failure(statement.sql.substr(0, 40), nullptr, nullptr);
        break;
      }
    }
    if (PQpipelineSync(conn_) != 1 && status) status = failure("pipeline sync", nullptr, nullptr);
    // Every sent statement answers one result and a null; then the sync point answers.
    bool connection_ok = true;
    for (std::size_t i = begin; i < sent && connection_ok; ++i) {
      PgResult result(PQgetResult(conn_));
      if (!result.raw()) {
        connection_ok = false;
        if (status) status = failure(statements[i].sql.substr(0, 40), nullptr, nullptr);
        break;
      }
      ExecStatusType state = PQresultStatus(result.raw());
      if (status && state != PGRES_COMMAND_OK && state != PGRES_TUPLES_OK) {
        status = failure(statements[i].sql.substr(0, 40), result.raw(), nullptr);
      }
      PgResult terminator(PQgetResult(conn_));
    }
    if (connection_ok) PgResult sync(PQgetResult(conn_));
    if (PQexitPipelineMode(conn_) != 1) {
      // Results we could not read: this session is no longer usable; reset it on next use.
      if (status) status = failure("pipeline end", nullptr, nullptr);
      PQreset(conn_);
      if (PQstatus(conn_) == CONNECTION_OK) (void)configure();
      return status.ok() ? Status(Error::unavailable("PostgreSQL pipeline out of step")) : status;
    }
    if (!status) return status;
  }
  return Status::success();
}

Status Connection::transaction(std::string_view begin_sql, const std::function<Status()>& body) {
  if (Status s = begin(begin_sql); !s) return s;
  Status status = body();
  if (status) return commit();
  rollback();
  return status;
}

Status Connection::begin(std::string_view sql) {
  if (Status s = exec(sql); !s) {
    if (conn_ && PQtransactionStatus(conn_) != PQTRANS_IDLE) (void)exec("ROLLBACK");
    return s;
  }
  in_transaction_ = true;
  return Status::success();
}

Status Connection::commit() {
  auto result = query("COMMIT");
  in_transaction_ = false;
  // A transaction that had failed answers COMMIT with ROLLBACK instead of an error.
  if (!result.ok()) return std::move(result).error();
  if (result->command() != "COMMIT") {
    return Error::internal("postgres: the transaction was rolled back");
  }
  return Status::success();
}

void Connection::rollback() {
  bool was_open = in_transaction_;
  in_transaction_ = false;
  if (was_open && conn_ && PQstatus(conn_) == CONNECTION_OK) (void)exec("ROLLBACK");
}

int Connection::socket() const {
  return conn_ && PQstatus(conn_) == CONNECTION_OK ? PQsocket(conn_) : -1;
}

Result<std::vector<std::string>> Connection::take_notifications(std::string_view channel) {
  if (Status s = ensure_connected(); !s) return std::move(s).error();
  if (PQconsumeInput(conn_) != 1) return failure("receive notifications", nullptr, nullptr);
  std::vector<std::string> payloads;
  while (PGnotify* notify = PQnotifies(conn_)) {
    if (channel == notify->relname) payloads.emplace_back(notify->extra);
    PQfreemem(notify);
  }
  return payloads;
}

}  // namespace ledgerline::storage::postgres
