// Dataset's default index methods, and VectorDataset: documents in _id order with _id, _type
// and reference indexes built once.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "groq/groq.h"
#include "groq/planner.h"

namespace ledgerline::groq {
namespace {

const Key& id_key() {
  static const Key key = Key::intern("_id");
  return key;
}
const Key& type_key() {
  static const Key key = Key::intern("_type");
  return key;
}
const Key& ref_key() {
  static const Key key = Key::intern("_ref");
  return key;
}

// Every `_ref` string anywhere inside `v` (objects with a _ref are searched further too, so
// the index is a superset of what references() and `x._ref == id` can match).
void collect_refs(const Value& v, std::vector<std::string_view>& out) {
  if (v.is_array()) {
    for (const Value& item : v.as_array()) collect_refs(item, out);
  } else if (v.is_object()) {
    for (const Member& m : v.as_object()) {
      if (m.key == ref_key() && m.value.is_string()) {
        out.push_back(m.value.as_string());
      } else {
        collect_refs(m.value, out);
      }
    }
  }
}

}  // namespace

void Dataset::for_each_of_type(std::string_view type,
                               const std::function<bool(const Value&)>& visit) const {
  for_each([&](const Value& doc) {
    const Value* t = doc.find(type_key());
    if (!t || !t->is_string() || t->as_string() != type) return true;
    return visit(doc);
  });
}

void Dataset::for_each_referencing(std::string_view id,
                                   const std::function<bool(const Value&)>& visit) const {
  std::vector<std::string_view> refs;
  for_each([&](const Value& doc) {
    refs.clear();
    collect_refs(doc, refs);
    if (std::find(refs.begin(), refs.end(), id) == refs.end()) return true;
    return visit(doc);
  });
}

// Document positions by a string key (the _id), in an open-addressing table of positions.
class PositionTable {
 public:
  template <class KeyOf>
  void build(std::size_t count, KeyOf key_of) {
    std::size_t capacity = 16;
    while (capacity < count * 2) capacity *= 2;
    slots_.assign(capacity, kEmpty);
    mask_ = capacity - 1;
    for (std::uint32_t i = 0; i < count; ++i) {
      std::string_view key = key_of(i);
      if (key.data() == nullptr) continue;
      std::size_t slot = std::hash<std::string_view>()(key) & mask_;
      while (slots_[slot] != kEmpty && key_of(slots_[slot]) != key) slot = (slot + 1) & mask_;
      slots_[slot] = i;  // a later duplicate replaces the earlier one
    }
  }
  template <class KeyOf>
  std::optional<std::uint32_t> find(std::string_view key, KeyOf key_of) const {
    if (slots_.empty()) return std::nullopt;
    for (std::size_t slot = std::hash<std::string_view>()(key) & mask_; slots_[slot] != kEmpty;
         slot = (slot + 1) & mask_)
      if (key_of(slots_[slot]) == key) return slots_[slot];
    return std::nullopt;
  }

 private:
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFF;
  std::vector<std::uint32_t> slots_;
  std::size_t mask_ = 0;
};

class VectorDataset final : public Dataset {
 public:
  explicit VectorDataset(std::vector<Value> documents) : docs_(std::move(documents)) {
    sort_by_id();
    members_.reserve(docs_.size());
    for (const Value& doc : docs_) members_.push_back(doc.as_object().data());
    for (std::uint32_t i = 0; i < docs_.size(); ++i)
      if (const Value* type = docs_[i].find(type_key()); type && type->is_string())
        types_[type->as_string()].push_back(i);
    ids_.build(docs_.size(), [this](std::uint32_t i) { return id_of(i); });
    index_references();
  }

  void for_each(const std::function<bool(const Value&)>& visit) const override {
    for (std::uint32_t i = 0; i < docs_.size(); ++i) {
      prefetch(i + kPrefetchDistance);
      if (!visit(docs_[i])) return;
    }
  }

  const Value* get(std::string_view id) const override {
    auto i = ids_.find(id, [this](std::uint32_t d) { return id_of(d); });
    return i ? &docs_[*i] : nullptr;
  }

  void for_each_of_type(std::string_view type,
                        const std::function<bool(const Value&)>& visit) const override {
    auto it = types_.find(type);
    if (it == types_.end()) return;
    visit_list(it->second.data(), it->second.size(), visit);
  }

  void for_each_referencing(std::string_view id,
                            const std::function<bool(const Value&)>& visit) const override {
    auto it = ref_ids_.find(id);
    if (it == ref_ids_.end()) return;
    std::uint32_t begin = ref_offsets_[it->second], end = ref_offsets_[it->second + 1];
    visit_list(ref_docs_.data() + begin, end - begin, visit);
  }

  std::size_t size() const override { return docs_.size(); }

 private:
  // Scans are bound by memory latency (documents are scattered over the heap): fetching the
  // attribute lines of documents a few positions ahead keeps several misses in flight.
  static constexpr std::uint32_t kPrefetchDistance = 24;
  static constexpr int kPrefetchLines = 6;

  void prefetch(std::uint32_t i) const {
    if (i >= members_.size() || !members_[i]) return;
    const char* p = reinterpret_cast<const char*>(members_[i]);
    for (int line = 0; line < kPrefetchLines; ++line) __builtin_prefetch(p + 64 * line);
  }

  void visit_list(const std::uint32_t* list, std::size_t n,
                  const std::function<bool(const Value&)>& visit) const {
    for (std::size_t k = 0; k < n; ++k) {
      if (k + kPrefetchDistance < n) prefetch(list[k + kPrefetchDistance]);
      if (!visit(docs_[list[k]])) return;
    }
  }

  // The _id of document i (data() null when it has none).
  std::string_view id_of(std::uint32_t i) const {
    const Value* id = docs_[i].find(id_key());
    return id && id->is_string() ? id->as_string() : std::string_view();
  }

  void sort_by_id() {
    std::vector<std::string_view> ids(docs_.size());
    for (std::uint32_t i = 0; i < docs_.size(); ++i) ids[i] = id_of(i);
    if (std::is_sorted(ids.begin(), ids.end())) return;
    std::vector<std::uint32_t> order(docs_.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return ids[a] < ids[b]; });
    std::vector<Value> sorted;
    sorted.reserve(docs_.size());
    for (std::uint32_t i : order) sorted.push_back(std::move(docs_[i]));
    docs_ = std::move(sorted);
  }

  // Postings per referenced id, in compressed rows: ref_docs_[ref_offsets_[r] ..
  // ref_offsets_[r + 1]) are the documents referencing id r, in _id order.
  void index_references() {
    std::vector<std::string_view> refs;
    std::vector<std::uint32_t> counts;
    auto refs_of = [&](std::uint32_t i) {
      refs.clear();
      collect_refs(docs_[i], refs);
      std::sort(refs.begin(), refs.end());
      refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
    };
    for (std::uint32_t i = 0; i < docs_.size(); ++i) {
      refs_of(i);
      for (std::string_view r : refs) {
        auto [it, fresh] = ref_ids_.emplace(r, static_cast<std::uint32_t>(counts.size()));
        if (fresh) counts.push_back(0);
        ++counts[it->second];
      }
    }
    ref_offsets_.assign(counts.size() + 1, 0);
    for (std::size_t r = 0; r < counts.size(); ++r)
      ref_offsets_[r + 1] = ref_offsets_[r] + counts[r];
    ref_docs_.resize(ref_offsets_.back());
    std::vector<std::uint32_t> fill(ref_offsets_.begin(), ref_offsets_.end() - 1);
    for (std::uint32_t i = 0; i < docs_.size(); ++i) {
      refs_of(i);
      for (std::string_view r : refs) ref_docs_[fill[ref_ids_.at(r)]++] = i;
    }
  }

  std::vector<Value> docs_;             // the string_views below point into these documents
  std::vector<const Member*> members_;  // each document's members (nullptr: not an object)
  PositionTable ids_;
  std::unordered_map<std::string_view, std::vector<std::uint32_t>> types_;
  std::unordered_map<std::string_view, std::uint32_t> ref_ids_;
  std::vector<std::uint32_t> ref_offsets_;
  std::vector<std::uint32_t> ref_docs_;
};

const Dataset& empty_dataset() {
  static const Dataset* empty = new VectorDataset({});
  return *empty;
}

std::shared_ptr<Dataset> make_vector_dataset(std::vector<Value> documents) {
  return std::make_shared<VectorDataset>(std::move(documents));
}

}  // namespace ledgerline::groq
