// DocumentRows: document id -> rowid of its row in the `documents` table, kept in memory by
// the SQLite engine in place of a unique index on documents(id). Ids are random, so that index
// dirtied one random page per new document (a whole WAL frame, written again by the
// checkpoint); without it a new row is an append. Writer-only, like the writes it tracks;
// changes made inside a storage transaction are undone with it on rollback.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ledgerline::storage::sqlite {

class DocumentRows {
 public:
  // Fills the map from the stored rows (outside any storage transaction: nothing to undo).
  void load(std::string id, std::int64_t rowid) { rows_.insert_or_assign(std::move(id), rowid); }
  std::optional<std::int64_t> find(const std::string& id) const;
  void put(const std::string& id, std::int64_t rowid);  // recorded for rollback
  void erase(const std::string& id);                    // recorded for rollback
  // Ends a storage transaction: commit() keeps its changes, rollback() undoes them.
  void commit() { undo_.clear(); }
  void rollback();

 private:
  std::unordered_map<std::string, std::int64_t> rows_;
  std::vector<std::pair<std::string, std::optional<std::int64_t>>> undo_;  // id, previous rowid
};

}  // namespace ledgerline::storage::sqlite
