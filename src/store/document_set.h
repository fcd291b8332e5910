// DocumentSet: one version of the whole document set with its indexes (_id order, _type, reverse
// references), as persistent B+trees. Copying a DocumentSet is O(1); changing a copy costs in
// proportion to the change and never disturbs other copies (readers of older versions).
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

#include "store/persistent_btree.h"
#include "util/value.h"

namespace ledgerline::store {

// Orders string Values (and string_views) by bytes.
struct StringKeyLess {
  using is_transparent = void;
  bool operator()(const Value& a, const Value& b) const { return a.as_string() < b.as_string(); }
  bool operator()(const Value& a, std::string_view b) const { return a.as_string() < b; }
  bool operator()(std::string_view a, const Value& b) const { return a < b.as_string(); }
};

// A two-part index key: (_type, _id) or (referenced id, referencing id).
struct PairKey {
  Value first;
  Value second;
};
struct PairKeyLess {
  bool operator()(const PairKey& a, const PairKey& b) const {
    int c = a.first.as_string().compare(b.first.as_string());
    return c != 0 ? c < 0 : a.second.as_string() < b.second.as_string();
  }
};
struct NoValue {};

// The distinct `_ref` strings found anywhere inside `document`, sorted.
std::vector<Value> collect_references(const Value& document);

class DocumentSet {
 public:
  // Builds a set from documents with distinct string `_id`s, in O(n log n).
  static DocumentSet build(std::vector<Value> documents);

  std::size_t size() const { return documents_.size(); }
  // The document with this _id, or nullptr; valid while this version lives.
  const Value* get(std::string_view id) const { return documents_.find(id); }

  // Inserts or replaces the document with `document`'s `_id`; keeps the indexes in step.
  void put(const Value& document);
  // Removes the document with this _id (no-op when absent).
  void remove(std::string_view id);

  // Visitors run in _id order until `visit` returns false.
  void for_each(const std::function<bool(const Value&)>& visit) const;
  void for_each_of_type(std::string_view type,
                        const std::function<bool(const Value&)>& visit) const;
  void for_each_referencing(std::string_view id,
                            const std::function<bool(const Value&)>& visit) const;

 private:
  using DocumentMap = PersistentBTree<Value, Value, StringKeyLess>;  // _id -> document
  using TypeIndex = PersistentBTree<PairKey, Value, PairKeyLess>;    // (_type, _id) -> document
  using ReferenceIndex = PersistentBTree<PairKey, NoValue, PairKeyLess>;  // (to, from)

  void index(const Value& id, const Value* old_document, const Value* new_document);

  DocumentMap documents_;
  TypeIndex by_type_;
  ReferenceIndex references_;
};

}  // namespace ledgerline::store
