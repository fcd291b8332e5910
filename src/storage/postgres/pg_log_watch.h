// LISTEN/NOTIFY for the nodes on one database: a NotificationListener (a connection of its own
// that LISTENs on one channel), and the two watches built on it — the log watch (every commit
// notifies its newest log position, so other nodes catch up at once) and the revocation watch
// (a node that ends a credential tells the others, so they close its open streams).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "storage/auth_storage.h"
#include "storage/postgres/pg_connection.h"
#include "storage/storage.h"
#include "util/result.h"

namespace ledgerline::storage::postgres {

// Channels are per database, and one database may hold several shops (one schema each): every
// payload starts with its shop's scope, the schema its tables are in, and a newline; listeners
// keep only their own scope's.
// The channel persist() notifies (payload: scope, newest log position in decimal).
inline constexpr std::string_view kLogChannel = "ledgerline_log";
// The channel revocations are announced on (payload: scope, "SENDER USER_ID CREDENTIAL_ID").
inline constexpr std::string_view kRevocationChannel = "ledgerline_revocations";

// The scope of the tables `connection` uses (its current schema).
Result<std::string> notification_scope(Connection& connection);
// `scope`, a newline, then `message`.
std::string scoped_payload(std::string_view scope, std::string_view message);

class NotificationListener {
 public:
  virtual ~NotificationListener() = default;
  // Blocks until notifications arrive, `timeout` passes or stop() is called; answers their
  // payloads (none on timeout). kUnavailable while the server is unreachable (notifications
  // may be lost meanwhile; it listens again on the next call).
  virtual Result<std::vector<std::string>> wait(std::chrono::milliseconds timeout) = 0;
  // Wakes wait() and makes every later call answer at once. Thread-safe.
  virtual void stop() = 0;
};

// Connects to `url` and listens on `channel` for payloads of `scope` (wait() answers them
// without the scope). kUnavailable when the server cannot be reached.
Result<std::unique_ptr<NotificationListener>> listen_for(const std::string& url,
                                                         std::string_view channel,
                                                         std::string scope);

// The log watch: `scope`'s payloads of kLogChannel read as positions.
Result<std::unique_ptr<LogWatch>> open_log_watch(const std::string& url, std::string scope);

// The revocation watch: `scope`'s announcements from senders other than `self`.
Result<std::unique_ptr<RevocationWatch>> open_revocation_watch(const std::string& url,
                                                               std::string scope, std::string self);

}  // namespace ledgerline::storage::postgres
