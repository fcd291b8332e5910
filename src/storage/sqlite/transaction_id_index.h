// TransactionIdIndex: the retained log's transaction id -> position, kept in memory by the
// SQLite engine in place of a B-tree index on log(transaction_id). Ids are random, so that
// index dirtied one random page per commit (a whole WAL frame, written twice with the
// checkpoint) and cost about a third of the durable commit rate. Thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace ledgerline::storage::sqlite {

class TransactionIdIndex {
 public:
  // Records a persisted log record; positions arrive in ascending order. A reused id maps to
  // its newest position.
  void add(std::uint64_t position, const std::string& transaction_id);
  // Forgets every record at or below `position` (the log was trimmed through it).
  void trim_through(std::uint64_t position);
  std::optional<std::uint64_t> find(const std::string& transaction_id) const;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::uint64_t> positions_;
  // Every added record in position order; the pointer is the map node's key (stable).
  std::deque<std::pair<std::uint64_t, const std::string*>> order_;
};

}  // namespace ledgerline::storage::sqlite
