// The PostgreSQL engine: a writer connection (persist, on the commit thread) and a reader
// connection (loads, log reads, scans), each behind its own mutex, as in the SQLite engine.
#include "storage/postgres/postgres_storage.h"

#include <cstdint>
#include <limits>
#include <mutex>

#include "storage/document_parsing.h"
#include "storage/log_codec.h"
#include "storage/postgres/pg_connection.h"
#include "storage/postgres/pg_log_watch.h"
#include "storage/postgres/pg_migrations.h"
#include "storage/postgres/postgres_auth_storage.h"

namespace ledgerline::storage {
namespace {

using postgres::Connection;
using postgres::PgResult;

// Every persist holds pg_advisory_xact_lock("LLwriter") until its commit: one writer at a
// time across every node on this database. Sent with BEGIN in one round trip.
constexpr std::string_view kBeginAndLockSql =
    "BEGIN; SELECT pg_advisory_xact_lock(5497900578391745906)";

std::string number(std::uint64_t value) {
  return std::to_string(value);
}

class PostgresStorage final : public Storage {
 public:
  explicit PostgresStorage(PostgresOptions options) : options_(options) {
    options_.page_rows = std::max<std::size_t>(1, options_.page_rows);
  }

  Status open(const std::string& url) {
    url_ = url;
    if (Status s = writer_.open(url); !s) return s;
    postgres::PgMigrationTarget target(writer_);
    if (Status s = migrate(target, "documents", postgres::kDocumentMigrations); !s) return s;
    auto scope = postgres::notification_scope(writer_);
    if (!scope.ok()) return std::move(scope).error();
    scope_ = std::move(*scope);
    return reader_.open(url);
  }

  Status load_documents(const std::function<void(Value)>& visit) override {
    std::vector<std::string> texts;
    return scan_pages([&](const PgResult& page) -> Result<bool> {
      texts.clear();
      for (int row = 0; row < page.rows(); ++row) texts.emplace_back(page.text(row, 1));
      auto documents = parse_in_parallel(texts);
      if (!documents.ok()) return std::move(documents).error();
      for (Value& document : *documents) visit(std::move(document));
      return true;
    });
  }

  Status scan_documents_json(
      const std::function<bool(std::string_view, std::string_view)>& visit) override {
    return scan_pages([&](const PgResult& page) -> Result<bool> {
      for (int row = 0; row < page.rows(); ++row) {
        if (!visit(page.text(row, 0), page.text(row, 1))) return false;
      }
      return true;
    });
  }

  Result<std::uint64_t> last_position() override {
    return single_number("SELECT coalesce(max(position), 0) FROM log");
  }
  Result<std::uint64_t> first_position() override {
    return single_number("SELECT coalesce(min(position), 0) FROM log");
  }

  Result<std::vector<LogRecord>> read_log(std::uint64_t after, std::size_t limit) override {
    std::lock_guard lock(read_mutex_);
    return read_log_on(reader_, after, limit);
  }

  Result<std::uint64_t> find_position(const std::string& transaction_id) override {
    std::lock_guard lock(read_mutex_);
    auto rows = reader_.query(
        "SELECT position FROM log WHERE transaction_id = $1 ORDER BY position DESC LIMIT 1",
        {transaction_id});
    if (!rows.ok()) return std::move(rows).error();
    if (rows->rows() == 0) {
      return Error::not_found("transaction " + transaction_id + " is not in the retained log");
    }
    return static_cast<std::uint64_t>(rows->integer(0, 0));
  }

  Result<std::vector<LogRecord>> begin_write(std::uint64_t known) override {
    std::unique_lock lock(write_mutex_);
    if (Status s = writer_.begin(kBeginAndLockSql); !s) return std::move(s).error();
    // Under the lock the log's end is final until this transaction ends: what follows `known`
    // was committed by other writers, and nothing can slip in before this writer's group.
    Result<std::vector<LogRecord>> others = std::vector<LogRecord>{};
    auto last = writer_.query("SELECT coalesce(max(position), 0) FROM log");
    if (!last.ok()) {
      others = std::move(last).error();
    } else if (auto stored = static_cast<std::uint64_t>(last->integer(0, 0)); stored < known) {
      others = Error::conflict("the stored log ends at " + number(stored) + ", before position " +
                               number(known) + " this writer continues");
    } else if (stored > known) {
      others = read_log_on(writer_, known, std::numeric_limits<std::size_t>::max());
      if (others.ok() && (others->empty() || others->front().position != known + 1)) {
        others = Error::internal("the log no longer holds position " + number(known + 1) +
                                 " (its retention passed this node by); restart the node");
      }
    }
    if (!others.ok()) {
      writer_.rollback();
      return std::move(others).error();
    }
    write_lock_ = std::move(lock);
    return others;
  }

  void abandon_write() override {
    if (!write_lock_.owns_lock()) return;
    writer_.rollback();
    write_lock_.unlock();
  }

  Status persist(const std::vector<const LogRecord*>& records) override {
    if (records.empty()) {
      abandon_write();
      return Status::success();
    }
    if (!write_lock_.owns_lock()) {
      auto others = begin_write(records.front()->position - 1);
      if (!others.ok()) return std::move(others).error();
      if (!others->empty()) {
        abandon_write();
        return Error::conflict("log position " + number(records.front()->position) +
                               " does not continue the stored log (at " +
                               number(others->back().position) +
                               "); another writer committed first");
      }
    }
    Status status = writer_.pipeline(write_statements(records));
    if (status) {
      status = writer_.commit();
    } else {
      writer_.rollback();
    }
    write_lock_.unlock();
    return status;
  }

  bool shared() const override { return true; }

  Result<std::unique_ptr<LogWatch>> watch_log() override {
    return postgres::open_log_watch(url_, scope_);
  }

  Result<std::unique_ptr<AuthStorage>> open_auth_storage() override {
    return open_postgres_auth_storage(url_);
  }

 private:
  // The statements writing `records`' documents and log rows, in order, then trimming the log
  // to its retention and announcing the newest position to the other nodes (delivered on
  // commit).
  std::vector<postgres::Statement> write_statements(
      const std::vector<const LogRecord*>& records) const {
    std::vector<postgres::Statement> statements;
    std::vector<std::string> next_json;
    for (const LogRecord* record : records) {
      next_json.assign(record->writes.size(), std::string());
      for (std::size_t i = 0; i < record->writes.size(); ++i) {
        const DocumentWrite& write = record->writes[i];
        if (write.next.is_null()) {
          statements.push_back({"DELETE FROM documents WHERE id = $1", {write.id}});
        } else {
          write.next.write_json(next_json[i]);
          statements.push_back(
              {"INSERT INTO documents(id, json) VALUES($1, $2) "
               "ON CONFLICT (id) DO UPDATE SET json = excluded.json",
               {write.id, next_json[i]}});
        }
      }
      std::string writes_json;
      encode_writes(record->writes, next_json, writes_json);
      statements.push_back(
          {"INSERT INTO log(position, transaction_id, timestamp, identity, "
           "writes) VALUES($1, $2, $3, $4, $5)",
           {number(record->position), record->transaction_id, record->timestamp, record->identity,
            std::move(writes_json)}});
    }
    std::uint64_t newest = records.back()->position;
    std::uint64_t keep = std::max<std::uint64_t>(1, options_.log_retention);
    if (newest > keep) {
      statements.push_back({"DELETE FROM log WHERE position <= $1", {number(newest - keep)}});
    }
    statements.push_back(
        {"SELECT pg_notify($1, $2)", {std::string(postgres::kLogChannel), number(newest)}});
    return statements;
  }

  // Log records after `after`, oldest first, at most `limit`, read on `connection`.
  static Result<std::vector<LogRecord>> read_log_on(Connection& connection, std::uint64_t after,
                                                    std::size_t limit) {
    auto rows = connection.query(
        "SELECT position, transaction_id, timestamp, identity, writes FROM log "
        "WHERE position > $1 ORDER BY position LIMIT $2",
        {number(after), number(std::min<std::uint64_t>(limit, INT64_MAX))});
    if (!rows.ok()) return std::move(rows).error();
    std::vector<LogRecord> records;
    records.reserve(static_cast<std::size_t>(rows->rows()));
    for (int row = 0; row < rows->rows(); ++row) {
      auto writes = decode_writes(rows->text(row, 4));
      if (!writes.ok()) return std::move(writes).error();
      records.push_back(LogRecord{static_cast<std::uint64_t>(rows->integer(row, 0)),
                                  std::string(rows->text(row, 1)), std::string(rows->text(row, 2)),
                                  std::string(rows->text(row, 3)), std::move(*writes)});
    }
    return records;
  }

  // Pages through the documents in id order (keyset: id > last id seen) inside one
  // REPEATABLE READ transaction, so every page comes from the same snapshot. `page` answers
  // whether to go on (false ends the scan early).
  Status scan_pages(const std::function<Result<bool>(const PgResult&)>& page) {
    std::lock_guard lock(read_mutex_);
    return reader_.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", [&]() -> Status {
      std::string limit = number(options_.page_rows);
      std::string after;
      for (bool first = true;; first = false) {
        auto rows =
            first ? reader_.query("SELECT id, json FROM documents ORDER BY id LIMIT $1", {limit})
                  : reader_.query(
                        "SELECT id, json FROM documents WHERE id > $1 "
                        "ORDER BY id LIMIT $2",
                        {after, limit});
        if (!rows.ok()) return std::move(rows).error();
        auto go_on = page(*rows);
        if (!go_on.ok()) return std::move(go_on).error();
        if (!*go_on || static_cast<std::size_t>(rows->rows()) < options_.page_rows) {
          return Status::success();
        }
        after = std::string(rows->text(rows->rows() - 1, 0));
      }
    });
  }

  Result<std::uint64_t> single_number(std::string_view sql) {
    std::lock_guard lock(read_mutex_);
    auto rows = reader_.query(sql);
    if (!rows.ok()) return std::move(rows).error();
    return static_cast<std::uint64_t>(rows->integer(0, 0));
  }

  PostgresOptions options_;
  std::string url_;
  std::string scope_;       // the schema of its tables: its notifications' scope
  std::mutex write_mutex_;  // guards writer_
  std::unique_lock<std::mutex> write_lock_{write_mutex_, std::defer_lock};  // a write begun
  Connection writer_;
  std::mutex read_mutex_;  // guards reader_
  Connection reader_;
};

}  // namespace

Result<std::unique_ptr<Storage>> open_postgres(const std::string& url, PostgresOptions options) {
  if (url.empty()) return Error::invalid("the PostgreSQL URL must not be empty");
  auto storage = std::make_unique<PostgresStorage>(options);
  if (Status s = storage->open(url); !s) return std::move(s).error();
  return std::unique_ptr<Storage>(std::move(storage));
}

}  // namespace ledgerline::storage
