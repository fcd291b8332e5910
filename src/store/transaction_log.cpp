#include "store/transaction_log.h"

#include <algorithm>

namespace ledgerline::store {

storage::LogRecord to_log_record(const CommittedTransaction& transaction) {
  storage::LogRecord record{transaction.position,
                            transaction.transaction_id,
                            transaction.timestamp,
                            transaction.identity,
                            {}};
  record.writes.reserve(transaction.changes.size());
  for (const Change& change : transaction.changes) {
    record.writes.push_back(
        storage::DocumentWrite{change.id, std::string(change.previous.get("_rev").as_string()),
                               std::string(change.next.get("_rev").as_string()), change.previous,
                               change.next, change.mutations});
  }
  return record;
}

TransactionPtr from_log_record(storage::LogRecord record) {
  auto transaction = std::make_shared<CommittedTransaction>();
  transaction->position = record.position;
  transaction->transaction_id = std::move(record.transaction_id);
  transaction->timestamp = std::move(record.timestamp);
  transaction->identity = std::move(record.identity);
  transaction->changes.reserve(record.writes.size());
  for (storage::DocumentWrite& write : record.writes) {
    transaction->changes.push_back(Change{std::move(write.id), std::move(write.previous),
                                          std::move(write.next), std::move(write.mutations)});
  }
  return transaction;
}

TransactionPtr TransactionLog::append(TransactionPtr transaction) {
  TransactionPtr evicted;
  std::lock_guard lock(mutex_);
  recent_.push_back(std::move(transaction));
  if (recent_.size() > capacity_) {
    evicted = std::move(recent_.front());
    recent_.pop_front();
  }
  return evicted;
}

Result<std::vector<TransactionPtr>> TransactionLog::read(std::uint64_t after,
                                                         std::size_t limit) const {
  {
    std::lock_guard lock(mutex_);
    if (!recent_.empty() && after + 1 >= recent_.front()->position) {
      std::vector<TransactionPtr> out;
      std::uint64_t skip = after + 1 - recent_.front()->position;
      for (std::uint64_t i = skip; i < recent_.size() && out.size() < limit; ++i) {
        out.push_back(recent_[i]);
      }
      return out;
    }
  }
  return read_from_storage(after, limit);
}

Result<std::vector<TransactionPtr>> TransactionLog::read_from_storage(std::uint64_t after,
                                                                      std::size_t limit) const {
  auto first = storage_.first_position();
  if (!first.ok()) return std::move(first).error();
  auto last = storage_.last_position();
  if (!last.ok()) return std::move(last).error();
  if (after >= *last) return std::vector<TransactionPtr>{};
  if (*first == 0 || after + 1 < *first) {
    return Error::not_found("log position " + std::to_string(after) +
                            " is older than the retained log");
  }
  auto records = storage_.read_log(after, limit);
  if (!records.ok()) return std::move(records).error();
  std::vector<TransactionPtr> out;
  out.reserve(records->size());
  for (storage::LogRecord& record : *records) out.push_back(from_log_record(std::move(record)));
  return out;
}

Result<std::uint64_t> TransactionLog::position_of(const std::string& transaction_id) const {
  return storage_.find_position(transaction_id);  // the engine indexes every retained id
}

}  // namespace ledgerline::store
