#include "groq/shared_scan.h"

#include "groq/scan.h"

namespace ledgerline::groq {
namespace {

// `count(*[...])`, `math::sum(*[...].x)` and the like: the aggregate, its filter and map.
std::optional<SharedScan::Member> scan_aggregate(const ObjectAttribute& attr, std::size_t index) {
  if (attr.kind != ObjectAttribute::Kind::Value || attr.value->cache_slot >= 0) return std::nullopt;
  auto kind = aggregate_kind(*attr.value);
  if (!kind) return std::nullopt;
  const Node* arg = attr.value->args[0].get();
  const Node* map = nullptr;
  if (arg->type == NodeType::Map && arg->cache_slot < 0) {
    map = arg->expr.get();
    arg = arg->base.get();
  }
  if (arg->type != NodeType::Filter || arg->cache_slot >= 0 || !arg->plan ||
      arg->base->type != NodeType::Everything || arg->base->cache_slot >= 0)
    return std::nullopt;
  auto access = arg->plan->access;
  if (access != FilterPlan::Access::Scan && access != FilterPlan::Access::Types)
    return std::nullopt;
  return SharedScan::Member{index, *kind, arg, map};
}

// Do two plans read the same documents (same access, same literal or parameter key)?
bool same_access(const FilterPlan& a, const FilterPlan& b) {
  if (a.access != b.access || a.form != b.form) return false;
  if (!a.key || !b.key) return !a.key && !b.key;
  if (a.key->type != b.key->type) return false;
  if (a.key->type == NodeType::Literal) return a.key->value == b.key->value;
  return a.key->type == NodeType::Parameter && a.key->text == b.key->text;
}

}  // namespace

std::vector<SharedScan> find_shared_scans(const Node& object) {
  std::vector<SharedScan> scans;
  for (std::size_t i = 0; i < object.attributes.size(); ++i) {
    auto member = scan_aggregate(object.attributes[i], i);
    if (!member) continue;
    auto same = std::find_if(scans.begin(), scans.end(), [&](const SharedScan& s) {
      return same_access(*s.members[0].filter->plan, *member->filter->plan);
    });
    if (same == scans.end()) {
      scans.push_back(SharedScan{{*member}});
    } else {
      same->members.push_back(*member);
    }
  }
  std::erase_if(scans, [](const SharedScan& s) { return s.members.size() < 2; });
  return scans;
}

void run_shared_scan(Evaluator& ev, const SharedScan& scan, const Scope& scope,
                     std::vector<std::optional<Value>>& results) {
  struct State {
    const SharedScan::Member* member;
    std::optional<FilterCheck> check;
    Aggregator aggregator;
    bool done = false;  // the result is decided
  };
  std::vector<State> states;
  for (const SharedScan::Member& m : scan.members)
    states.push_back(State{&m, std::nullopt, Aggregator(m.kind)});
  bool exact = true;
  std::size_t open = states.size();
  DocumentAttributes attributes;
  for_each_candidate(
      ev, *scan.members[0].filter->plan, scope,
      [&](const Value& doc) {
        attributes.reset(doc);
        for (State& s : states) {
          if (s.done) continue;
          if (!s.check) s.check.emplace(ev, *s.member->filter, scope, exact);
          if (!s.check->passes(doc, attributes)) continue;
          bool more;
          if (!s.member->map) {
            more = s.aggregator.add(doc);
          } else if (auto key = self_attribute(*s.member->map)) {
            const Value* v = attributes.get(*key);
            more = s.aggregator.add(v ? *v : null_value());
          } else {
            more = s.aggregator.add(*ev.eval(*s.member->map, scope.hidden_nested(doc)));
          }
          if (!more) {
            s.done = true;
            --open;
          }
        }
        return open > 0 && !ev.failed();
      },
      exact);
  for (const State& s : states) results[s.member->attribute] = s.aggregator.result(true);
}

}  // namespace ledgerline::groq
