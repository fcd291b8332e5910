// Dataset's default index methods, and VectorDataset: documents in _id order with _id, _type
// and reference indexes built once.
#include <algorithm>
#include <cstdint>
#include <string_view>
#include <unordered_map>

#include "groq/groq.h"

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

std::string_view string_member(const Value& doc, const Key& key) {
  const Value* v = doc.find(key);
  return v && v->is_string() ? v->as_string() : std::string_view();
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

class VectorDataset final : public Dataset {
 public:
  explicit VectorDataset(std::vector<Value> documents) : docs_(std::move(documents)) {
    auto by_id = [](const Value& a, const Value& b) {
      return string_member(a, id_key()) < string_member(b, id_key());
    };
    if (!std::is_sorted(docs_.begin(), docs_.end(), by_id))
      std::stable_sort(docs_.begin(), docs_.end(), by_id);
    ids_.reserve(docs_.size());
    std::vector<std::string_view> refs;
    for (std::uint32_t i = 0; i < docs_.size(); ++i) {
      const Value& doc = docs_[i];
      if (const Value* id = doc.find(id_key()); id && id->is_string()) ids_[id->as_string()] = i;
      if (const Value* type = doc.find(type_key()); type && type->is_string())
        types_[type->as_string()].push_back(i);
      refs.clear();
      collect_refs(doc, refs);
      std::sort(refs.begin(), refs.end());
      refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
      for (std::string_view r : refs) references_[r].push_back(i);
    }
  }

  void for_each(const std::function<bool(const Value&)>& visit) const override {
    for (const Value& doc : docs_)
      if (!visit(doc)) return;
  }

  const Value* get(std::string_view id) const override {
    auto it = ids_.find(id);
    return it == ids_.end() ? nullptr : &docs_[it->second];
  }

  void for_each_of_type(std::string_view type,
                        const std::function<bool(const Value&)>& visit) const override {
    visit_list(types_, type, visit);
  }

  void for_each_referencing(std::string_view id,
                            const std::function<bool(const Value&)>& visit) const override {
    visit_list(references_, id, visit);
  }

  std::size_t size() const override { return docs_.size(); }

 private:
  using Index = std::unordered_map<std::string_view, std::vector<std::uint32_t>>;

  void visit_list(const Index& index, std::string_view key,
                  const std::function<bool(const Value&)>& visit) const {
    auto it = index.find(key);
    if (it == index.end()) return;
    for (std::uint32_t i : it->second)
      if (!visit(docs_[i])) return;
  }

  std::vector<Value> docs_;  // string_views in the indexes point into these documents
  std::unordered_map<std::string_view, std::uint32_t> ids_;
  Index types_;
  Index references_;
};

std::shared_ptr<Dataset> make_vector_dataset(std::vector<Value> documents) {
  return std::make_shared<VectorDataset>(std::move(documents));
}

}  // namespace ledgerline::groq
