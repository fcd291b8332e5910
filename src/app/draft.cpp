#include "app/draft.h"

namespace ledgerline::app {

const Value* Draft::get(std::string_view id) const {
  if (!written_.empty()) {
    auto found = written_.find(std::string(id));
    if (found != written_.end()) return &found->second;
  }
  return working_.get(id);
}

void Draft::remember(const std::string& id) {
  auto found = written_.find(id);
  undo_.push_back(Undo{id, found == written_.end() ? std::nullopt : std::optional(found->second)});
}

void Draft::create(Value document) {
  std::string id(document.get("_id").as_string());
  remember(id);
  written_[id] = document;
  mutations_.push_back(Value::object({{Key::intern("create"), std::move(document)}}));
}

void Draft::set(const std::string& id, Value fields) {
  const Value* current = get(id);
  Value next = current ? *current : Value::empty_object();
  for (const Member& member : fields.as_object()) next = next.with(member.key, member.value);
  remember(id);
  written_[id] = std::move(next);
  ObjectBuilder patch;
  patch.set("id", Value::string(id));
  patch.set("set", std::move(fields));
  mutations_.push_back(Value::object({{Key::intern("patch"), patch.build()}}));
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
  mutations_.resize(point.mutations);
}

}  // namespace ledgerline::app
