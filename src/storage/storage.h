// Storage: the durable engine behind the store (SQLite embedded; PostgreSQL for scale-out).
// It persists documents and the transaction log; the store keeps everything else in memory.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "storage/auth_storage.h"
#include "util/result.h"
#include "util/value.h"

namespace ledgerline::storage {

// One document write inside a persisted transaction.
struct DocumentWrite {
  std::string id;
  std::string previous_rev;  // "" when the document did not exist
  std::string next_rev;      // "" when the document is deleted
  Value previous;            // null when absent
  Value next;                // null when deleted
  Value mutations;           // the mutations that touched it (array)
};

struct LogRecord {
  std::uint64_t position = 0;
  std::string transaction_id;
  std::string timestamp;
  std::string identity;
  std::vector<DocumentWrite> writes;
};

// News of commits by other writers on a shared engine (PostgreSQL's LISTEN/NOTIFY). Used by
// one thread; stop() may be called from any.
class LogWatch {
 public:
  virtual ~LogWatch() = default;
  // Blocks until a writer announces a commit, `timeout` passes or stop() is called. Answers the
  // newest log position announced (0: none). kUnavailable while the engine is unreachable
  // (announcements may have been missed: catch up from the log once it is back).
  virtual Result<std::uint64_t> wait(std::chrono::milliseconds timeout) = 0;
  // Wakes wait() and makes every later call answer at once.
  virtual void stop() = 0;
};

class Storage {
 public:
  virtual ~Storage() = default;
  // Streams every current document (any order).
  virtual Status load_documents(const std::function<void(Value)>& visit) = 0;
  // The highest log position persisted (0 when empty).
  virtual Result<std::uint64_t> last_position() = 0;
  // Log records with position > after, oldest first, at most limit.
  virtual Result<std::vector<LogRecord>> read_log(std::uint64_t after, std::size_t limit) = 0;
  // The lowest retained log position (0 when empty).
  virtual Result<std::uint64_t> first_position() = 0;
  // The position of the retained log record with this transaction id, or kNotFound.
  virtual Result<std::uint64_t> find_position(const std::string& transaction_id) = 0;
  // Streams every current document's stored JSON text in _id order, from one consistent
  // read snapshot, until `visit` returns false (used by export without loading everything).
  virtual Status scan_documents_json(
      const std::function<bool(std::string_view id, std::string_view json)>& visit) = 0;
  // Durably writes a group of transactions (documents and log records) in one storage
  // transaction with one sync; all or nothing. Records are in position order and continue
  // last_position(). Trims the log to the engine's retention afterwards. After begin_write()
  // it writes inside, and ends, that write (also when it fails).
  virtual Status persist(const std::vector<const LogRecord*>& records) = 0;

  // Several writers (an engine shared by several nodes). A writer calls begin_write() with the
  // log position its in-memory state shows: the engine takes its writer lock (held until
  // persist() or abandon_write()) and answers the records other writers committed after
  // `known`, oldest first, continuing it. The writer applies them, then prepares and persists
  // its own group after them: one order for every node. Engines with a single writer (SQLite,
  // whose folder lock keeps a second process out) answer no records and lock nothing.
  virtual Result<std::vector<LogRecord>> begin_write(std::uint64_t known) {
    (void)known;
    return std::vector<LogRecord>{};
  }
  // Ends a write begun with begin_write() without persisting anything.
  virtual void abandon_write() {}
  // True when other writers may commit to this engine (the store then follows the log).
  virtual bool shared() const { return false; }
  // A watch on other writers' commits (on its own connection), for engines that are shared().
  virtual Result<std::unique_ptr<LogWatch>> watch_log() {
    return Error::unavailable("this storage engine has a single writer");
  }
  // The auth part (credentials, token hashes, sessions; never documents), on its own
  // connection so it may outlive this object while the process runs. Engines without one
  // answer kUnavailable.
  virtual Result<std::unique_ptr<AuthStorage>> open_auth_storage() {
    return Error::unavailable("this storage engine keeps no credentials");
  }
};

}  // namespace ledgerline::storage
