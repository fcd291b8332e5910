#include "groq/evaluator.h"

#include <cmath>

#include "groq/functions/registry.h"
#include "groq/operators.h"
#include "groq/planner.h"
#include "groq/shared_scan.h"
#include "groq/values.h"

namespace ledgerline::groq {

namespace {

constexpr std::size_t kCheckInterval = 4096;

// The expression a projection gives attribute `name`, when the projection is plain attributes
// (no spreads, which could override it).
const Node* projected_attribute(const Node& object, Key name) {
  if (object.type != NodeType::Object) return nullptr;
  const Node* found = nullptr;
  for (const ObjectAttribute& a : object.attributes) {
    if (a.kind != ObjectAttribute::Kind::Value) return nullptr;
    if (a.name == name) found = a.value.get();
  }
  return found;
}

// Whether each() produces the elements of `node` one by one (rather than from a value).
bool streams(const Node& node) {
  if (node.cache_slot >= 0) return false;
  switch (node.type) {
    case NodeType::Everything:
    case NodeType::Filter:
    case NodeType::Map:
    case NodeType::FlatMap:
    case NodeType::Slice:
      return true;
    case NodeType::ArrayCoerce:
    case NodeType::Group:
      return streams(*node.base);
    default:
      return false;
  }
}

// Booleans and null as borrowed values (no Value is built for a condition's result).
// Array index as JavaScript reads `array[i]`: only whole numbers in range.
const Value* element_at(std::span<const Value> items, double index) {
  if (index != std::floor(index)) return nullptr;
  double i = index < 0 ? index + static_cast<double>(items.size()) : index;
  if (i < 0 || i >= static_cast<double>(items.size())) return nullptr;
  return &items[static_cast<std::size_t>(i)];
}

Ref tri_ref(Tri t) {
  static const Value* values = new Value[3]{Value::boolean(false), Value::boolean(true), Value()};
  return Ref::borrow(values[static_cast<int>(t)]);
}

}  // namespace

Evaluator::Evaluator(const Dataset& dataset, const EvalOptions& options, int cache_slots)
    : dataset_(dataset), options_(options), next_check_(kCheckInterval) {
  if (cache_slots > 0) cache_.resize(static_cast<std::size_t>(cache_slots));
}

void Evaluator::set_now(double now_ms) {
  now_ms_ = now_ms;
}

void Evaluator::fail(Error error) {
  if (failed_) return;
  failed_ = true;
  error_ = std::move(error);
}

bool Evaluator::check_limits() {
  next_check_ = steps_ + kCheckInterval;
  if (failed_) return false;
  if (steps_ > options_.max_cost) {
    fail(Error::invalid("query is too expensive to evaluate (cost limit exceeded)", "queryError"));
    return false;
  }
  if (options_.deadline && std::chrono::steady_clock::now() > *options_.deadline) {
    fail(Error::timeout("query timed out"));
    return false;
  }
  return true;
}

const Value& Evaluator::param(const std::string& name) const {
  const Value* v = options_.params.find(name);
  return v ? *v : null_value();
}

const Value& Evaluator::everything() {
  if (!everything_) {
    std::vector<Value> docs;
    docs.reserve(dataset_.size());
    dataset_.for_each([&](const Value& doc) {
      docs.push_back(doc);
      return true;
    });
    everything_ = Value::array(std::move(docs));
  }
  return *everything_;
}

Ref Evaluator::eval(const Node& node, const Scope& scope) {
  if (!tick()) return Ref();
  if (node.cache_slot >= 0) return eval_cached(node, scope);
  return eval_node(node, scope);
}

Ref Evaluator::eval_cached(const Node& node, const Scope& scope) {
  auto& slot = cache_[static_cast<std::size_t>(node.cache_slot)];
  if (!slot) {
    Value v = eval_node(node, scope).take();
    if (failed_) return Ref();
    slot = std::move(v);
  }
  return Ref::borrow(*slot);
}

Ref Evaluator::collect(const Node& node, const Scope& scope) {
  std::vector<Value> items;
  bool is_array = each_node(node, scope, [&](const Value& v) {
    items.push_back(v);
    return true;
  });
  if (!is_array || failed_) return Ref();
  return Ref::own(Value::array(std::move(items)));
}

Ref Evaluator::eval_node(const Node& node, const Scope& scope) {
  switch (node.type) {
    case NodeType::Everything:
      return Ref::borrow(everything());
    case NodeType::This:
      return Ref::borrow(*scope.value);
    case NodeType::Parent:
      return eval_parent(node, scope);
    case NodeType::Parameter:
      return Ref::borrow(param(node.text));
    case NodeType::Literal:
      return Ref::borrow(node.value);
    case NodeType::Group:
      return eval(*node.base, scope);
    case NodeType::AccessAttribute:
      return eval_attribute(node, scope);
    case NodeType::AccessElement:
      return eval_element(node, scope);
    case NodeType::Filter:
    case NodeType::Map:
    case NodeType::FlatMap:
    case NodeType::Slice:
      return collect(node, scope);
    case NodeType::ArrayCoerce: {
      Ref base = eval(*node.base, scope);
      return base->is_array() ? base : Ref();
    }
    case NodeType::Projection:
      return eval_projection(node, scope);
    case NodeType::Deref:
      return eval_deref(node, scope);
    case NodeType::Array:
      return eval_array(node, scope);
    case NodeType::Object:
      return eval_object(node, scope);
    case NodeType::Select:
      return eval_select(node, scope);
    case NodeType::FuncCall:
      if (node.geo) return call_geo(*this, node, scope);
      return node.function->impl(*this, node, scope);
    case NodeType::PipeFuncCall: {
      Ref base = eval(*node.base, scope);
      if (!base->is_array()) return Ref();
      return node.pipe->impl(*this, node, std::move(base), scope);
    }
    case NodeType::And:
    case NodeType::Or:
    case NodeType::Not:
    case NodeType::InRange:
      return tri_ref(eval_bool_node(node, scope));
    case NodeType::Neg:
    case NodeType::Pos:
      return eval_sign(node, scope);
    case NodeType::OpCall:
      if (node.op < Op::Add) return tri_ref(eval_bool_node(node, scope));
      return eval_arithmetic(node, scope);
    default:  // Asc, Desc, Pair, Tuple and selector nodes never reach evaluation
      return Ref();
  }
}

Ref Evaluator::eval_parent(const Node& node, const Scope& scope) {
  const Scope* s = &scope;
  for (int i = 0; i < node.levels && s; ++i) s = s->parent;
  return s ? Ref::borrow(*s->value) : Ref();
}

Ref Evaluator::eval_attribute(const Node& node, const Scope& scope) {
  if (node.base && node.base->type == NodeType::Projection && node.base->cache_slot < 0)
    if (const Node* expr = projected_attribute(*node.base->expr, node.name))
      return eval_projected(*node.base, *expr, scope);
  Ref base = node.base ? eval(*node.base, scope) : Ref::borrow(*scope.value);
  if (!is_plain_object(*base)) return Ref();
  const Value* v = base->find(node.name);
  return v ? base.sub(*v) : Ref();
}

Ref Evaluator::eval_element(const Node& node, const Scope& scope) {
  if (node.index >= 0 && streams(*node.base)) {
    // `*[...][3]`: stop at the element instead of building the whole array.
    if (node.index != std::floor(node.index)) return Ref();
    Ref found;
    double i = 0;
    each(*node.base, scope, [&](const Value& v) {
      if (i++ < node.index) return true;
      found = Ref::own(v);
      return false;
    });
    return found;
  }
  Ref base = eval(*node.base, scope);
  const Value* v = base->is_array() ? element_at(base->as_array(), node.index) : nullptr;
  return v ? base.sub(*v) : Ref();
}

Ref Evaluator::eval_projection(const Node& node, const Scope& scope) {
  Ref base = eval(*node.base, scope);
  if (!is_plain_object(*base)) return Ref();
  return Ref::own(eval(*node.expr, scope.nested(*base)).take());
}

Ref Evaluator::eval_deref(const Node& node, const Scope& scope) {
  Ref base = eval(*node.base, scope);
  if (!is_plain_object(*base)) return Ref();
  const Value* ref = base->find(std::string_view("_ref"));
  if (!ref || !ref->is_string()) return Ref();
  const Value* doc = dataset_.get(ref->as_string());
  return doc ? Ref::borrow(*doc) : Ref();
}

Ref Evaluator::eval_select(const Node& node, const Scope& scope) {
  for (const SelectAlternative& alt : node.alternatives)
    if (test(*alt.condition, scope)) return eval(*alt.value, scope);
  return node.fallback ? eval(*node.fallback, scope) : Ref();
}

Ref Evaluator::eval_sign(const Node& node, const Scope& scope) {
  Ref a = eval(*node.base, scope);
  if (!a->is_number()) return Ref();
  return Ref::own(Value::number(node.type == NodeType::Neg ? -a->as_number() : a->as_number()));
}

Ref Evaluator::eval_arithmetic(const Node& node, const Scope& scope) {
  Ref a = eval(*node.left, scope);
  Ref b = eval(*node.right, scope);
  Value result = binary_op(node.op, *a, *b);
  if (result.is_object() && type_of(result) == Type::DateTime) note_special();
  return Ref::own(std::move(result));
}

// `base{..., "name": expr, ...}.name`: only `expr` needs evaluating.
Ref Evaluator::eval_projected(const Node& projection, const Node& expr, const Scope& scope) {
  Ref base = eval(*projection.base, scope);
  if (!is_plain_object(*base)) return Ref();
  Ref v = eval(expr, scope.nested(*base));
  return base.owned() ? Ref::own(std::move(v).take()) : v;
}

Tri Evaluator::eval_bool(const Node& node, const Scope& scope) {
  if (!tick()) return Tri::Null;
  if (node.cache_slot >= 0) return to_tri(*eval_cached(node, scope));
  return eval_bool_node(node, scope);
}

Tri Evaluator::eval_bool_node(const Node& node, const Scope& scope) {
  switch (node.type) {
    case NodeType::And: {
      Tri a = eval_bool(*node.left, scope);
      if (a == Tri::False) return Tri::False;
      Tri b = eval_bool(*node.right, scope);
      if (b == Tri::False) return Tri::False;
      return a == Tri::True && b == Tri::True ? Tri::True : Tri::Null;
    }
    case NodeType::Or: {
      Tri a = eval_bool(*node.left, scope);
      if (a == Tri::True) return Tri::True;
      Tri b = eval_bool(*node.right, scope);
      if (b == Tri::True) return Tri::True;
      return a == Tri::False && b == Tri::False ? Tri::False : Tri::Null;
    }
    case NodeType::Not: {
      Tri a = eval_bool(*node.base, scope);
      return a == Tri::Null ? Tri::Null : (a == Tri::True ? Tri::False : Tri::True);
    }
    case NodeType::Group:
      return eval_bool(*node.base, scope);
    case NodeType::Literal:
      return to_tri(node.value);
    case NodeType::OpCall: {
      if (node.op >= Op::Add) return to_tri(*eval_node(node, scope));
      Ref a = eval(*node.left, scope);
      Ref b = eval(*node.right, scope);
      return condition_op(node.op, *a, *b);
    }
    case NodeType::InRange: {
      Ref v = eval(*node.base, scope);
      Ref lo = eval(*node.left, scope);
      Ref hi = eval(*node.right, scope);
      auto l = partial_compare(*v, *lo);
      auto h = l ? partial_compare(*v, *hi) : std::nullopt;
      if (!h) return Tri::Null;
      return to_tri(*l >= 0 && (node.inclusive ? *h <= 0 : *h < 0));
    }
    default:
      return to_tri(*eval_node(node, scope));
  }
}

Ref Evaluator::eval_array(const Node& node, const Scope& scope) {
  std::vector<Value> items;
  items.reserve(node.elements.size());
  for (const ArrayElement& e : node.elements) {
    if (e.splat) {
      each(*e.value, scope, [&](const Value& v) {
        items.push_back(v);
        return true;
      });
    } else {
      items.push_back(eval(*e.value, scope).take());
    }
  }
  return Ref::own(Value::array(std::move(items)));
}

Ref Evaluator::eval_object(const Node& node, const Scope& scope) {
  std::vector<std::optional<Value>> shared;
  if (node.shared_scans) {
    shared.resize(node.attributes.size());
    for (const SharedScan& scan : *node.shared_scans) run_shared_scan(*this, scan, scope, shared);
  }
  ObjectBuilder builder;
  for (std::size_t i = 0; i < node.attributes.size(); ++i) {
    const ObjectAttribute& attr = node.attributes[i];
    switch (attr.kind) {
      case ObjectAttribute::Kind::Value:
        builder.set(attr.name, i < shared.size() && shared[i] ? std::move(*shared[i])
                                                              : eval(*attr.value, scope).take());
        break;
      case ObjectAttribute::Kind::ConditionalSplat:
        if (!test(*attr.condition, scope)) break;
        [[fallthrough]];
      case ObjectAttribute::Kind::Splat: {
        Ref v = eval(*attr.value, scope);
        if (is_plain_object(*v))
          for (const Member& m : v->as_object()) builder.set(m.key, m.value);
        break;
      }
    }
  }
  return Ref::own(builder.build());
}

}  // namespace ledgerline::groq
