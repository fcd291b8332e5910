// array:: functions.
#include <cmath>
#include <unordered_set>

#include "groq/functions/registry.h"
#include "groq/values.h"

namespace ledgerline::groq {
namespace {

Ref join(Evaluator& ev, const Node& call, const Scope& scope) {
  Ref arr = arg(ev, call, 0, scope);
  if (!arr->is_array()) return Ref();
  Ref sep = arg(ev, call, 1, scope);
  if (!sep->is_string()) return Ref();
  std::string out;
  bool first = true;
  for (const Value& item : arr->as_array()) {
    auto s = primitive_string(item);
    if (!s) return Ref();
    if (!first) out += sep->as_string();
    first = false;
    out += *s;
  }
  return Ref::own(Value::string(out));
}

Ref compact(Evaluator& ev, const Node& call, const Scope& scope) {
  std::vector<Value> out;
  bool is_array = ev.each(*call.args[0], scope, [&](const Value& v) {
    if (!v.is_null()) out.push_back(v);
    return true;
  });
  return is_array ? Ref::own(Value::array(std::move(out))) : Ref();
}

// Keeps the first of equal primitive values (null, booleans, numbers, strings, datetimes);
// arrays and objects are kept as they are.
Ref unique(Evaluator& ev, const Node& call, const Scope& scope) {
  Ref arr = arg(ev, call, 0, scope);
  if (!arr->is_array()) return Ref();
  std::unordered_set<std::string_view> strings;
  std::unordered_set<double> numbers, datetimes;
  bool seen_null = false, seen_true = false, seen_false = false;
  std::vector<Value> out;
  for (const Value& item : arr->as_array()) {
    bool fresh = true;
    switch (type_of(item)) {
      case Type::Null:
        fresh = !seen_null;
        seen_null = true;
        break;
      case Type::Boolean: {
        bool& seen = item.as_bool() ? seen_true : seen_false;
        fresh = !seen;
        seen = true;
        break;
      }
      case Type::Number:
        fresh = numbers.insert(item.as_number() == 0 ? 0.0 : item.as_number()).second;
        break;
      case Type::String:
        fresh = strings.insert(item.as_string()).second;
        break;
      case Type::DateTime:
        fresh = datetimes.insert(datetime_ms(item)).second;
        break;
      default:
        break;
    }
    if (fresh) out.push_back(item);
  }
  return Ref::own(Value::array(std::move(out)));
}

Ref intersects(Evaluator& ev, const Node& call, const Scope& scope) {
  Ref a = arg(ev, call, 0, scope);
  Ref b = arg(ev, call, 1, scope);
  if (!a->is_array() || !b->is_array()) return Ref();
  for (const Value& x : a->as_array())
    for (const Value& y : b->as_array())
      if (equal(x, y)) return Ref::own(Value::boolean(true));
  return Ref::own(Value::boolean(false));
}

constexpr FunctionDef kFunctions[] = {
    {"join", 2, 2, join},
    {"compact", 1, 1, compact},
    {"unique", 1, 1, unique},
    {"intersects", 2, 2, intersects},
};

}  // namespace

std::span<const FunctionDef> array_functions() {
  return kFunctions;
}

}  // namespace ledgerline::groq
