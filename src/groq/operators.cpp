#include "groq/operators.h"

#include <cmath>
#include <vector>

#include "groq/matching.h"
#include "groq/values.h"

namespace ledgerline::groq {
namespace {

// dateTime ± seconds, whole milliseconds; null past JavaScript's Date range (±8.64e15 ms), as
// the reference engine's Date becomes invalid there.
Value shifted_datetime(double epoch_ms, double seconds) {
  const double ms = std::trunc(epoch_ms + seconds * 1000);
  if (!(std::fabs(ms) <= 8.64e15)) return Value();
  return make_datetime(ms);
}

Tri compare(Op op, const Value& a, const Value& b) {
  std::optional<int> c = partial_compare(a, b);
  if (!c) return Tri::Null;
  switch (op) {
    case Op::Lt:
      return to_tri(*c < 0);
    case Op::Lte:
      return to_tri(*c <= 0);
    case Op::Gt:
      return to_tri(*c > 0);
    default:
      return to_tri(*c >= 0);
  }
}

Tri in(const Value& a, const Value& b) {
  switch (type_of(b)) {
    case Type::Array:
      for (const Value& item : b.as_array())
        if (equal(a, item)) return Tri::True;
      return Tri::False;
    case Type::Path: {
      Type ta = type_of(a);
      if (ta == Type::String) return to_tri(path_matches(path_pattern(b), a.as_string()));
      if (ta == Type::Path) return to_tri(path_matches(path_pattern(b), path_pattern(a)));
      return Tri::Null;
    }
    default:
      return Tri::Null;
  }
}

Value plus(const Value& a, const Value& b) {
  Type ta = type_of(a), tb = type_of(b);
  if (ta == Type::Number && tb == Type::Number)
    return number_or_null(a.as_number() + b.as_number());
  if (ta == Type::String && tb == Type::String) {
    std::string s(a.as_string());
    s += b.as_string();
    return Value::string(s);
  }
  if (ta == Type::Array && tb == Type::Array) {
    auto x = a.as_array(), y = b.as_array();
    std::vector<Value> items(x.begin(), x.end());
    items.insert(items.end(), y.begin(), y.end());
    return Value::array(std::move(items));
  }
  if (ta == Type::Object && tb == Type::Object) {
    ObjectBuilder builder(a);
    for (const Member& m : b.as_object()) builder.set(m.key, m.value);
    return builder.build();
  }
  if (ta == Type::DateTime && tb == Type::Number)
    return shifted_datetime(datetime_ms(a), b.as_number());
  if (ta == Type::Number && tb == Type::DateTime)
    return shifted_datetime(datetime_ms(b), a.as_number());
  return Value();
}

Value minus(const Value& a, const Value& b) {
  Type ta = type_of(a), tb = type_of(b);
  if (ta == Type::Number && tb == Type::Number)
    return number_or_null(a.as_number() - b.as_number());
  if (ta == Type::DateTime && tb == Type::Number)
    return shifted_datetime(datetime_ms(a), -b.as_number());
  if (ta == Type::DateTime && tb == Type::DateTime)
    return number_or_null((datetime_ms(a) - datetime_ms(b)) / 1000);
  return Value();
}

Value arithmetic(Op op, const Value& a, const Value& b) {
  if (!a.is_number() || !b.is_number()) return Value();
  double x = a.as_number(), y = b.as_number();
  switch (op) {
    case Op::Mul:
      return number_or_null(x * y);
    case Op::Div:
      return number_or_null(x / y);
    case Op::Mod:
      return number_or_null(std::fmod(x, y));
    default:
      // JavaScript: 1 ** NaN and (-1) ** ±Infinity are NaN, unlike C's pow.
      if (std::isnan(y) || (std::isinf(y) && std::fabs(x) == 1)) return Value();
      return number_or_null(std::pow(x, y));
  }
}

// Does `text` from position `t` match pattern segments from `s` on?
bool match_segments(const std::vector<std::string_view>& segments, std::size_t s,
                    std::string_view text) {
  if (s == segments.size()) return text.empty();
  std::string_view seg = segments[s];
  bool last = s + 1 == segments.size();
  if (seg == "**") {
    // Any run of characters (dots included), then the rest of the pattern after a dot.
    if (last) return true;
    for (std::size_t i = 0; i <= text.size(); ++i) {
      if (i < text.size() && text[i] != '.') continue;
      if (i == text.size()) break;
      if (match_segments(segments, s + 1, text.substr(i + 1))) return true;
    }
    return false;
  }
  std::size_t dot = text.find('.');
  std::string_view head = text.substr(0, dot);
  if (seg == "*" ? head.empty() : head != seg) return false;
  if (last) return dot == std::string_view::npos;
  if (dot == std::string_view::npos) return false;
  return match_segments(segments, s + 1, text.substr(dot + 1));
}

}  // namespace

bool path_matches(std::string_view pattern, std::string_view text) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = pattern.find('.', start);
    segments.push_back(pattern.substr(start, dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return match_segments(segments, 0, text);
}

Tri to_tri(const Value& v) {
  return v.is_bool() ? to_tri(v.as_bool()) : Tri::Null;
}

Tri condition_op(Op op, const Value& a, const Value& b) {
  switch (op) {
    case Op::Eq:
      return to_tri(equal(a, b));
    case Op::Neq:
      return to_tri(!equal(a, b));
    case Op::In:
      return in(a, b);
    case Op::Match:
      return to_tri(match(a, b));
    default:
      return compare(op, a, b);
  }
}

Value binary_op(Op op, const Value& a, const Value& b) {
  switch (op) {
    case Op::Add:
      return plus(a, b);
    case Op::Sub:
      return minus(a, b);
    case Op::Mul:
    case Op::Div:
    case Op::Mod:
    case Op::Pow:
      return arithmetic(op, a, b);
    default: {
      Tri t = condition_op(op, a, b);
      return t == Tri::Null ? Value() : Value::boolean(t == Tri::True);
    }
  }
}

std::optional<Value> constant_value(const Node& node, const Value* params, bool& unknown_param) {
  switch (node.type) {
    case NodeType::Literal:
      return node.value;
    case NodeType::Parameter: {
      const Value* v = params ? params->find(node.text) : nullptr;
      if (!v) {
        unknown_param = true;
        return Value();
      }
      return *v;
    }
    case NodeType::Group:
      return constant_value(*node.base, params, unknown_param);
    case NodeType::Pos:
    case NodeType::Neg: {
      auto v = constant_value(*node.base, params, unknown_param);
      if (!v) return std::nullopt;
      if (!v->is_number()) return Value();
      return Value::number(node.type == NodeType::Neg ? -v->as_number() : v->as_number());
    }
    case NodeType::OpCall: {
      if (node.op < Op::Add) return std::nullopt;
      auto a = constant_value(*node.left, params, unknown_param);
      auto b = a ? constant_value(*node.right, params, unknown_param) : std::nullopt;
      if (!b) return std::nullopt;
      return binary_op(node.op, *a, *b);
    }
    default:
      return std::nullopt;
  }
}

}  // namespace ledgerline::groq
