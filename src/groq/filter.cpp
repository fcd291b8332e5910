// make_filter: the document filter of a `*[...]` query, for listeners and read rules.
#include <algorithm>
#include <set>

#include "groq/evaluator.h"
#include "groq/planner.h"
#include "groq/query.h"
#include "groq/rule_view.h"

namespace ledgerline::groq {
namespace {

using StringSet = std::set<std::string>;

// The values `attr` (_id or _type) can have for `expr` to be true; nullopt: any.
std::optional<StringSet> constraint(const Node& expr, std::string_view attr, Evaluator& ev) {
  switch (expr.type) {
    case NodeType::Group:
      return constraint(*expr.base, attr, ev);
    case NodeType::And: {
      auto a = constraint(*expr.left, attr, ev), b = constraint(*expr.right, attr, ev);
      if (!a) return b;
      if (!b) return a;
      StringSet both;
      std::set_intersection(a->begin(), a->end(), b->begin(), b->end(),
                            std::inserter(both, both.end()));
      return both;
    }
    case NodeType::Or: {
      auto a = constraint(*expr.left, attr, ev), b = constraint(*expr.right, attr, ev);
      if (!a || !b) return std::nullopt;
      a->insert(b->begin(), b->end());
      return a;
    }
    case NodeType::OpCall: {
      if (expr.op != Op::Eq && expr.op != Op::In) return std::nullopt;
      const Node* key = nullptr;
      if (is_self_attribute(*expr.left, attr) && is_constant(*expr.right)) {
        key = expr.right.get();
      } else if (expr.op == Op::Eq && is_self_attribute(*expr.right, attr) &&
                 is_constant(*expr.left)) {
        key = expr.left.get();
      }
      if (!key) return std::nullopt;
      Scope root{&null_value(), nullptr, false};
      Ref v = ev.eval(*key, root);
      StringSet out;
      if (expr.op == Op::Eq) {
        if (!v->is_string()) return std::nullopt;
        out.insert(std::string(v->as_string()));
        return out;
      }
      if (!v->is_array()) return StringSet{};  // `in` a non-array is never true
      for (const Value& item : v->as_array()) {
        if (!item.is_string()) return std::nullopt;
        out.insert(std::string(item.as_string()));
      }
      return out;
    }
    default:
      return std::nullopt;
  }
}

class QueryFilter final : public Filter {
 public:
  const std::vector<NodePtr>& filters() const { return filters_; }

  QueryFilter(QueryPtr query, Value params, ParsedQuery bound, std::vector<NodePtr> filters,
              int cache_slots)
      : query_(std::move(query)),
        params_(std::move(params)),
        bound_(std::move(bound)),
        filters_(std::move(filters)),
        cache_slots_(cache_slots) {
    EvalOptions options;
    options.params = params_;
    Evaluator ev(empty_dataset(), options, 0);
    for (const NodePtr& f : filters_) {
      intersect(types_, constraint(*f, "_type", ev));
      intersect(ids_, constraint(*f, "_id", ev));
    }
  }

  Result<bool> matches(const Value& document, const Dataset& dataset,
                       const EvalOptions& options) const override {
    EvalOptions with_params = options;
    with_params.params = params_;
    Evaluator ev(dataset, with_params, cache_slots_);
    ev.set_now(static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count()));
    Scope root{&null_value(), nullptr, false};
    Scope scope = root.nested(document);
    bool ok = true;
    for (const NodePtr& f : filters_) {
      if (!ev.test(*f, scope)) {
        ok = false;
        break;
      }
    }
    if (ev.failed()) return ev.take_error();
    return ok;
  }

  std::optional<std::vector<std::string>> required_types() const override {
    return as_vector(types_);
  }
  std::optional<std::vector<std::string>> required_ids() const override { return as_vector(ids_); }

 private:
  static void intersect(std::optional<StringSet>& acc, std::optional<StringSet> more) {
    if (!more) return;
    if (!acc) {
      acc = std::move(more);
      return;
    }
    StringSet both;
    std::set_intersection(acc->begin(), acc->end(), more->begin(), more->end(),
                          std::inserter(both, both.end()));
    acc = std::move(both);
  }
  static std::optional<std::vector<std::string>> as_vector(const std::optional<StringSet>& s) {
    if (!s) return std::nullopt;
    return std::vector<std::string>(s->begin(), s->end());
  }

  QueryPtr query_;
  Value params_;
  ParsedQuery bound_;
  std::vector<NodePtr> filters_;
  int cache_slots_;
  std::optional<StringSet> types_, ids_;
};

// --- Narrowing a rule by identity() (rule_view.h) ---

bool is_identity_call(const Node& node) {
  return node.type == NodeType::FuncCall && node.text == "global::identity" && node.args.empty();
}

// `a.b`, `a[]`, `a[].b` ... from the current document, without dereferences or subqueries.
bool is_document_path(const Node& node) {
  switch (node.type) {
    case NodeType::This:
      return true;
    case NodeType::AccessAttribute:
    case NodeType::ArrayCoerce:
      return !node.base || is_document_path(*node.base);
    case NodeType::Map:
    case NodeType::FlatMap:
      return node.base && is_document_path(*node.base) && node.expr && is_document_path(*node.expr);
    default:
      return false;
  }
}

// A path whose values are `_ref` members inside the document (`customer._ref`,
// `subjects[]._ref`): a value equal to identity() means the document references it.
bool is_reference_path(const Node& node) {
  static const Key ref_key = Key::intern("_ref");
  if (!is_document_path(node)) return false;
  if (node.type == NodeType::AccessAttribute) return node.name == ref_key;
  if (node.type == NodeType::Map || node.type == NodeType::FlatMap) {
    return is_reference_path(*node.expr);
  }
  return false;
}

std::optional<IdentityAccess> narrowing(const Node& c) {
  if (c.type != NodeType::OpCall) return std::nullopt;
  if (c.op == Op::Eq) {
    for (int side = 0; side < 2; ++side) {
      const Node& call = side == 0 ? *c.left : *c.right;
      const Node& other = side == 0 ? *c.right : *c.left;
      if (!is_identity_call(call)) continue;
      if (is_self_attribute(other, "_id")) return IdentityAccess::kIdIsIdentity;
      if (is_reference_path(other)) return IdentityAccess::kReferencesIdentity;
    }
  }
  if (c.op == Op::In && is_identity_call(*c.left) && is_reference_path(*c.right)) {
    return IdentityAccess::kReferencesIdentity;
  }
  return std::nullopt;
}

void disjuncts(const NodePtr& expr, std::vector<NodePtr>& out) {
  if (expr->type == NodeType::Or) {
    disjuncts(expr->left, out);
    disjuncts(expr->right, out);
  } else if (expr->type == NodeType::Group && expr->base) {
    disjuncts(expr->base, out);
  } else {
    out.push_back(expr);
  }
}

}  // namespace

std::map<std::string, IdentityAccess> identity_access_by_type(const Filter& filter) {
  const auto* query = dynamic_cast<const QueryFilter*>(&filter);
  if (query == nullptr || query->filters().size() != 1) return {};
  std::vector<NodePtr> alternatives;
  disjuncts(query->filters().front(), alternatives);
  std::map<std::string, std::optional<IdentityAccess>> by_type;
  for (const NodePtr& alternative : alternatives) {
    std::vector<NodePtr> parts;
    conjuncts(alternative, parts);
    std::optional<std::string> type;
    std::optional<IdentityAccess> access;
    for (const NodePtr& part : parts) {
      const Node& p = *part;
      if (p.type == NodeType::OpCall && p.op == Op::Eq) {
        for (int side = 0; side < 2 && !type; ++side) {
          const Node& attr = side == 0 ? *p.left : *p.right;
          const Node& literal = side == 0 ? *p.right : *p.left;
          if (is_self_attribute(attr, "_type") && literal.type == NodeType::Literal &&
              literal.value.is_string()) {
            type = std::string(literal.value.as_string());
          }
        }
      }
      if (!access) access = narrowing(p);
    }
    if (!type) return {};  // this alternative may admit any type: nothing can be narrowed
    auto [it, fresh] = by_type.emplace(*type, access);
    if (!fresh && it->second != access) it->second = std::nullopt;
  }
  std::map<std::string, IdentityAccess> out;
  for (const auto& [type, access] : by_type) {
    if (access) out.emplace(type, *access);
  }
  return out;
}

Result<FilterPtr> make_filter(const QueryPtr& query, const Value& params) {
  ParsedQuery storage;
  int slots = 0;
  auto bound = query->bind(params, storage, slots);
  if (!bound.ok()) return std::move(bound).error();
  ParsedQuery tree = *bound == &query->parsed ? query->parsed : std::move(storage);
  // Walk down the base chain to `*`; filters above a projection act on projected values.
  std::vector<NodePtr> filters;
  const Node* node = tree.root.get();
  while (node && node->type != NodeType::Everything) {
    switch (node->type) {
      case NodeType::Filter:
        filters.push_back(node->expr);
        break;
      case NodeType::Map:
      case NodeType::FlatMap:
      case NodeType::Projection:
        filters.clear();
        break;
      case NodeType::Slice:
      case NodeType::AccessElement:
      case NodeType::ArrayCoerce:
      case NodeType::PipeFuncCall:
      case NodeType::Group:
        break;
      default:
        node = nullptr;
        continue;
    }
    node = node->base.get();
  }
  if (!node || filters.empty())
    return Error::invalid("a filter must have the form *[...]", "queryError");
  return FilterPtr(
      std::make_shared<QueryFilter>(query, params, std::move(tree), std::move(filters), slots));
}

}  // namespace ledgerline::groq
