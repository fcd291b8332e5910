// PathMatcher: the reference's Descender/Matcher state machine over immutable Values.
#include "patch/path_matcher.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ledgerline::patch {
namespace {

using Type = PathExpr::Type;
using Descender = PathMatcher::Descender;

Error match_error(std::string message) {
  return Error::invalid(std::move(message), "invalidPatch");
}

PathExprPtr make_path(std::vector<PathExprPtr> nodes) {
  auto e = std::make_shared<PathExpr>();
  e->type = Type::kPath;
  e->nodes = std::move(nodes);
  return e;
}

PathExprPtr make_index(std::int64_t i) {
  auto e = std::make_shared<PathExpr>();
  e->type = Type::kIndex;
  e->number = static_cast<double>(i);
  return e;
}

PathExprPtr make_attribute(std::string_view name) {
  auto e = std::make_shared<PathExpr>();
  e->type = Type::kAttribute;
  e->name = std::string(name);
  return e;
}

std::vector<PathExprPtr> path_nodes(const PathExprPtr& e) {
  if (e->type == Type::kPath) return e->nodes;
  return {e};
}

// splitIfPath: first node and the rest (as a path) of a path; a non-path is its own head.
std::pair<PathExprPtr, PathExprPtr> split_if_path(const PathExprPtr& tail) {
  if (tail->type != Type::kPath) return {tail, nullptr};
  const auto& nodes = tail->nodes;
  if (nodes.empty()) return {nullptr, nullptr};
  if (nodes.size() == 1) return {nodes[0], nullptr};
  return {nodes[0], make_path(std::vector<PathExprPtr>(nodes.begin() + 1, nodes.end()))};
}

PathExprPtr concat_paths(const PathExprPtr& a, const PathExprPtr& b) {
  if (!a && !b) return nullptr;
  std::vector<PathExprPtr> nodes;
  if (a) nodes = a->nodes;
  if (b) nodes.insert(nodes.end(), b->nodes.begin(), b->nodes.end());
  return make_path(std::move(nodes));
}

// Expression.descend(): head/tail pairs for a tail expression, spreading union heads.
std::vector<Descender> descend_expr(const PathExprPtr& tail) {
  auto [head, rest] = split_if_path(tail);
  if (!head) return {};
  if (head->type != Type::kUnion) return {Descender{head, rest}};
  std::vector<Descender> out;
  for (const PathExprPtr& node : head->nodes) {
    if (node->type == Type::kPath) {
      auto [sub_head, sub_tail] = split_if_path(node);
      out.push_back(Descender{sub_head, concat_paths(sub_tail, rest)});
    } else {
      out.push_back(Descender{node, rest});
    }
  }
  return out;
}

std::vector<Descender> descend(const Descender& d) {
  if (!d.tail) return {Descender{nullptr, nullptr}};
  return descend_expr(d.tail);
}

bool is_recursive(const Descender& d) {
  return d.head && d.head->type == Type::kRecursive;
}

std::vector<Descender> extract_recursives(const Descender& d) {
  if (!is_recursive(d)) return {};
  PathExprPtr term = d.head->term;
  PathExprPtr joined = d.tail ? make_path([&] {
    auto nodes = path_nodes(term);
    auto more = path_nodes(d.tail);
    nodes.insert(nodes.end(), more.begin(), more.end());
    return nodes;
  }())
                              : term;
  return descend(Descender{nullptr, joined});
}

bool is_primitive(const Value& v) {
  return !v.is_array() && !v.is_object();
}

bool constraint_targets_self(const PathExpr& c) {
  return c.lhs && c.lhs->type == Type::kAlias;
}

Result<bool> test_constraint(const PathExpr& c, const Value& probe) {
  if (constraint_targets_self(c)) {
    if (!is_primitive(probe)) return false;
    if (c.op == "?") return true;
    return compare_js(probe, c.op, *c.rhs);
  }
  if (!probe.is_object()) return false;
  std::vector<std::string_view> names;
  if (c.lhs->type == Type::kAttribute) {
    names.push_back(c.lhs->name);
  } else if (c.lhs->type == Type::kPath) {
    for (const auto& n : c.lhs->nodes) {
      if (n->type != Type::kAttribute) {
        return match_error("Constraint target path with non-attribute segment not supported");
      }
      names.push_back(n->name);
    }
  } else {
    return match_error("Constraint target not supported");
  }
  const Value* cursor = &probe;
  for (std::size_t i = 0; i + 1 < names.size(); ++i) {
    if (!cursor->is_object()) return false;
    cursor = cursor->find(names[i]);
    if (!cursor) return false;
  }
  if (!cursor->is_object()) return false;
  const Value* lhs = cursor->find(names.back());
  if (!lhs || !is_primitive(*lhs)) return false;
  if (c.op == "?") return true;
  return compare_js(*lhs, c.op, *c.rhs);
}

// Descender.iterateConstraints: resolves a constraint head against the probe.
Result<std::vector<Descender>> iterate_constraints(const Descender& d, const Value& probe) {
  if (!d.head || d.head->type != Type::kConstraint) return std::vector<Descender>{d};
  const PathExpr& c = *d.head;
  std::vector<Descender> out;
  if (is_primitive(probe) && constraint_targets_self(c)) {
    auto ok = test_constraint(c, probe);
    if (!ok.ok()) return std::move(ok).error();
    if (*ok) return descend(d);
    return out;
  }
  if (probe.is_array()) {
    auto items = probe.as_array();
    for (std::size_t i = 0; i < items.size(); ++i) {
      auto ok = test_constraint(c, items[i]);
      if (!ok.ok()) return std::move(ok).error();
      if (*ok) out.push_back(Descender{make_index(static_cast<std::int64_t>(i)), d.tail});
    }
    return out;
  }
  if (probe.is_object()) {
    if (constraint_targets_self(c)) return out;
    auto ok = test_constraint(c, probe);
    if (!ok.ok()) return std::move(ok).error();
    if (*ok) return descend(d);
  }
  return out;
}

Result<std::vector<Descender>> iterate(const Descender& d, const Value& probe,
                                       MatchBudget& budget) {
  std::vector<Descender> result{d};
  auto has_constraint = [](const std::vector<Descender>& v) {
    return std::any_of(v.begin(), v.end(), [](const Descender& x) {
      return x.head && x.head->type == Type::kConstraint;
    });
  };
  while (has_constraint(result)) {
    std::vector<Descender> next;
    for (const Descender& x : result) {
      if (!budget.spend()) return match_error("Patch path is too expensive to evaluate");
      auto r = iterate_constraints(x, probe);
      if (!r.ok()) return std::move(r).error();
      next.insert(next.end(), r->begin(), r->end());
    }
    result = std::move(next);
  }
  return result;
}

}  // namespace

const PathExprPtr& PathMatcher::self_target() {
  static const PathExprPtr self = [] {
    auto e = std::make_shared<PathExpr>();
    e->type = Type::kAlias;
    return PathExprPtr(e);
  }();
  return self;
}

PathMatcher::PathMatcher(std::vector<Descender> active, Recursives recursives)
    : recursives_(std::move(recursives)) {
  for (Descender& d : active) {
    if (is_recursive(d)) {
      auto extracted = extract_recursives(d);
      recursives_->insert(recursives_->end(), extracted.begin(), extracted.end());
    } else {
      active_.push_back(std::move(d));
    }
  }
}

Result<std::shared_ptr<PathMatcher>> PathMatcher::from_path(const PathExprPtr& path) {
  auto recursives = std::make_shared<std::vector<Descender>>();
  return std::shared_ptr<PathMatcher>(new PathMatcher(descend_expr(path), recursives));
}

bool PathMatcher::at_final_segment() const {
  return std::any_of(active_.begin(), active_.end(),
                     [](const Descender& d) { return d.head && !d.tail; });
}

Result<PathMatcher::Match> PathMatcher::match(const Value& probe, MatchBudget& budget) const {
  // iterate(): active descenders plus the recursive ones that apply here, constraints resolved.
  std::vector<Descender> candidates = active_;
  // Scanning the shared recursive descenders is this call's main cost.
  if (!budget.spend(static_cast<std::int64_t>(recursives_->size()))) {
    return match_error("Patch path is too expensive to evaluate");
  }
  for (const Descender& r : *recursives_) {
    if (!r.head) continue;
    const PathExpr& h = *r.head;
    bool applies = h.type == Type::kConstraint || (probe.is_array() && h.is_index_reference()) ||
                   (probe.is_object() && h.type == Type::kAttribute && probe.find(h.name));
    if (applies) candidates.push_back(r);
  }
  if (!budget.spend(static_cast<std::int64_t>(candidates.size()) + 1)) {
    return match_error("Patch path is too expensive to evaluate");
  }
  std::vector<Descender> next_active;
  for (const Descender& d : candidates) {
    auto r = iterate(d, probe, budget);
    if (!r.ok()) return std::move(r).error();
    next_active.insert(next_active.end(), r->begin(), r->end());
  }
  PathMatcher iterated(std::move(next_active), recursives_);

  // extractMatches()
  Match out;
  for (const Descender& d : iterated.active_) {
    if (!d.head && !d.tail) {
      out.targets.push_back(self_target());
      continue;
    }
    if (!d.head) continue;
    const PathExpr& h = *d.head;
    if (probe.is_array() && !h.is_index_reference()) continue;
    if (probe.is_object() && h.type != Type::kAttribute) continue;
    if (d.tail) {
      if (!h.is_index_reference() && h.type != Type::kAttribute) {
        return match_error(fmt::format("Can't descend into {} here", path_to_string(h)));
      }
      auto matcher =
          std::shared_ptr<PathMatcher>(new PathMatcher(descend(d), iterated.recursives_));
      out.leads.push_back(Lead{d.head, std::move(matcher)});
    } else {
      out.targets.push_back(d.head);
    }
  }
  if (!recursives_->empty()) {
    auto all = std::shared_ptr<PathMatcher>(new PathMatcher({}, recursives_));
    if (probe.is_array()) {
      for (std::size_t i = 0; i < probe.size(); ++i) {
        out.leads.push_back(Lead{make_index(static_cast<std::int64_t>(i)), all});
      }
    } else if (probe.is_object()) {
      for (const Member& m : probe.as_object())
        out.leads.push_back(Lead{make_attribute(m.key.str()), all});
    }
  }
  if (!budget.spend(static_cast<std::int64_t>(out.leads.size()))) {
    return match_error("Patch path is too expensive to evaluate");
  }
  return out;
}

Result<std::vector<std::int64_t>> resolve_indices(const PathExpr& segment, const Value& array) {
  auto integral = [](double d) { return std::isfinite(d) && std::floor(d) == d; };
  const std::int64_t len = static_cast<std::int64_t>(array.size());
  if (segment.type == Type::kIndex) {
    if (!integral(segment.number)) {
      return match_error(fmt::format("Array index {} is not an integer", path_to_string(segment)));
    }
    std::int64_t i = static_cast<std::int64_t>(std::clamp(segment.number, -9e15, 9e15));
    if (i < 0) {
      if (!array.is_array())
        return match_error("Negative index used on a value that is not an array");
      i += len;
    }
    return std::vector<std::int64_t>{i};
  }
  if (segment.type != Type::kRange) return match_error("Not an index or range");
  if (!array.is_array()) return match_error("Range used on a value that is not an array");
  auto bound = [&](const std::optional<double>& v, std::int64_t fallback) -> Result<std::int64_t> {
    if (!v || *v == 0) return fallback;  // the reference treats 0 like "absent" (`x || default`)
    if (!integral(*v)) return match_error("Range bounds must be integers");
    std::int64_t b = static_cast<std::int64_t>(std::clamp(*v, -9e15, 9e15));
    return b < 0 ? b + len : b;
  };
  auto start = bound(segment.range_start, 0);
  if (!start.ok()) return std::move(start).error();
  auto end = bound(segment.range_end, len);
  if (!end.ok()) return std::move(end).error();
  std::int64_t from = *start, to = *end;
  if (segment.step && *segment.step < 0) std::swap(from, to);
  std::vector<std::int64_t> out;
  if (from >= to) return out;
  if (from < 0) out.push_back(from);  // only the lowest out-of-range index matters to callers
  const std::int64_t first = std::max<std::int64_t>(from, 0);
  const std::int64_t last = std::min(to, std::max(len, first + 1));
  for (std::int64_t i = from < 0 ? std::max<std::int64_t>(first, 0) : first; i < last; ++i) {
    out.push_back(i);
  }
  return out;
}

}  // namespace ledgerline::patch
