// global:: functions (callable without a namespace).
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_set>

#include "groq/datetime.h"
#include "groq/functions/registry.h"
#include "groq/unicode.h"
#include "groq/values.h"

namespace ledgerline::groq {
namespace {

Ref coalesce(Evaluator& ev, const Node& call, const Scope& scope) {
  for (const NodePtr& a : call.args) {
    Ref v = ev.eval(*a, scope);
    if (!v->is_null()) return v;
  }
  return Ref();
}

Ref date_time(Evaluator& ev, const Node& call, const Scope& scope) {
  Ref v = arg(ev, call, 0, scope);
  Type t = type_of(*v);
  if (t == Type::DateTime) return v;
  if (t != Type::String) return Ref();
  auto ms = parse_rfc3339(v->as_string());
  if (!ms) return Ref();
  ev.note_special();
  return Ref::own(make_datetime(*ms));
}

Ref defined(Evaluator& ev, const Node& call, const Scope& scope) {
  return Ref::own(Value::boolean(!arg(ev, call, 0, scope)->is_null()));
}

Ref identity(Evaluator& ev, const Node&, const Scope&) {
  return Ref::borrow(ev.options().identity);
}

Ref length(Evaluator& ev, const Node& call, const Scope& scope) {
  Ref v = arg(ev, call, 0, scope);
  if (v->is_string())
    return Ref::own(Value::number(static_cast<double>(count_code_points(v->as_string()))));
  if (v->is_array()) return Ref::own(Value::number(static_cast<double>(v->size())));
  return Ref();
}

Ref path(Evaluator& ev, const Node& call, const Scope& scope) {
  Ref v = arg(ev, call, 0, scope);
  if (!v->is_string()) return Ref();
  ev.note_special();
  return Ref::own(make_path(v->as_string()));
}

Ref string(Evaluator& ev, const Node& call, const Scope& scope) {
  auto s = primitive_string(*arg(ev, call, 0, scope));
  return s ? Ref::own(Value::string(*s)) : Ref();
}

// Does `v` contain a reference ({_ref: id}) to one of `ids`? Objects with a `_ref` are
// references themselves and are not searched further.
bool has_reference(const Value& v, const std::unordered_set<std::string_view>& ids) {
  static const Key ref_key = Key::intern("_ref");
  if (v.is_array()) {
    for (const Value& item : v.as_array())
      if (has_reference(item, ids)) return true;
    return false;
  }
  if (!is_plain_object(v)) return false;
  if (const Value* ref = v.find(ref_key)) {
    bool truthy = ref->is_string()   ? ref->size() > 0
                  : ref->is_number() ? ref->as_number() != 0
                  : ref->is_bool()   ? ref->as_bool()
                                     : !ref->is_null();
    if (truthy) return ref->is_string() && ids.count(ref->as_string()) > 0;
  }
  for (const Member& m : v.as_object())
    if (has_reference(m.value, ids)) return true;
  return false;
}

Ref references(Evaluator& ev, const Node& call, const Scope& scope) {
  std::vector<Ref> args;
  std::unordered_set<std::string_view> ids;
  for (const NodePtr& a : call.args) {
    args.push_back(ev.eval(*a, scope));
    const Value& v = *args.back();
    if (v.is_string()) {
      ids.insert(v.as_string());
    } else if (v.is_array()) {
      for (const Value& item : v.as_array())
        if (item.is_string()) ids.insert(item.as_string());
    }
  }
  if (ids.empty()) return Ref::own(Value::boolean(false));
  return Ref::own(Value::boolean(has_reference(*scope.value, ids)));
}

// Number.prototype.toFixed(precision), then back to a number: round half up on the exact
// decimal expansion of the double.
double to_fixed(double x, int precision) {
  if (std::fabs(x) >= 1e21 || precision > 100) return x;
  static thread_local char buf[1200];
  std::snprintf(buf, sizeof buf, "%.1100f", std::fabs(x));
  std::string digits(buf);
  std::size_t dot = digits.find('.');
  std::size_t cut = dot + 1 + static_cast<std::size_t>(precision);
  bool up = digits[cut] >= '5';
  std::string kept = digits.substr(0, cut);
  if (up) {
    std::size_t i = kept.size();
    while (i-- > 0) {
      if (kept[i] == '.') continue;
      if (kept[i] == '9') {
        kept[i] = '0';
        continue;
      }
      ++kept[i];
      break;
    }
    if (i == std::string::npos) kept.insert(kept.begin(), '1');
  }
  double result = std::strtod(kept.c_str(), nullptr);
  return x < 0 ? -result : result;
}

Ref round(Evaluator& ev, const Node& call, const Scope& scope) {
  Ref v = arg(ev, call, 0, scope);
  if (!v->is_number()) return Ref();
  double precision = 0;
  if (call.args.size() == 2) {
    Ref p = arg(ev, call, 1, scope);
    if (!p->is_number() || p->as_number() < 0 || p->as_number() != std::floor(p->as_number()))
      return Ref();
    precision = p->as_number();
  }
  double x = v->as_number();
  // Past 100 digits a double has nothing left to round (and a cast of 1e300 would be UB).
  double r = precision == 0    ? std::round(x)
             : precision > 100 ? x
                               : to_fixed(x, static_cast<int>(precision));
  return Ref::own(number_or_null(r));
}

Ref now(Evaluator& ev, const Node&, const Scope&) {
  if (!ev.options().now.empty()) return Ref::own(Value::string(ev.options().now));
  return Ref::own(Value::string(format_iso_millis(ev.now_ms())));
}

Ref boost(Evaluator&, const Node&, const Scope&) {
  return Ref();  // only meaningful to score(), which reads its arguments itself
}

Ref lower(Evaluator& ev, const Node& call, const Scope& scope) {
  Ref v = arg(ev, call, 0, scope);
  return v->is_string() ? Ref::own(Value::string(to_lower(v->as_string()))) : Ref();
}

Ref upper(Evaluator& ev, const Node& call, const Scope& scope) {
  Ref v = arg(ev, call, 0, scope);
  return v->is_string() ? Ref::own(Value::string(to_upper(v->as_string()))) : Ref();
}

constexpr FunctionDef kFunctions[] = {
    {"coalesce", 0, -1, coalesce}, {"count", 1, 1, aggregate},   {"dateTime", 1, 1, date_time},
    {"defined", 1, 1, defined},    {"identity", 0, 0, identity}, {"length", 1, 1, length},
    {"path", 1, 1, path},          {"string", 1, 1, string},     {"references", 1, -1, references},
    {"round", 1, 2, round},        {"now", 0, 0, now},           {"boost", 2, 2, boost},
    {"lower", 1, 1, lower},        {"upper", 1, 1, upper},
};

}  // namespace

std::span<const FunctionDef> global_functions() {
  return kFunctions;
}

Ref string_lower(Evaluator& ev, const Node& call, const Scope& scope) {
  return lower(ev, call, scope);
}
Ref string_upper(Evaluator& ev, const Node& call, const Scope& scope) {
  return upper(ev, call, scope);
}

}  // namespace ledgerline::groq
