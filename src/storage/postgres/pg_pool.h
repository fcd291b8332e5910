// ConnectionPool: a few connections to one server shared by many threads. acquire() lends a free
// connection, opening another while fewer than `max` are open, else waiting for one; the lease
// gives it back when it goes away. Each call on a leased connection is the lessee's alone.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/postgres/pg_connection.h"
#include "util/result.h"

namespace ledgerline::storage::postgres {

class ConnectionPool {
 public:
  class Lease {
   public:
    Lease(ConnectionPool* pool, Connection* connection) : pool_(pool), connection_(connection) {}
    Lease(Lease&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)), connection_(other.connection_) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (pool_) pool_->give_back(connection_);
    }
    Connection* operator->() const { return connection_; }
    Connection& operator*() const { return *connection_; }

   private:
    ConnectionPool* pool_;
    Connection* connection_;
  };

  // Opens the first connection (errors as Connection::open); at most `max` (>= 1) are open.
  Status open(const std::string& url, std::size_t max);
  Result<Lease> acquire();

 private:
  void give_back(Connection* connection);

  std::string url_;
  std::size_t max_ = 1;
  std::mutex mutex_;  // guards everything below
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> all_;
  std::vector<Connection*> free_;
  std::size_t opening_ = 0;  // connections being opened outside the lock
};

}  // namespace ledgerline::storage::postgres
