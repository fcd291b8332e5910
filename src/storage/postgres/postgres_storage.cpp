// The PostgreSQL engine: a writer connection (persist, on the commit thread) and a reader
// connection (loads, log reads, scans), each behind its own mutex, as in the SQLite engine.
#include "storage/postgres/postgres_storage.h"

#include <cstdint>
#include <mutex>

#include "storage/document_parsing.h"
#include "storage/log_codec.h"
#include "storage/postgres/pg_connection.h"
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
    auto rows = reader_.query(
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

  Status persist(const std::vector<const LogRecord*>& records) override {
    if (records.empty()) return Status::success();
    std::lock_guard lock(write_mutex_);
    return writer_.transaction(kBeginAndLockSql, [&]() -> Status {
      // Under the lock, the log's end is final until this transaction ends (this statement
      // takes its snapshot after the lock was granted). A group that does not continue it was
      // prepared against an older state (another node wrote first): refuse it. Catching the
      // store up with the other node's records comes in the next slice.
      auto last = writer_.query("SELECT coalesce(max(position), 0) FROM log");
      if (!last.ok()) return std::move(last).error();
      auto stored = static_cast<std::uint64_t>(last->integer(0, 0));
      if (records.front()->position != stored + 1) {
        return Error::conflict("log position " + number(records.front()->position) +
                               " does not continue the stored log (at " + number(stored) +
                               "); another writer committed first");
      }
      std::vector<postgres::Statement> writes = write_statements(records);
      std::uint64_t newest = records.back()->position;
      std::uint64_t keep = std::max<std::uint64_t>(1, options_.log_retention);
      if (newest > keep) {
        writes.push_back({"DELETE FROM log WHERE position <= $1", {number(newest - keep)}});
      }
      return writer_.pipeline(writes);
    });
  }

  Result<std::unique_ptr<AuthStorage>> open_auth_storage() override {
    return open_postgres_auth_storage(url_);
  }

 private:
  // The statements writing `records`' documents and log rows, in order.
  static std::vector<postgres::Statement> write_statements(
      const std::vector<const LogRecord*>& records) {
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
    return statements;
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
  std::mutex write_mutex_;  // guards writer_
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
