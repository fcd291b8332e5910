#include "storage/sqlite/document_rows.h"

namespace ledgerline::storage::sqlite {

std::optional<std::int64_t> DocumentRows::find(const std::string& id) const {
  auto it = rows_.find(id);
  if (it == rows_.end()) return std::nullopt;
  return it->second;
}

void DocumentRows::put(const std::string& id, std::int64_t rowid) {
  auto [it, inserted] = rows_.try_emplace(id, rowid);
  undo_.emplace_back(id, inserted ? std::nullopt : std::optional<std::int64_t>(it->second));
  it->second = rowid;
}

void DocumentRows::erase(const std::string& id) {
  auto it = rows_.find(id);
  if (it == rows_.end()) return;
  undo_.emplace_back(id, it->second);
  rows_.erase(it);
}

void DocumentRows::rollback() {
  for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) {
    if (it->second) {
      rows_[it->first] = *it->second;
    } else {
      rows_.erase(it->first);
    }
  }
  undo_.clear();
}

}  // namespace ledgerline::storage::sqlite
