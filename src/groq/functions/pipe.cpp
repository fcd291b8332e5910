#include "groq/functions/pipe.h"

#include <algorithm>
#include <deque>
#include <limits>
#include <numeric>

#include "groq/functions/registry.h"
#include "groq/matching.h"
#include "groq/values.h"

namespace ledgerline::groq {
namespace {

constexpr std::size_t kAll = std::numeric_limits<std::size_t>::max();

// Are the elements `each(node)` yields alive until the evaluation ends (documents, cached
// subqueries, literals, parameters), so that they can be kept by address?
bool stable_elements(const Node& node) {
  if (node.cache_slot >= 0) return true;
  switch (node.type) {
    case NodeType::Everything:
    case NodeType::Literal:
    case NodeType::Parameter:
      return true;
    case NodeType::Filter:
    case NodeType::Slice:
    case NodeType::ArrayCoerce:
    case NodeType::Group:
      return stable_elements(*node.base);
    default:
      return false;
  }
}

// Elements with their sort keys; ties keep the input order.
class Sorter {
 public:
  Sorter(Evaluator& ev, const Node& call, const Scope& scope, bool stable)
      : ev_(ev), scope_(scope), stable_(stable) {
    for (const NodePtr& arg : call.args) {
      bool desc = arg->type == NodeType::Desc;
      bool wrapped = desc || arg->type == NodeType::Asc;
      exprs_.push_back(wrapped ? arg->base.get() : arg.get());
      desc_.push_back(desc);
    }
  }

  auto less() const {
    return [this](std::size_t a, std::size_t b) {
      const std::size_t n = exprs_.size();
      for (std::size_t k = 0; k < n; ++k) {
        int c = total_compare(keys_[a * n + k], keys_[b * n + k]);
        if (c != 0) return desc_[k] ? c > 0 : c < 0;
      }
      return seq_[a] < seq_[b];
    };
  }

  bool add(const Value& item) {
    Scope s = scope_.nested(item);
    if (stable_) {
      items_.push_back(&item);
    } else {
      owned_.push_back(item);
      items_.push_back(&owned_.back());
    }
    seq_.push_back(next_seq_++);
    for (const Node* e : exprs_) keys_.push_back(ev_.eval(*e, s).take());
    return !ev_.failed();
  }

  // Keeps only the `keep` first elements in sort order.
  void prune(std::size_t keep) {
    if (items_.size() <= keep) return;
    std::vector<std::size_t> order = indexes();
    std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(),
                     less());
    order.resize(keep);
    std::sort(order.begin(), order.end());  // keep input order for ties
    std::vector<const Value*> items;
    std::vector<Value> keys;
    std::vector<std::size_t> seq;
    for (std::size_t i : order) {
      items.push_back(items_[i]);
      seq.push_back(seq_[i]);
      for (std::size_t k = 0; k < exprs_.size(); ++k)
        keys.push_back(std::move(keys_[i * exprs_.size() + k]));
    }
    items_ = std::move(items);
    keys_ = std::move(keys);
    seq_ = std::move(seq);
  }

  std::size_t size() const { return items_.size(); }

  // The sorted elements [skip, skip + count).
  template <class Fn>
  void emit(std::size_t skip, std::size_t count, Fn fn) {
    std::vector<std::size_t> order = indexes();
    std::size_t end = count == kAll ? order.size() : std::min(order.size(), skip + count);
    if (skip >= end) return;
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(end), order.end(),
                      less());
    for (std::size_t i = skip; i < end; ++i)
      if (!fn(*items_[order[i]])) break;
  }

 private:
  std::vector<std::size_t> indexes() const {
    std::vector<std::size_t> order(items_.size());
    std::iota(order.begin(), order.end(), 0);
    return order;
  }

  Evaluator& ev_;
  const Scope& scope_;
  const bool stable_;
  std::vector<const Node*> exprs_;
  std::vector<bool> desc_;
  std::vector<const Value*> items_;
  std::deque<Value> owned_;  // copies of unstable elements (addresses never change)
  std::vector<Value> keys_;  // exprs_.size() keys per item
  std::vector<std::size_t> seq_;
  std::size_t next_seq_ = 0;
};

template <class Feed>
Ref sorted(Evaluator& ev, const Node& call, const Scope& scope, bool stable, Feed feed) {
  Sorter sorter(ev, call, scope, stable);
  feed([&](const Value& item) { return sorter.add(item); });
  std::vector<Value> out;
  out.reserve(sorter.size());
  sorter.emit(0, kAll, [&](const Value& v) {
    out.push_back(v);
    return true;
  });
  return Ref::own(Value::array(std::move(out)));
}

Ref order(Evaluator& ev, const Node& call, Ref base, const Scope& scope) {
  // `base` lives until sorted() returns.
  return sorted(ev, call, scope, true, [&](auto&& add) {
    for (const Value& item : base->as_array())
      if (!add(item)) break;
  });
}

double evaluate_score(Evaluator& ev, const Node& node, const Scope& scope) {
  switch (node.type) {
    case NodeType::OpCall:
      if (node.op == Op::Match)
        return match_score(*ev.eval(*node.left, scope), *ev.eval(*node.right, scope));
      break;
    case NodeType::FuncCall:
      if (node.text == "global::boost") {
        double inner = evaluate_score(ev, *node.args[0], scope);
        Ref boost = ev.eval(*node.args[1], scope);
        return boost->is_number() && inner > 0 ? inner + boost->as_number() : 0;
      }
      break;
    case NodeType::Or:
      return evaluate_score(ev, *node.left, scope) + evaluate_score(ev, *node.right, scope);
    case NodeType::And: {
      double a = evaluate_score(ev, *node.left, scope);
      double b = evaluate_score(ev, *node.right, scope);
      return a == 0 || b == 0 ? 0 : a + b;
    }
    default:
      break;
  }
  return ev.test(node, scope) ? 1 : 0;
}

Ref score(Evaluator& ev, const Node& call, Ref base, const Scope& scope) {
  static const Key score_key = Key::intern("_score");
  std::vector<std::pair<double, Value>> scored;
  for (const Value& item : base->as_array()) {
    if (!is_plain_object(item)) continue;
    Scope s = scope.nested(item);
    const Value* previous = item.find(score_key);
    double total = previous && previous->is_number() ? previous->as_number() : 0;
    for (const NodePtr& arg : call.args) total += evaluate_score(ev, *arg, s);
    scored.emplace_back(total, item.with(score_key, Value::number(total)));
    if (ev.failed()) return Ref();
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<Value> out;
  out.reserve(scored.size());
  for (auto& s : scored) out.push_back(std::move(s.second));
  return Ref::own(Value::array(std::move(out)));
}

constexpr PipeFunctionDef kPipeFunctions[] = {
    {"order", 1, order},
    {"score", 1, score},
};

}  // namespace

bool each_ordered(Evaluator& ev, const Node& call, const Scope& scope, std::size_t skip,
                  std::size_t count, ElementFn fn) {
  const std::size_t keep = skip + count;
  Sorter sorter(ev, call, scope, stable_elements(*call.base));
  bool is_array = ev.each(*call.base, scope, [&](const Value& item) {
    if (!sorter.add(item)) return false;
    if (sorter.size() >= 2 * keep + 256) sorter.prune(keep);
    return true;
  });
  if (!is_array || ev.failed()) return false;
  sorter.emit(skip, count, [&](const Value& v) { return fn(v); });
  return true;
}

const PipeFunctionDef* find_pipe_function(std::string_view name) {
  for (const PipeFunctionDef& f : kPipeFunctions)
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace ledgerline::groq
