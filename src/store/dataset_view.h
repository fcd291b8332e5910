// groq::Dataset adapters over a DocumentSet: a borrowed view (the commit thread's working
// state, for query-selected mutations) and an owned, immutable snapshot at a log position.
#pragma once

#include <cstdint>

#include "store/document_set.h"
#include "store/store.h"

namespace ledgerline::store {

// Forwards the Dataset calls to a DocumentSet.
template <class Base>
class DocumentSetDataset : public Base {
 public:
  void for_each(const std::function<bool(const Value&)>& visit) const override {
    set().for_each(visit);
  }
  const Value* get(std::string_view id) const override { return set().get(id); }
  void for_each_of_type(std::string_view type,
                        const std::function<bool(const Value&)>& visit) const override {
    set().for_each_of_type(type, visit);
  }
  void for_each_referencing(std::string_view id,
                            const std::function<bool(const Value&)>& visit) const override {
    set().for_each_referencing(id, visit);
  }
  std::size_t size() const override { return set().size(); }

 protected:
  virtual const DocumentSet& set() const = 0;
};

// A view of a DocumentSet owned elsewhere; valid while that set is neither changed nor freed.
class DocumentSetView final : public DocumentSetDataset<groq::Dataset> {
 public:
  explicit DocumentSetView(const DocumentSet& set) : set_(set) {}

 protected:
  const DocumentSet& set() const override { return set_; }

 private:
  const DocumentSet& set_;
};

// The store's published snapshot: a version of the set and the log position it shows.
class StoreSnapshot final : public DocumentSetDataset<Snapshot> {
 public:
  StoreSnapshot(DocumentSet set, std::uint64_t position)
      : set_(std::move(set)), position_(position) {}
  std::uint64_t position() const override { return position_; }
  const DocumentSet& document_set() const { return set_; }

 protected:
  const DocumentSet& set() const override { return set_; }

 private:
  DocumentSet set_;
  std::uint64_t position_;
};

}  // namespace ledgerline::store
