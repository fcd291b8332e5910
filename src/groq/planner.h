// Query planning. Filters over `*` use the dataset's indexes when a conjunct of the filter
// pins the candidates (`_id == k`, `_id in [...]`, `references(k)`, `x._ref == k`,
// `_type == k`, `_type in [...]`, with k a literal or parameter); the rest of the filter is
// evaluated on the candidates only. Subqueries that do not depend on their scope (such as
// `_id in *[...]._id` inside a filter) are computed once per evaluation.
#pragma once

#include <optional>
#include <vector>

#include "groq/ast.h"
#include "groq/evaluator.h"

namespace ledgerline::groq {

// `attribute op constant` (or `constant op attribute`): a conjunct checked directly on the
// document, without going through the evaluator.
struct AttributeTest {
  Key name;
  Op op;  // a comparison, `in` or `match`
  NodePtr constant;
  bool constant_first = false;
};

struct FilterPlan {
  enum class Access { Scan, Ids, References, Types } access = Access::Scan;
  // The key's expected shape: `== k` (a string), `in k` (an array of strings), or
  // references(k) (either).
  enum class KeyForm { Single, List, Either } form = KeyForm::Single;
  NodePtr key;
  // The filter minus what the access guarantees: attribute tests, then the rest (null:
  // nothing left).
  std::vector<AttributeTest> tests;
  NodePtr residual;
};

// Annotates the tree (Node::plan, Node::cache_slot); returns the number of cache slots.
int plan_query(const NodePtr& root);

// Streams the documents that pass `filter` (a Filter over `*`, with its plan), in _id order.
bool each_planned(Evaluator& ev, const Node& filter, const Scope& scope, ElementFn fn);

// A dataset without documents (for evaluating constants).
const Dataset& empty_dataset();

// Splits a filter expression into its `&&` conjuncts.
void conjuncts(const NodePtr& expr, std::vector<NodePtr>& out);
// A literal, parameter, or arithmetic/array of those: the same value everywhere.
bool is_constant(const Node& node);
// An attribute of the current document (`name` or `@.name`): its key.
std::optional<Key> self_attribute(const Node& node);
bool is_self_attribute(const Node& node, std::string_view name);

}  // namespace ledgerline::groq
