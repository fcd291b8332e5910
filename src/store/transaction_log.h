// TransactionLog: the committed transactions listeners resume from. The newest ones stay in
// memory; older ones are read back from storage until its retention drops them.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "storage/storage.h"
#include "store/store.h"

namespace ledgerline::store {

// The storage record of a transaction and back (the two shapes carry the same facts).
storage::LogRecord to_log_record(const CommittedTransaction& transaction);
TransactionPtr from_log_record(storage::LogRecord record);

class TransactionLog {
 public:
  // `storage` must outlive the log; `capacity` transactions are kept in memory.
  TransactionLog(storage::Storage& storage, std::size_t capacity)
      : storage_(storage), capacity_(capacity) {}

  // Adds the next committed transaction (positions are consecutive). The store's writer only.
  // Returns the transaction that no longer fits in memory (or null), for the caller to free
  // when it is not keeping anyone waiting: the last reference to old document versions.
  TransactionPtr append(TransactionPtr transaction);

  // See Store::read_log / Store::position_of. Thread-safe.
  Result<std::vector<TransactionPtr>> read(std::uint64_t after, std::size_t limit) const;
  Result<std::uint64_t> position_of(const std::string& transaction_id) const;

 private:
  Result<std::vector<TransactionPtr>> read_from_storage(std::uint64_t after,
                                                        std::size_t limit) const;

  storage::Storage& storage_;
  std::size_t capacity_;
  mutable std::mutex mutex_;  // guards recent_
  std::deque<TransactionPtr> recent_;
};

}  // namespace ledgerline::store
