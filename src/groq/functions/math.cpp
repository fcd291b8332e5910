// math:: functions: aggregates over arrays of numbers (nulls are skipped; any other value
// makes the result null).
#include "groq/functions/aggregate.h"
#include "groq/functions/registry.h"
#include "groq/values.h"

namespace ledgerline::groq {

std::optional<AggregateKind> aggregate_kind(const Node& call) {
  if (call.type != NodeType::FuncCall || call.args.size() != 1) return std::nullopt;
  if (call.text == "global::count") return AggregateKind::Count;
  if (call.text == "math::sum") return AggregateKind::Sum;
  if (call.text == "math::avg") return AggregateKind::Avg;
  if (call.text == "math::min") return AggregateKind::Min;
  if (call.text == "math::max") return AggregateKind::Max;
  return std::nullopt;
}

Value Aggregator::result(bool is_array) const {
  if (!is_array) return Value();
  if (kind_ == AggregateKind::Count) return Value::number(count_);
  if (!numbers_only_) return Value();
  switch (kind_) {
    case AggregateKind::Sum:
      return number_or_null(sum_);
    case AggregateKind::Avg:
      return count_ == 0 ? Value() : number_or_null(sum_ / count_);
    case AggregateKind::Min:
      return count_ == 0 ? Value() : Value::number(min_);
    default:
      return count_ == 0 ? Value() : Value::number(max_);
  }
}

// count() and the math:: functions: stream the argument's elements into an Aggregator.
Ref aggregate(Evaluator& ev, const Node& call, const Scope& scope) {
  Aggregator aggregator(*aggregate_kind(call));
  bool is_array = ev.each(*call.args[0], scope, [&](const Value& v) { return aggregator.add(v); });
  return Ref::own(aggregator.result(is_array));
}

namespace {

constexpr FunctionDef kFunctions[] = {
    {"sum", 1, 1, aggregate},
    {"avg", 1, 1, aggregate},
    {"min", 1, 1, aggregate},
    {"max", 1, 1, aggregate},
};

}  // namespace

std::span<const FunctionDef> math_functions() {
  return kFunctions;
}

}  // namespace ledgerline::groq
