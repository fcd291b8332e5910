// Query planning. Filters over `*` use the dataset's indexes when a conjunct of the filter
// pins the candidates (`_id == k`, `_id in [...]`, `references(k)`, `x._ref == k`,
// `_type == k`, `_type in [...]`, with k a literal or parameter); the rest of the filter is
// evaluated on the candidates only. Subqueries that do not depend on their scope (such as
// `_id in *[...]._id` inside a filter) are computed once per evaluation.
#pragma once

#include "groq/ast.h"
#include "groq/evaluator.h"

namespace ledgerline::groq {

struct FilterPlan {
  enum class Access { Ids, References, Types } access;
  // The key's expected shape: `== k` (a string), `in k` (an array of strings), or
  // references(k) (either).
  enum class KeyForm { Single, List, Either } form;
  NodePtr key;
  NodePtr residual;  // the filter minus what the access guarantees (null: nothing left)
};

// Annotates the tree (Node::plan, Node::cache_slot); returns the number of cache slots.
int plan_query(const NodePtr& root);

// Streams the documents that pass `filter` (a Filter over `*` with a plan), in _id order.
bool each_planned(Evaluator& ev, const Node& filter, const Scope& scope, ElementFn fn);

// Splits a filter expression into its `&&` conjuncts.
void conjuncts(const NodePtr& expr, std::vector<NodePtr>& out);
// A literal, parameter, or arithmetic/array of those: the same value everywhere.
bool is_constant(const Node& node);
// `_id` / `_type` / any attribute of the current document (`name` or `@.name`).
bool is_self_attribute(const Node& node, std::string_view name);

}  // namespace ledgerline::groq
