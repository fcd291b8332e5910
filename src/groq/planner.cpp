#include "groq/planner.h"

#include <algorithm>

#include "groq/shared_scan.h"
#include "groq/values.h"

namespace ledgerline::groq {
namespace {

// A path of attributes from the current document (`a.b.c`, `@.a`).
bool is_self_path(const Node& node) {
  if (node.type == NodeType::This) return true;
  if (node.type != NodeType::AccessAttribute) return false;
  return !node.base || is_self_path(*node.base);
}

struct Candidate {
  FilterPlan::Access access;
  FilterPlan::KeyForm form;
  NodePtr key;
  std::size_t conjunct;
  bool exact;  // the access guarantees the conjunct: drop it from the residual
};

std::optional<Candidate> candidate(const NodePtr& c, std::size_t index) {
  static const Key ref_key = Key::intern("_ref");
  const Node& n = *c;
  if (n.type == NodeType::OpCall && (n.op == Op::Eq || n.op == Op::In)) {
    for (int side = 0; side < 2; ++side) {
      const NodePtr& attr = side == 0 ? n.left : n.right;
      const NodePtr& key = side == 0 ? n.right : n.left;
      if (n.op == Op::In && side == 1) break;  // `k in _id` is not an id constraint
      if (!is_constant(*key)) continue;
      auto form = n.op == Op::Eq ? FilterPlan::KeyForm::Single : FilterPlan::KeyForm::List;
      if (is_self_attribute(*attr, "_id"))
        return Candidate{FilterPlan::Access::Ids, form, key, index, true};
      if (is_self_attribute(*attr, "_type"))
        return Candidate{FilterPlan::Access::Types, form, key, index, true};
      if (n.op == Op::Eq && attr->type == NodeType::AccessAttribute && attr->name == ref_key &&
          is_self_path(*attr))
        return Candidate{FilterPlan::Access::References, form, key, index, false};
    }
  }
  if (n.type == NodeType::FuncCall && n.text == "global::references" && n.args.size() == 1 &&
      is_constant(*n.args[0]))
    return Candidate{FilterPlan::Access::References, FilterPlan::KeyForm::Either, n.args[0], index,
                     false};
  return std::nullopt;
}

std::optional<AttributeTest> attribute_test(const Node& n) {
  if (n.type != NodeType::OpCall || n.op >= Op::Add) return std::nullopt;
  for (int side = 0; side < 2; ++side) {
    const Node& attr = side == 0 ? *n.left : *n.right;
    const NodePtr& constant = side == 0 ? n.right : n.left;
    auto key = self_attribute(attr);
    if (key && is_constant(*constant)) return AttributeTest{*key, n.op, constant, side == 1};
  }
  return std::nullopt;
}

std::shared_ptr<const FilterPlan> plan_filter(const Node& filter) {
  std::vector<NodePtr> parts;
  conjuncts(filter.expr, parts);
  std::optional<Candidate> best;
  auto rank = [](FilterPlan::Access a) {
    return a == FilterPlan::Access::Ids ? 0 : a == FilterPlan::Access::References ? 1 : 2;
  };
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto c = candidate(parts[i], i);
    if (c && (!best || rank(c->access) < rank(best->access))) best = c;
  }
  auto plan = std::make_shared<FilterPlan>();
  if (best) {
    plan->access = best->access;
    plan->form = best->form;
    plan->key = best->key;
  }
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (best && best->exact && i == best->conjunct) continue;
    if (auto test = attribute_test(*parts[i])) {
      plan->tests.push_back(std::move(*test));
    } else if (!plan->residual) {
      plan->residual = parts[i];
    } else {
      NodePtr both = make_node(NodeType::And, plan->residual->start, parts[i]->end);
      both->left = plan->residual;
      both->right = parts[i];
      update_depth(*both);
      plan->residual = both;
    }
  }
  return plan;
}

// Facts about a subtree for deciding what can be computed once.
struct Facts {
  bool uses_scope = false;  // reads `@` (directly or through a bare attribute name)
  bool has_parent = false;  // contains `^`
  bool reads_dataset = false;
};

Facts analyze(const Node& node) {
  Facts f;
  switch (node.type) {
    case NodeType::This:
      f.uses_scope = true;
      break;
    case NodeType::Parent:
      f.uses_scope = f.has_parent = true;
      break;
    case NodeType::Everything:
      f.reads_dataset = true;
      break;
    case NodeType::AccessAttribute:
      if (!node.base) f.uses_scope = true;
      break;
    case NodeType::FuncCall:
      // These read the current document implicitly.
      if (node.text == "global::references" || node.text.rfind("sanity::", 0) == 0 ||
          node.text.rfind("diff::", 0) == 0)
        f.uses_scope = true;
      break;
    default:
      break;
  }
  for_each_child(node, [&f](const Node& child, ChildRole role) {
    Facts c = analyze(child);
    f.has_parent |= c.has_parent;
    f.reads_dataset |= c.reads_dataset;
    // What runs in a nested scope reads that scope, not this one.
    if (role == ChildRole::Plain) f.uses_scope |= c.uses_scope;
  });
  return f;
}

bool is_literal(const NodePtr& n) {
  return !n || n->type == NodeType::Literal;
}

// Evaluates operators, arrays and objects whose operands are all literals once, here.
void fold_constants(Node& node) {
  for_each_child(node, [](Node& child, ChildRole) { fold_constants(child); });
  bool foldable = false;
  switch (node.type) {
    case NodeType::Group:
    case NodeType::Neg:
    case NodeType::Pos:
    case NodeType::Not:
    case NodeType::And:
    case NodeType::Or:
    case NodeType::OpCall:
    case NodeType::InRange:
      foldable = is_literal(node.base) && is_literal(node.left) && is_literal(node.right);
      break;
    case NodeType::Array:
      foldable = std::all_of(node.elements.begin(), node.elements.end(),
                             [](const ArrayElement& e) { return is_literal(e.value); });
      break;
    case NodeType::Object:
      foldable = std::all_of(
          node.attributes.begin(), node.attributes.end(),
          [](const ObjectAttribute& a) { return is_literal(a.condition) && is_literal(a.value); });
      break;
    default:
      break;
  }
  if (!foldable) return;
  EvalOptions options;
  Evaluator ev(empty_dataset(), options, 0);
  Scope root{&null_value(), nullptr, false};
  Value v = ev.eval(node, root).take();
  if (ev.failed() || ev.made_special()) return;
  node.type = NodeType::Literal;
  node.value = std::move(v);
  node.base = node.left = node.right = nullptr;
  node.elements.clear();
  node.attributes.clear();
  node.depth = 1;
}

void plan_filters(Node& node) {
  if (node.type == NodeType::Filter && node.base->type == NodeType::Everything)
    node.plan = plan_filter(node);
  for_each_child(node, [](Node& child, ChildRole) { plan_filters(child); });
}

// After filters and cache slots are known: sibling aggregates that can share a scan.
void plan_shared_scans(Node& node) {
  if (node.type == NodeType::Object) {
    auto scans = find_shared_scans(node);
    if (!scans.empty())
      node.shared_scans = std::make_shared<const std::vector<SharedScan>>(std::move(scans));
  }
  for_each_child(node, [](Node& child, ChildRole) { plan_shared_scans(child); });
}

// Marks scope-independent subqueries evaluated per element of something (inner ones too:
// they run per element of the outer one when that is computed).
void assign_cache_slots(Node& node, bool in_loop, int& slots) {
  if (in_loop && node.type != NodeType::Everything) {
    Facts f = analyze(node);
    // Subqueries, and arrays/objects built from parameters, are the same every time.
    bool costly = f.reads_dataset || node.type == NodeType::Array || node.type == NodeType::Object;
    if (costly && !f.uses_scope && !f.has_parent) node.cache_slot = slots++;
  }
  // Below a cached node only nested scopes run more than once per computation.
  const bool repeated = in_loop && node.cache_slot < 0;
  for_each_child(node, [&](Node& child, ChildRole role) {
    assign_cache_slots(child, repeated || role == ChildRole::PerElement, slots);
  });
}

}  // namespace

void conjuncts(const NodePtr& expr, std::vector<NodePtr>& out) {
  if (expr->type == NodeType::And) {
    conjuncts(expr->left, out);
    conjuncts(expr->right, out);
  } else if (expr->type == NodeType::Group) {
    conjuncts(expr->base, out);
  } else {
    out.push_back(expr);
  }
}

bool is_constant(const Node& node) {
  switch (node.type) {
    case NodeType::Literal:
    case NodeType::Parameter:
      return true;
    case NodeType::Group:
    case NodeType::Neg:
    case NodeType::Pos:
      return is_constant(*node.base);
    case NodeType::OpCall:
      return node.op >= Op::Add && is_constant(*node.left) && is_constant(*node.right);
    case NodeType::Array:
      return std::all_of(node.elements.begin(), node.elements.end(),
                         [](const ArrayElement& e) { return is_constant(*e.value); });
    default:
      return false;
  }
}

std::optional<Key> self_attribute(const Node& node) {
  if (node.type != NodeType::AccessAttribute) return std::nullopt;
  if (node.base && node.base->type != NodeType::This) return std::nullopt;
  return node.name;
}

bool is_self_attribute(const Node& node, std::string_view name) {
  auto key = self_attribute(node);
  return key && key->str() == name;
}

int plan_query(const NodePtr& root) {
  fold_constants(*root);
  plan_filters(*root);
  int slots = 0;
  assign_cache_slots(*root, false, slots);
  plan_shared_scans(*root);
  return slots;
}

}  // namespace ledgerline::groq
