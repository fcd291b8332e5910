// Evaluator::each: the elements of array-valued expressions, streamed one by one, so that
// filters, maps, slices and order() read the dataset without building intermediate arrays.
#include <algorithm>
#include <cmath>

#include "groq/evaluator.h"
#include "groq/functions/pipe.h"
#include "groq/planner.h"

namespace ledgerline::groq {

bool Evaluator::each(const Node& node, const Scope& scope, ElementFn fn) {
  if (failed_) return false;
  if (node.cache_slot < 0) return each_node(node, scope, fn);
  Ref r = eval(node, scope);
  if (!r->is_array()) return false;
  for (const Value& v : r->as_array())
    if (!tick() || !fn(v)) break;
  return true;
}

bool Evaluator::each_node(const Node& node, const Scope& scope, ElementFn fn) {
  switch (node.type) {
    case NodeType::Everything:
      if (everything_) {
        for (const Value& v : everything_->as_array())
          if (!tick() || !fn(v)) break;
      } else {
        dataset_.for_each([&](const Value& doc) { return tick() && fn(doc); });
      }
      return true;
    case NodeType::Filter:
      return each_filter(node, scope, fn);
    case NodeType::Map:
      return each(*node.base, scope, [&](const Value& item) {
        return fn(*eval(*node.expr, scope.hidden_nested(item)));
      });
    case NodeType::FlatMap:
      return each(*node.base, scope, [&](const Value& item) {
        Ref r = eval(*node.expr, scope.hidden_nested(item));
        if (!r->is_array()) return fn(*r);
        for (const Value& v : r->as_array())
          if (!fn(v)) return false;
        return true;
      });
    case NodeType::ArrayCoerce:
    case NodeType::Group:
      return each(*node.base, scope, fn);
    case NodeType::Slice:
      return each_slice(node, scope, fn);
    case NodeType::Array:
      for (const ArrayElement& e : node.elements) {
        if (failed_) break;
        if (e.splat) {
          bool go = true;
          each(*e.value, scope, [&](const Value& v) { return go = fn(v); });
          if (!go) break;
        } else if (!fn(*eval(*e.value, scope))) {
          break;
        }
      }
      return true;
    default: {
      Ref r = eval(node, scope);
      if (!r->is_array()) return false;
      for (const Value& v : r->as_array())
        if (!tick() || !fn(v)) break;
      return true;
    }
  }
}

bool Evaluator::each_filter(const Node& node, const Scope& scope, ElementFn fn) {
  if (node.plan && node.base->cache_slot < 0) return each_planned(*this, node, scope, fn);
  return each(*node.base, scope,
              [&](const Value& item) { return !test(*node.expr, scope.nested(item)) || fn(item); });
}

bool Evaluator::each_slice(const Node& node, const Scope& scope, ElementFn fn) {
  double left = node.slice_left, right = node.slice_right;
  if (left >= 0 && right >= 0) {
    // Both bounds known without the length: stream, and stop early.
    double end = node.inclusive ? right + 1 : right;
    if (end <= left) {
      Ref base = eval(*node.base, scope);  // still null for non-arrays
      return base->is_array();
    }
    // No array holds 2^53 elements: larger bounds (up to 1e308) clamp there before the cast.
    constexpr double kNoLimit = 9007199254740992.0;
    auto skip = static_cast<std::size_t>(std::min(left, kNoLimit));
    auto count = static_cast<std::size_t>(std::min(end - left, kNoLimit));
    if (node.base->type == NodeType::PipeFuncCall && node.base->text == "order" &&
        node.base->cache_slot < 0)
      return each_ordered(*this, *node.base, scope, skip, count, fn);
    std::size_t i = 0;
    return each(*node.base, scope, [&](const Value& v) {
      if (i++ < skip) return true;
      return fn(v) && i < skip + count;
    });
  }
  Ref base = eval(*node.base, scope);
  if (!base->is_array()) return false;
  auto items = base->as_array();
  const double n = static_cast<double>(items.size());
  if (left < 0) left += n;
  if (right < 0) right += n;
  if (node.inclusive) right += 1;
  left = std::max(0.0, std::min(left, n));
  right = std::max(0.0, std::min(right, n));
  for (double i = left; i < right; ++i)
    if (!tick() || !fn(items[static_cast<std::size_t>(i)])) break;
  return true;
}

}  // namespace ledgerline::groq
