// The SQLite engine: a writer connection (persist, on the commit thread) and a reader
// connection (loads, log reads), each behind its own mutex; WAL lets them run side by side.
#include "storage/sqlite/sqlite_storage.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <optional>

#include "storage/document_parsing.h"
#include "storage/log_codec.h"
#include "storage/record_json.h"
#include "storage/sqlite/document_rows.h"
#include "storage/sqlite/sqlite_auth_storage.h"
#include "storage/sqlite/sqlite_checkpointer.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/transaction_id_index.h"
#include "util/json.h"

namespace ledgerline::storage {
namespace {

using sqlite::Connection;
using sqlite::Statement;

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS documents(id TEXT NOT NULL, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS log(position INTEGER PRIMARY KEY, transaction_id TEXT NOT NULL,
  timestamp TEXT NOT NULL, identity TEXT NOT NULL, writes TEXT NOT NULL);
DROP INDEX IF EXISTS log_transaction_id;
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
INSERT OR IGNORE INTO meta(key, value) VALUES('schema_version', '2');
)sql";

// Version 1 had a unique index on documents(id); the engine now keeps ids in memory
// (DocumentRows). Rebuilding the table drops that index and keeps every row.
constexpr std::string_view kMigrateFrom1 = R"sql(
BEGIN IMMEDIATE;
CREATE TABLE documents_v2(id TEXT NOT NULL, json TEXT NOT NULL);
INSERT INTO documents_v2(id, json) SELECT id, json FROM documents;
DROP TABLE documents;
ALTER TABLE documents_v2 RENAME TO documents;
UPDATE meta SET value = '2' WHERE key = 'schema_version';
COMMIT;
)sql";

constexpr std::size_t kLoadChunkRows = 16384;

class SqliteStorage final : public Storage {
 public:
  SqliteStorage(SqliteOptions options, int lock_fd) : lock_(lock_fd), options_(options) {}

  Status open(const std::string& path) {
    path_ = path;
    if (!options_.read_only) {
      if (Status s = writer_.open(path, false); !s) return s;
      // A 64 MiB page cache (default 2 MiB): a large transaction (a seed batch writes ~15 MB)
      // no longer spills dirty pages to the WAL before its commit. 16 KiB pages (for a new
      // database; an existing one keeps its size): a group commit appends log rows and new
      // documents, so bigger pages mean fewer WAL frames and write calls per commit
      // (bench/actions: 2,465-2,863 bills/s with 4 KiB pages, 3,150-3,262 with 16 KiB).
      if (Status s = writer_.exec("PRAGMA page_size=16384; PRAGMA journal_mode=WAL; "
                                  "PRAGMA synchronous=FULL; PRAGMA journal_size_limit=67108864; "
                                  "PRAGMA cache_size=-65536;");
          !s)
        return s;
      if (Status s = writer_.exec(kSchema); !s) return s;
      if (Status s = migrate(); !s) return s;
      insert_ = writer_.prepare("INSERT INTO documents(id, json) VALUES(?1, ?2)");
      update_ = writer_.prepare("UPDATE documents SET json = ?2 WHERE rowid = ?1");
      delete_ = writer_.prepare("DELETE FROM documents WHERE rowid = ?1");
      insert_log_ = writer_.prepare(
          "INSERT INTO log(position, transaction_id, timestamp, identity, writes) "
          "VALUES(?1, ?2, ?3, ?4, ?5)");
      trim_log_ = writer_.prepare("DELETE FROM log WHERE position <= ?1");
      if (!insert_.valid() || !update_.valid() || !delete_.valid() || !insert_log_.valid() ||
          !trim_log_.valid()) {
        return writer_.error("prepare");
      }
      if (Status s = load_document_rows(); !s) return s;
      if (Status s = load_transaction_ids(); !s) return s;
      if (Status s = checkpointer_.start(path, writer_, std::max(1, options_.checkpoint_frames));
          !s)
        return s;
    }
    if (Status s = reader_.open(path, options_.read_only); !s) return s;
    return reader_.exec("PRAGMA query_only=1;");
  }

  Status load_documents(const std::function<void(Value)>& visit) override {
    std::lock_guard lock(read_mutex_);
    Statement select = reader_.prepare("SELECT json FROM documents");
    Status status;
    std::vector<std::string> texts;
    bool more = true;
    while (more) {
      texts.clear();
      while (texts.size() < kLoadChunkRows && (more = select.step(status))) {
        texts.emplace_back(select.column_text(0));
      }
      if (!status) return status;
      auto documents = parse_in_parallel(texts);
      if (!documents.ok()) return std::move(documents).error();
      for (Value& document : *documents) visit(std::move(document));
    }
    return status;
  }
  Result<std::uint64_t> last_position() override {
    return single_number("SELECT max(position) FROM log");
  }
  Result<std::uint64_t> first_position() override {
    return single_number("SELECT min(position) FROM log");
  }

  Result<std::vector<LogRecord>> read_log(std::uint64_t after, std::size_t limit) override {
    std::lock_guard lock(read_mutex_);
    Statement select = reader_.prepare(
        "SELECT position, transaction_id, timestamp, identity, writes FROM log "
        "WHERE position > ?1 ORDER BY position LIMIT ?2");
    select.bind(1, static_cast<std::int64_t>(after)).bind(2, static_cast<std::int64_t>(limit));
    std::vector<LogRecord> records;
    Status status;
    while (select.step(status)) {
      auto writes = decode_writes(select.column_text(4));
      if (!writes.ok()) return std::move(writes).error();
      records.push_back(LogRecord{static_cast<std::uint64_t>(select.column_int(0)),
                                  std::string(select.column_text(1)),
                                  std::string(select.column_text(2)),
                                  std::string(select.column_text(3)), std::move(*writes)});
    }
    if (!status) return std::move(status).error();
    return records;
  }

  Result<std::uint64_t> find_position(const std::string& transaction_id) override {
    if (!options_.read_only) {
      if (auto position = transaction_ids_.find(transaction_id)) return *position;
      return not_retained(transaction_id);
    }
    // A read-only open (export beside a server) has no index: scan the log.
    std::lock_guard lock(read_mutex_);
    Statement select = reader_.prepare(
        "SELECT position FROM log WHERE transaction_id = ?1 ORDER BY position DESC LIMIT 1");
    select.bind(1, transaction_id);
    Status status;
    if (select.step(status)) return static_cast<std::uint64_t>(select.column_int(0));
    if (!status) return std::move(status).error();
    return not_retained(transaction_id);
  }

  Status scan_documents_json(
      const std::function<bool(std::string_view, std::string_view)>& visit) override {
    std::lock_guard lock(read_mutex_);
    Statement select = reader_.prepare("SELECT id, json FROM documents ORDER BY id");
    Status status;
    while (select.step(status)) {
      if (!visit(select.column_text(0), select.column_text(1))) break;
    }
    return status;
  }

  Status persist(const std::vector<const LogRecord*>& records) override {
    if (options_.read_only) return Error::internal("storage opened read-only");
    if (records.empty()) return Status::success();
    std::lock_guard lock(write_mutex_);
    if (Status s = writer_.exec("BEGIN IMMEDIATE"); !s) return s;
    Status status = write_records(records);
    std::uint64_t trim_through = 0;
    if (status) {
      std::uint64_t last = records.back()->position;
      std::uint64_t keep = std::max<std::uint64_t>(1, options_.log_retention);
      if (last > keep) {
        trim_through = last - keep;
        status = trim_log_.bind(1, static_cast<std::int64_t>(trim_through)).run();
      }
    }
    if (status) status = writer_.exec("COMMIT");
    if (!status) {
      (void)writer_.exec("ROLLBACK");
      document_rows_.rollback();
      return status;
    }
    document_rows_.commit();
    for (const LogRecord* record : records) {
      transaction_ids_.add(record->position, record->transaction_id);
    }
    transaction_ids_.trim_through(trim_through);
    return status;
  }

  Result<std::unique_ptr<AuthStorage>> open_auth_storage() override {
    if (options_.read_only) return Error::unavailable("storage opened read-only");
    return open_sqlite_auth_storage(path_);
  }

 private:
  Status write_records(const std::vector<const LogRecord*>& records) {
    for (const LogRecord* record : records) {
      json_.serialize(*record);
      for (std::size_t i = 0; i < record->writes.size(); ++i) {
        const DocumentWrite& write = record->writes[i];
        Status s;
        std::optional<std::int64_t> rowid = document_rows_.find(write.id);
        if (write.next.is_null()) {
          if (rowid) {
            s = delete_.bind(1, *rowid).run();
            if (s) document_rows_.erase(write.id);
          }
        } else if (rowid) {
          s = update_.bind(1, *rowid).bind_static(2, json_.document(i)).run();
        } else {
          s = insert_.bind(1, write.id).bind_static(2, json_.document(i)).run();
          if (s) document_rows_.put(write.id, sqlite3_last_insert_rowid(writer_.handle()));
        }
        if (!s) return s;
      }
      Status s = insert_log_.bind(1, static_cast<std::int64_t>(record->position))
                     .bind(2, record->transaction_id)
                     .bind(3, record->timestamp)
                     .bind(4, record->identity)
                     .bind_static(5, json_.writes())
                     .run();
      if (!s) return s;
    }
    return Status::success();
  }

  Status migrate() {
    Statement select = writer_.prepare("SELECT value FROM meta WHERE key = 'schema_version'");
    Status status;
    std::string version = select.step(status) ? std::string(select.column_text(0)) : "";
    select.reset();
    if (!status) return status;
    if (version == "2") return Status::success();
    if (version != "1") return Error::internal("unknown schema version '" + version + "'");
    if (Status s = writer_.exec(kMigrateFrom1); !s) {
      (void)writer_.exec("ROLLBACK");
      return s;
    }
    return Status::success();
  }

  Status load_document_rows() {
    Statement select = writer_.prepare("SELECT rowid, id FROM documents");
    Status status;
    while (select.step(status)) {
      document_rows_.load(std::string(select.column_text(1)), select.column_int(0));
    }
    return status;
  }

  Status load_transaction_ids() {
    Statement select =
        writer_.prepare("SELECT position, transaction_id FROM log ORDER BY position");
    Status status;
    while (select.step(status)) {
      transaction_ids_.add(static_cast<std::uint64_t>(select.column_int(0)),
                           std::string(select.column_text(1)));
    }
    return status;
  }

  static Error not_retained(const std::string& transaction_id) {
    return Error::not_found("transaction " + transaction_id + " is not in the retained log");
  }

  Result<std::uint64_t> single_number(std::string_view sql) {
    std::lock_guard lock(read_mutex_);
    Statement select = reader_.prepare(sql);
    Status status;
    if (select.step(status)) return static_cast<std::uint64_t>(select.column_int(0));
    if (!status) return std::move(status).error();
    return std::uint64_t{0};
  }

  // Holds the data directory's flock until after the connections are closed (declared first).
  struct DirectoryLock {
    explicit DirectoryLock(int fd) : fd(fd) {}
    ~DirectoryLock() {
      if (fd >= 0) ::close(fd);
    }
    int fd;
  } lock_;
  SqliteOptions options_;
  std::string path_;
  std::mutex write_mutex_;  // guards writer_ and its statements
  Connection writer_;
  Statement insert_, update_, delete_, insert_log_, trim_log_;
  sqlite::DocumentRows document_rows_;          // ids of the stored documents (writable opens)
  sqlite::TransactionIdIndex transaction_ids_;  // the retained log's ids (writable opens)
  sqlite::Checkpointer checkpointer_;           // stops before writer_ closes
  RecordJson json_;                             // persist's serialized record, reused
  std::mutex read_mutex_;                       // guards reader_
  Connection reader_;
};

}  // namespace

Result<std::unique_ptr<Storage>> open_sqlite(const std::string& dir, SqliteOptions options) {
  namespace fs = std::filesystem;
  if (dir.empty()) return Error::invalid("the data directory must not be empty");
  std::error_code ec;
  fs::path path = fs::path(dir) / "ledgerline.db";
  int lock_fd = -1;
  if (options.read_only) {
    if (!fs::exists(path, ec)) return Error::not_found("no database at " + path.string());
  } else {
    fs::create_directories(dir, ec);
    if (ec) return Error::invalid("cannot create data directory " + dir + ": " + ec.message());
    std::string lock_path = (fs::path(dir) / "ledgerline.lock").string();
    lock_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock_fd < 0) return Error::invalid("cannot open " + lock_path);
    if (::flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
      ::close(lock_fd);
      return Error::unavailable("data directory " + dir +
                                " is in use by another ledgerline process");
    }
  }
  auto storage = std::make_unique<SqliteStorage>(options, lock_fd);
  if (Status s = storage->open(path.string()); !s) return std::move(s).error();
  return std::unique_ptr<Storage>(std::move(storage));
}

}  // namespace ledgerline::storage
