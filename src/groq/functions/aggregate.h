// Running aggregates over the elements of an array: what count() and math::sum/avg/min/max
// compute, shared with the shared-scan optimization that feeds them document by document.
#pragma once

#include <optional>

#include "groq/ast.h"
#include "util/value.h"

namespace ledgerline::groq {

enum class AggregateKind { Count, Sum, Avg, Min, Max };

// The aggregate a call computes over its argument (nullopt for other calls).
std::optional<AggregateKind> aggregate_kind(const Node& call);

class Aggregator {
 public:
  explicit Aggregator(AggregateKind kind) : kind_(kind) {}
  // Adds one element; false once the result is decided (a non-number for the math ones).
  bool add(const Value& v) {
    if (kind_ == AggregateKind::Count) {
      ++count_;
      return true;
    }
    if (v.is_null()) return true;
    if (!v.is_number()) return numbers_only_ = false;
    double n = v.as_number();
    if (count_ == 0 || n < min_) min_ = n;
    if (count_ == 0 || n > max_) max_ = n;
    sum_ += n;
    ++count_;
    return true;
  }
  // The result; `is_array` false when the argument was not an array (the result is null).
  Value result(bool is_array) const;

 private:
  AggregateKind kind_;
  double sum_ = 0, min_ = 0, max_ = 0, count_ = 0;
  bool numbers_only_ = true;
};

}  // namespace ledgerline::groq
