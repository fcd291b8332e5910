// Draft: the documents one transaction reads and writes while an action (or a batch of them)
// is computed on the commit thread. Reads see the working state with this draft's writes laid
// over it; writes are recorded as Sanity mutations (create, patch set) in order. Checkpoints let
// a batch drop one failed action's writes and keep the others'.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "groq/groq.h"
#include "util/value.h"

namespace ledgerline::app {

class Draft {
 public:
  // `working` must stay unchanged while the draft is used (true on the commit thread).
  explicit Draft(const groq::Dataset& working) : working_(working) {}

  // The document as this transaction will leave it so far, or nullptr.
  const Value* get(std::string_view id) const;
  const groq::Dataset& working() const { return working_; }

  // Records a create of `document` (it must carry _id and _type).
  void create(Value document);
  // Records `{"patch": {"id": id, "set": fields}}` (fields: an object of top-level members).
  void set(const std::string& id, Value fields);

  struct Checkpoint {
    std::size_t mutations;
    std::size_t undo;
  };
  Checkpoint checkpoint() const { return {mutations_.size(), undo_.size()}; }
  // Forgets every write made after `point`.
  void rollback(Checkpoint point);

  bool empty() const { return mutations_.empty(); }
  // The mutations array for the store.
  Value mutations() const { return Value::array(mutations_); }

 private:
  void remember(const std::string& id);

  const groq::Dataset& working_;
  std::unordered_map<std::string, Value> written_;  // id -> document after this draft's writes
  struct Undo {
    std::string id;
    std::optional<Value> previous;  // nullopt: id was not in written_
  };
  std::vector<Undo> undo_;
  std::vector<Value> mutations_;
};

}  // namespace ledgerline::app
