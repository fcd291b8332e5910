#include "storage/sqlite/transaction_id_index.h"

namespace ledgerline::storage::sqlite {

void TransactionIdIndex::add(std::uint64_t position, const std::string& transaction_id) {
  std::lock_guard lock(mutex_);
  auto [it, inserted] = positions_.insert_or_assign(transaction_id, position);
  order_.emplace_back(position, &it->first);
}

void TransactionIdIndex::trim_through(std::uint64_t position) {
  std::lock_guard lock(mutex_);
  while (!order_.empty() && order_.front().first <= position) {
    auto it = positions_.find(*order_.front().second);
    // A reused id's node now belongs to its newer record; that one is erased in its turn.
    if (it != positions_.end() && it->second == order_.front().first) positions_.erase(it);
    order_.pop_front();
  }
}

std::optional<std::uint64_t> TransactionIdIndex::find(const std::string& transaction_id) const {
  std::lock_guard lock(mutex_);
  auto it = positions_.find(transaction_id);
  if (it == positions_.end()) return std::nullopt;
  return it->second;
}

}  // namespace ledgerline::storage::sqlite
