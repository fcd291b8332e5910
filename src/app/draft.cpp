#include "app/draft.h"

namespace ledgerline::app {

const Value* Draft::get(std::string_view id) const {
  if (!written_.empty()) {
    auto found = written_.find(std::string(id));
    if (found != written_.end()) return &found->second.document;
  }
  return working_.get(id);
}

void Draft::remember(const std::string& id) {
  auto found = written_.find(id);
  if (found == written_.end()) {
    order_.push_back(id);
    undo_.push_back(Undo{id, std::nullopt});
  } else {
    undo_.push_back(Undo{id, found->second});
  }
}

void Draft::create(Value document) {
  std::string id(document.get("_id").as_string());
  remember(id);
  written_[id] = Written{std::move(document), true};
}

void Draft::set(const std::string& id, Value fields) {
  const Value* current = get(id);
  Value next = current ? *current : Value::empty_object();
  for (const Member& member : fields.as_object()) next = next.with(member.key, member.value);
  auto found = written_.find(id);
  bool created = found != written_.end() && found->second.created;
  remember(id);
  written_[id] = Written{std::move(next), created};
}

void Draft::rollback(Checkpoint point) {
  while (undo_.size() > point.undo) {
    Undo& undo = undo_.back();
    if (undo.previous) {
      written_[undo.id] = std::move(*undo.previous);
    } else {
      written_.erase(undo.id);
    }
    undo_.pop_back();
  }
  order_.resize(point.order);
}

Value Draft::mutations() const {
  static const Key kCreate = Key::intern("create");
  static const Key kPatch = Key::intern("patch");
  std::vector<Value> mutations;
  mutations.reserve(order_.size());
  for (const std::string& id : order_) {
    const Written& written = written_.at(id);
    if (written.created) {
      mutations.push_back(Value::object({{kCreate, written.document}}));
      continue;
    }
    const Value* before = working_.get(id);
    ObjectBuilder changed;
    for (const Member& member : written.document.as_object()) {
      const Value* old = before ? before->find(member.key) : nullptr;
      if (old == nullptr || !(old->same_node(member.value) || *old == member.value)) {
        changed.set(member.key, member.value);
      }
    }
    if (changed.size() == 0) continue;
    ObjectBuilder patch;
    patch.set("id", Value::string(id));
    patch.set("set", changed.build());
    mutations.push_back(Value::object({{kPatch, patch.build()}}));
  }
  return Value::array(std::move(mutations));
}

}  // namespace ledgerline::app
