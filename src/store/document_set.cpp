#include "store/document_set.h"

#include <algorithm>
#include <map>
#include <thread>
#include <utility>

namespace ledgerline::store {
namespace {

const Key kIdKey = Key::intern("_id");
const Key kTypeKey = Key::intern("_type");
const Key kRefKey = Key::intern("_ref");

void collect_into(const Value& value, std::vector<Value>& out) {
  if (value.is_object()) {
    for (const Member& member : value.as_object()) {
      if (member.key == kRefKey) {
        if (member.value.is_string()) out.push_back(member.value);
      } else if (member.value.is_object() || member.value.is_array()) {
        collect_into(member.value, out);
      }
    }
  } else if (value.is_array()) {
    for (const Value& item : value.as_array()) {
      if (item.is_object() || item.is_array()) collect_into(item, out);
    }
  }
}

bool string_less(const Value& a, const Value& b) {
  return a.as_string() < b.as_string();
}
bool string_equal(const Value& a, const Value& b) {
  return a.as_string() == b.as_string();
}

}  // namespace

std::vector<Value> collect_references(const Value& document) {
  std::vector<Value> refs;
  collect_into(document, refs);
  std::sort(refs.begin(), refs.end(), string_less);
  refs.erase(std::unique(refs.begin(), refs.end(), string_equal), refs.end());
  return refs;
}

DocumentSet DocumentSet::build(std::vector<Value> documents) {
  // Sort (id, index) pairs rather than documents: comparisons touch no document members.
  std::vector<std::pair<std::string_view, std::size_t>> order;
  order.reserve(documents.size());
  for (std::size_t i = 0; i < documents.size(); ++i) {
    order.emplace_back(documents[i].get(kIdKey).as_string(), i);
  }
  std::sort(order.begin(), order.end());
  std::vector<std::pair<IndexKey, Value>> id_entries;
  id_entries.reserve(documents.size());
  for (const auto& [id, index] : order) {
    id_entries.emplace_back(IndexKey(documents[index].get(kIdKey)), std::move(documents[index]));
  }
  order.clear();
  documents.clear();

  DocumentSet set;
  // The reference index is the costliest part: build it on a second thread.
  std::thread reference_builder([&] {
    std::vector<std::pair<PairKey, NoValue>> entries;
    for (const auto& [id, document] : id_entries) {
      for (Value& ref : collect_references(document)) {
        entries.push_back({PairKey{IndexKey(ref), id}, NoValue{}});
      }
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return PairKeyLess{}(a.first, b.first); });
    set.references_ = ReferenceIndex::from_sorted(std::move(entries));
  });
  // Documents are in _id order, so grouping them by type keeps (_type, _id) order.
  std::map<std::string_view, std::vector<std::size_t>> by_type;
  for (std::size_t i = 0; i < id_entries.size(); ++i) {
    const Value& type = id_entries[i].second.get(kTypeKey);
    if (type.is_string()) by_type[type.as_string()].push_back(i);
  }
  std::vector<std::pair<PairKey, Value>> type_entries;
  type_entries.reserve(id_entries.size());
  for (const auto& [type, indexes] : by_type) {
    for (std::size_t i : indexes) {
      const auto& [id, document] = id_entries[i];
      type_entries.push_back({PairKey{IndexKey(document.get(kTypeKey)), id}, document});
    }
  }
  set.by_type_ = TypeIndex::from_sorted(std::move(type_entries));
  reference_builder.join();  // it reads `id_entries`, which the next line moves from
  set.documents_ = DocumentMap::from_sorted(std::move(id_entries));
  return set;
}

void DocumentSet::put(const Value& document) {
  IndexKey id(document.get(kIdKey));
  Value old_document;
  bool created = documents_.insert_or_assign(id, document, &old_document);
  index(id, created ? nullptr : &old_document, &document);
}

void DocumentSet::remove(std::string_view id) {
  const Value* old = documents_.find(id);
  if (old == nullptr) return;
  Value old_document = *old;
  IndexKey id_key(old_document.get(kIdKey));
  documents_.erase(id);
  index(id_key, &old_document, nullptr);
}

void DocumentSet::index(const IndexKey& id, const Value* old_document, const Value* new_document) {
  const Value& old_type = old_document ? old_document->get(kTypeKey) : Value();
  const Value& new_type = new_document ? new_document->get(kTypeKey) : Value();
  if (old_type.is_string() && !(new_type.is_string() && string_equal(old_type, new_type))) {
    by_type_.erase(PairKey{IndexKey(old_type), id});
  }
  if (new_type.is_string()) {
    by_type_.insert_or_assign(PairKey{IndexKey(new_type), id}, *new_document);
  }

  if (deferred_references_ != nullptr) {
    deferred_references_->push_back(
        {id, old_document ? *old_document : Value(), new_document ? *new_document : Value()});
    fetched_references_.reset();
  } else {
    index_references(references_, id, old_document, new_document);
  }
}

void DocumentSet::index_references(ReferenceIndex& index, const IndexKey& id,
                                   const Value* old_document, const Value* new_document) {
  std::vector<Value> old_refs =
      old_document ? collect_references(*old_document) : std::vector<Value>{};
  std::vector<Value> new_refs =
      new_document ? collect_references(*new_document) : std::vector<Value>{};
  if (old_refs.size() == new_refs.size() &&
      std::equal(old_refs.begin(), old_refs.end(), new_refs.begin(), string_equal)) {
    return;
  }
  std::vector<Value> removed, added;
  std::set_difference(old_refs.begin(), old_refs.end(), new_refs.begin(), new_refs.end(),
                      std::back_inserter(removed), string_less);
  std::set_difference(new_refs.begin(), new_refs.end(), old_refs.begin(), old_refs.end(),
                      std::back_inserter(added), string_less);
  for (const Value& ref : removed) index.erase(PairKey{IndexKey(ref), id});
  for (const Value& ref : added) index.insert_or_assign(PairKey{IndexKey(ref), id}, NoValue{});
}

void DocumentSet::defer_references(std::vector<ReferenceChange>* changes, ReferenceSource current) {
  deferred_references_ = changes;
  current_references_ = std::move(current);
  fetched_references_.reset();
  references_ = ReferenceIndex{};  // would only keep outdated nodes alive
}

DocumentSet DocumentSet::with_references(ReferenceIndex references) const {
  DocumentSet set = *this;
  set.references_ = std::move(references);
  set.deferred_references_ = nullptr;
  set.current_references_ = nullptr;
  set.fetched_references_.reset();
  return set;
}

void DocumentSet::apply_reference_changes(ReferenceIndex& index,
                                          const std::vector<ReferenceChange>& changes) {
  for (const ReferenceChange& change : changes) {
    index_references(index, change.id, change.before.is_null() ? nullptr : &change.before,
                     change.after.is_null() ? nullptr : &change.after);
  }
}

void DocumentSet::for_each(const std::function<bool(const Value&)>& visit) const {
  documents_.for_each([&](const IndexKey&, const Value& document) { return visit(document); });
}

void DocumentSet::for_each_of_type(std::string_view type,
                                   const std::function<bool(const Value&)>& visit) const {
  PairKey lower{IndexKey(type), IndexKey()};
  by_type_.for_each_from(lower, [&](const PairKey& key, const Value& document) {
    return key.first.view() == type && visit(document);
  });
}

void DocumentSet::for_each_referencing(std::string_view id,
                                       const std::function<bool(const Value&)>& visit) const {
  ReferenceIndex index = references_;  // a copy shares the tree: safe should a visit change it
  if (deferred_references_ != nullptr) {
    if (!fetched_references_) fetched_references_ = current_references_();
    index = *fetched_references_;
  }
  PairKey lower{IndexKey(id), IndexKey()};
  index.for_each_from(lower, [&](const PairKey& key, const NoValue&) {
    if (key.first.view() != id) return false;
    const Value* document = documents_.find(key.second.view());
    return document == nullptr || visit(*document);
  });
}

}  // namespace ledgerline::store
