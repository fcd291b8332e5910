// make_filter: the document filter of a `*[...]` query, for listeners and read rules.
#include <algorithm>
#include <set>

#include "groq/evaluator.h"
#include "groq/planner.h"
#include "groq/query.h"

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

}  // namespace

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
