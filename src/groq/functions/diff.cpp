// diff:: functions: compare two values at the key paths a selector picks.
#include <variant>

#include "groq/functions/registry.h"
#include "groq/values.h"

namespace ledgerline::groq {
namespace {

using PathPart = std::variant<Key, std::size_t>;
using KeyPath = std::vector<PathPart>;

// The value at `path`, or nullptr where the path leads nowhere.
const Value* value_at(const Value& root, const KeyPath& path, std::size_t length) {
  const Value* v = &root;
  for (std::size_t i = 0; i < length && v; ++i) {
    if (const Key* key = std::get_if<Key>(&path[i])) {
      v = is_plain_object(*v) ? v->find(*key) : nullptr;
    } else {
      std::size_t index = std::get<std::size_t>(path[i]);
      v = v->is_array() && index < v->size() ? &v->as_array()[index] : nullptr;
    }
  }
  return v;
}

bool same(const Value* a, const Value* b) {
  if (!a || !b) return a == b;
  return *a == *b;
}

void anywhere(Evaluator& ev, const Node& expr, const Value& value, const Scope& scope,
              KeyPath& base, std::vector<KeyPath>& out) {
  if (value.is_array()) {
    auto items = value.as_array();
    for (std::size_t i = 0; i < items.size(); ++i) {
      base.push_back(i);
      anywhere(ev, expr, items[i], scope, base, out);
      base.pop_back();
    }
  } else if (is_plain_object(value)) {
    if (ev.test(expr, scope.hidden_nested(value))) out.push_back(base);
    for (const Member& m : value.as_object()) {
      base.push_back(m.key);
      anywhere(ev, expr, m.value, scope, base, out);
      base.pop_back();
    }
  }
}

// The key paths of `value` that `selector` picks.
std::vector<KeyPath> select_paths(Evaluator& ev, const Node& selector, const Value& value,
                                  const Scope& scope) {
  std::vector<KeyPath> out;
  switch (selector.type) {
    case NodeType::Group:
      return select_paths(ev, *selector.base, value, scope);
    case NodeType::Tuple:
      for (const NodePtr& m : selector.args)
        for (KeyPath& p : select_paths(ev, *m, value, scope)) out.push_back(std::move(p));
      return out;
    case NodeType::AccessAttribute:
      if (!selector.base) return {KeyPath{selector.name}};
      out = select_paths(ev, *selector.base, value, scope);
      for (KeyPath& p : out) p.push_back(selector.name);
      return out;
    case NodeType::ArrayCoerce:
    case NodeType::Filter:
      for (const KeyPath& p : select_paths(ev, *selector.base, value, scope)) {
        const Value* inner = value_at(value, p, p.size());
        if (!inner || !inner->is_array()) continue;
        auto items = inner->as_array();
        for (std::size_t i = 0; i < items.size(); ++i) {
          if (selector.type == NodeType::Filter && !ev.test(*selector.expr, scope.nested(items[i])))
            continue;
          KeyPath q = p;
          q.push_back(i);
          out.push_back(std::move(q));
        }
      }
      return out;
    case NodeType::SelectorFuncCall: {
      KeyPath base;
      anywhere(ev, *selector.base, value, scope, base, out);
      return out;
    }
    case NodeType::SelectorNested:
      for (const KeyPath& p : select_paths(ev, *selector.base, value, scope)) {
        const Value* inner = value_at(value, p, p.size());
        const Value& v = inner ? *inner : null_value();
        for (KeyPath& q : select_paths(ev, *selector.expr, v, scope)) {
          KeyPath joined = p;
          joined.insert(joined.end(), q.begin(), q.end());
          out.push_back(std::move(joined));
        }
      }
      return out;
    default:
      return out;
  }
}

bool changed_any(Evaluator& ev, const Value& before, const Value& after, const Node& selector,
                 const Scope& scope) {
  auto before_paths = select_paths(ev, selector, before, scope.hidden_nested(before));
  auto after_paths = select_paths(ev, selector, after, scope.hidden_nested(after));
  if (before_paths.size() != after_paths.size()) return true;
  for (const KeyPath& path : before_paths) {
    for (std::size_t i = 0; i < path.size(); ++i) {
      if (!std::holds_alternative<std::size_t>(path[i])) continue;
      const Value* a = value_at(before, path, i);
      const Value* b = value_at(after, path, i);
      if (!a || !b || !a->is_array() || !b->is_array() || a->size() != b->size()) return true;
    }
    if (!same(value_at(before, path, path.size()), value_at(after, path, path.size()))) return true;
  }
  return false;
}

// The key paths where `a` and `b` differ.
void diff_paths(const Value* a, const Value* b, KeyPath& path, std::vector<KeyPath>& out) {
  if (a && b && is_plain_object(*a) && is_plain_object(*b)) {
    for (const Member& m : a->as_object()) {
      path.push_back(m.key);
      diff_paths(&m.value, b->find(m.key), path, out);
      path.pop_back();
    }
    for (const Member& m : b->as_object()) {
      if (a->find(m.key)) continue;
      path.push_back(m.key);
      diff_paths(nullptr, &m.value, path, out);
      path.pop_back();
    }
    return;
  }
  if (a && b && a->is_array() && b->is_array() && a->size() == b->size()) {
    for (std::size_t i = 0; i < a->size(); ++i) {
      path.push_back(i);
      diff_paths(&a->as_array()[i], &b->as_array()[i], path, out);
      path.pop_back();
    }
    return;
  }
  if (!same(a, b)) out.push_back(path);
}

bool changed_only(Evaluator& ev, const Value& before, const Value& after, const Node& selector,
                  const Scope& scope) {
  auto selected = select_paths(ev, selector, before, scope.hidden_nested(before));
  std::vector<KeyPath> diffs;
  KeyPath path;
  diff_paths(&before, &after, path, diffs);
  for (const KeyPath& d : diffs) {
    bool covered = false;
    for (const KeyPath& s : selected)
      if (s.size() <= d.size() && std::equal(s.begin(), s.end(), d.begin())) covered = true;
    if (!covered) return false;
  }
  return true;
}

Ref diff_changed_any(Evaluator& ev, const Node& call, const Scope& scope) {
  Ref before = arg(ev, call, 0, scope), after = arg(ev, call, 1, scope);
  return Ref::own(Value::boolean(changed_any(ev, *before, *after, *call.args[2], scope)));
}

Ref diff_changed_only(Evaluator& ev, const Node& call, const Scope& scope) {
  Ref before = arg(ev, call, 0, scope), after = arg(ev, call, 1, scope);
  return Ref::own(Value::boolean(changed_only(ev, *before, *after, *call.args[2], scope)));
}

constexpr FunctionDef kFunctions[] = {
    {"changedAny", 3, 3, diff_changed_any},
    {"changedOnly", 3, 3, diff_changed_only},
};

}  // namespace

std::span<const FunctionDef> diff_functions() {
  return kFunctions;
}

}  // namespace ledgerline::groq
