#include "storage/postgres/pg_pool.h"

#include <algorithm>

namespace ledgerline::storage::postgres {

Status ConnectionPool::open(const std::string& url, std::size_t max) {
  url_ = url;
  max_ = std::max<std::size_t>(1, max);
  auto first = std::make_unique<Connection>();
  if (Status s = first->open(url); !s) return s;
  std::lock_guard lock(mutex_);
  free_.push_back(first.get());
  all_.push_back(std::move(first));
  return Status::success();
}

Result<ConnectionPool::Lease> ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  while (free_.empty() && all_.size() + opening_ >= max_) returned_.wait(lock);
  if (!free_.empty()) {
    Connection* connection = free_.back();
    free_.pop_back();
    return Lease(this, connection);
  }
  ++opening_;
  lock.unlock();
  auto connection = std::make_unique<Connection>();
  Status opened = connection->open(url_);
  lock.lock();
  --opening_;
  if (!opened) {
    returned_.notify_one();  // a waiter may open one itself
    return std::move(opened).error();
  }
  Connection* leased = connection.get();
  all_.push_back(std::move(connection));
  return Lease(this, leased);
}

void ConnectionPool::give_back(Connection* connection) {
  {
    std::lock_guard lock(mutex_);
    free_.push_back(connection);
  }
  returned_.notify_one();
}

}  // namespace ledgerline::storage::postgres
