// DocumentSet: one version of the whole document set with its indexes (_id order, _type, reverse
// references), as persistent B+trees. Copying a DocumentSet is O(1); changing a copy costs in
// proportion to the change and never disturbs other copies (readers of older versions).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "store/index_key.h"
#include "store/persistent_btree.h"
#include "util/value.h"

namespace ledgerline::store {

// A two-part index key: (_type, _id) or (referenced id, referencing id).
struct PairKey {
  IndexKey first;
  IndexKey second;
};
struct PairKeyLess {
  bool operator()(const PairKey& a, const PairKey& b) const {
    int c = a.first.view().compare(b.first.view());
    return c != 0 ? c < 0 : a.second.view() < b.second.view();
  }
};
struct NoValue {};

// A document's change as the reverse-reference index sees it: its id, the version before
// and the version after (null when absent). A set that defers that index records these.
struct ReferenceChange {
  IndexKey id;
  Value before;
  Value after;
};

// The distinct `_ref` strings found anywhere inside `document`, sorted.
std::vector<Value> collect_references(const Value& document);

class DocumentSet {
 public:
  using ReferenceIndex = PersistentBTree<PairKey, NoValue, PairKeyLess, 16>;  // (to, from)

  // Builds a set from documents with distinct string `_id`s, in O(n log n).
  static DocumentSet build(std::vector<Value> documents);

  std::size_t size() const { return documents_.size(); }
  // The document with this _id, or nullptr; valid while this version lives.
  const Value* get(std::string_view id) const { return documents_.find(id); }

  // Inserts or replaces the document with `document`'s `_id`; keeps the indexes in step.
  void put(const Value& document);
  // Removes the document with this _id (no-op when absent).
  void remove(std::string_view id);

  // Deferred reference indexing, for the commit thread's working state (the costliest index to
  // change, kept up to date beside the persist instead): from now on put() and remove() append
  // each change to `*changes` (which must outlive this set's changes) and leave the reference
  // index empty. for_each_referencing() (only a query mutation's `references()` or `x._ref ==`
  // needs it there) then asks `current` for this set's whole index, kept until the next
  // change. Copies share the deferral.
  using ReferenceSource = std::function<ReferenceIndex()>;
  void defer_references(std::vector<ReferenceChange>* changes, ReferenceSource current);
  // This set with `references` as its reference index, deferring no longer: `references` must
  // be this set's index (an older one with the recorded changes applied).
  DocumentSet with_references(ReferenceIndex references) const;
  const ReferenceIndex& references() const { return references_; }
  // Applies recorded changes, in order, to a reference index (finding each one's references).
  static void apply_reference_changes(ReferenceIndex& index,
                                      const std::vector<ReferenceChange>& changes);

  // Visitors run in _id order until `visit` returns false.
  void for_each(const std::function<bool(const Value&)>& visit) const;
  void for_each_of_type(std::string_view type,
                        const std::function<bool(const Value&)>& visit) const;
  void for_each_referencing(std::string_view id,
                            const std::function<bool(const Value&)>& visit) const;

 private:
  // Node sizes: a commit copies one node per level for each entry it changes, and shares the
  // rest; smaller nodes copy less but make deeper trees. The reference index takes the most
  // changes per document (every _ref), scattered over the referenced ids.
  using DocumentMap = PersistentBTree<IndexKey, Value, IndexKeyLess>;  // _id -> document
  using TypeIndex = PersistentBTree<PairKey, Value, PairKeyLess, 32>;  // (_type, _id) -> document

  void index(const IndexKey& id, const Value* old_document, const Value* new_document);
  static void index_references(ReferenceIndex& index, const IndexKey& id, const Value* old_document,
                               const Value* new_document);

  DocumentMap documents_;
  TypeIndex by_type_;
  ReferenceIndex references_;
  // See defer_references().
  std::vector<ReferenceChange>* deferred_references_ = nullptr;
  ReferenceSource current_references_;
  mutable std::optional<ReferenceIndex> fetched_references_;  // current_references_'s answer
};

}  // namespace ledgerline::store
