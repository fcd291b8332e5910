// math:: functions: aggregates over arrays of numbers (nulls are skipped; any other value
// makes the result null).
#include "groq/functions/registry.h"
#include "groq/values.h"

namespace ledgerline::groq {
namespace {

struct Aggregate {
  double sum = 0, min = 0, max = 0;
  double count = 0;
};

// False when the argument is not an array or holds something other than numbers and nulls.
bool aggregate(Evaluator& ev, const Node& call, const Scope& scope, Aggregate& out) {
  bool numbers_only = true;
  bool is_array = ev.each(*call.args[0], scope, [&](const Value& v) {
    if (v.is_null()) return true;
    if (!v.is_number()) return numbers_only = false;
    double n = v.as_number();
    if (out.count == 0 || n < out.min) out.min = n;
    if (out.count == 0 || n > out.max) out.max = n;
    out.sum += n;
    ++out.count;
    return true;
  });
  return is_array && numbers_only;
}

Ref sum(Evaluator& ev, const Node& call, const Scope& scope) {
  Aggregate a;
  return aggregate(ev, call, scope, a) ? Ref::own(number_or_null(a.sum)) : Ref();
}

Ref avg(Evaluator& ev, const Node& call, const Scope& scope) {
  Aggregate a;
  if (!aggregate(ev, call, scope, a) || a.count == 0) return Ref();
  return Ref::own(number_or_null(a.sum / a.count));
}

Ref min(Evaluator& ev, const Node& call, const Scope& scope) {
  Aggregate a;
  if (!aggregate(ev, call, scope, a) || a.count == 0) return Ref();
  return Ref::own(Value::number(a.min));
}

Ref max(Evaluator& ev, const Node& call, const Scope& scope) {
  Aggregate a;
  if (!aggregate(ev, call, scope, a) || a.count == 0) return Ref();
  return Ref::own(Value::number(a.max));
}

constexpr FunctionDef kFunctions[] = {
    {"sum", 1, 1, sum},
    {"avg", 1, 1, avg},
    {"min", 1, 1, min},
    {"max", 1, 1, max},
};

}  // namespace

std::span<const FunctionDef> math_functions() {
  return kFunctions;
}

}  // namespace ledgerline::groq
