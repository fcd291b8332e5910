// Draft: the documents one transaction reads and writes while an action (or a batch of them)
// is computed on the commit thread. Reads see the working state with this draft's writes laid
// over it. Writes are coalesced per document: mutations() gives one `create` for each document
// the draft made (with its final content) and one `patch set` of the changed members for each
// existing document it changed, in first-touch order — so a batch of many actions touching the
// same product or counter stays one mutation per document. Checkpoints let a batch drop one
// failed action's writes and keep the others'.
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

  // Creates `document` (it must carry _id and _type; the id must be free).
  void create(Value document);
  // Sets top-level members (`fields`: an object) of an existing or drafted document.
  void set(const std::string& id, Value fields);

  struct Checkpoint {
    std::size_t order;
    std::size_t undo;
  };
  Checkpoint checkpoint() const { return {order_.size(), undo_.size()}; }
  // Forgets every write made after `point`.
  void rollback(Checkpoint point);

  bool empty() const { return order_.empty(); }
  // The mutations array for the store.
  Value mutations() const;

 private:
  struct Written {
    Value document;
    bool created = false;
  };
  void remember(const std::string& id);

  const groq::Dataset& working_;
  std::unordered_map<std::string, Written> written_;
  std::vector<std::string> order_;  // ids in first-touch order
  struct Undo {
    std::string id;
    std::optional<Written> previous;  // nullopt: id was not in written_
  };
  std::vector<Undo> undo_;
};

}  // namespace ledgerline::app
