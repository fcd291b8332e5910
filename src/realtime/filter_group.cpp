#include "realtime/filter_group.h"

#include <cstdint>
#include <optional>

#include "groq/rule_view.h"

namespace ledgerline::realtime {

namespace {

bool passes(const groq::FilterPtr& filter, const Value& document, const groq::Dataset& dataset,
            const groq::EvalOptions& eval) {
  Result<bool> matched = filter->matches(document, dataset, eval);
  return matched.ok() && *matched;  // an evaluation error counts as "does not match"
}

}  // namespace

std::string filter_group_key(std::string_view query, const Value& params,
                             const groq::FilterPtr& read_rule, std::string_view identity) {
  std::string key(query);
  key.push_back('\0');
  params.write_json(key);
  if (read_rule != nullptr) {
    // A rule may call identity(), so rule-bound groups are per identity as well.
    key.push_back('\0');
    key += std::to_string(reinterpret_cast<std::uintptr_t>(read_rule.get()));
    key.push_back('\0');
    key.append(identity);
  }
  return key;
}

MatchedChange match_change(const FilterGroup& group, const store::Change& change,
                           std::size_t change_index, const groq::Dataset& whole) {
  // A rule-bound filter's subqueries and dereferences see only what the rule admits.
  std::optional<groq::RuleView> readable;
  if (group.read_rule != nullptr) readable.emplace(whole, group.read_rule, group.eval);
  const groq::Dataset& dataset = readable ? *readable : whole;
  MatchedChange match;
  match.change_index = change_index;
  match.previous_readable =
      !change.previous.is_null() &&
      (group.read_rule == nullptr || passes(group.read_rule, change.previous, dataset, group.eval));
  match.next_readable =
      !change.next.is_null() &&
      (group.read_rule == nullptr || passes(group.read_rule, change.next, dataset, group.eval));
  const bool before =
      match.previous_readable && passes(group.filter, change.previous, dataset, group.eval);
  const bool after = match.next_readable && passes(group.filter, change.next, dataset, group.eval);
  match.transition = transition_for(before, after);
  return match;
}

std::vector<MatchedChange> match_transaction(const FilterGroup& group,
                                             const store::CommittedTransaction& transaction,
                                             const groq::Dataset& dataset) {
  std::vector<MatchedChange> matches;
  for (std::size_t i = 0; i < transaction.changes.size(); ++i) {
    MatchedChange match = match_change(group, transaction.changes[i], i, dataset);
    if (match.transition != Transition::kNone) matches.push_back(match);
  }
  return matches;
}

}  // namespace ledgerline::realtime
