// Shared scans: sibling aggregates over the same documents, as dashboards write them
// (`{"paid": count(*[_type == "bill" && status == "paid"]), "total": math::sum(*[_type ==
// "bill"].total), ...}`), read the dataset once instead of once per aggregate. Each aggregate
// still sees exactly its own documents in _id order, so results do not change.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "groq/evaluator.h"
#include "groq/functions/aggregate.h"

namespace ledgerline::groq {

struct SharedScan {
  struct Member {
    std::size_t attribute;  // index into the object's attributes
    AggregateKind kind;
    const Node* filter;  // a planned Filter over `*`
    const Node* map;     // the expression mapped over the filtered documents, or null
  };
  std::vector<Member> members;  // all with the same index access
};

// Planning: the shared scans among an object's attributes (empty when none pays off).
std::vector<SharedScan> find_shared_scans(const Node& object);

// Evaluates the members of `scan`, storing each result at results[member.attribute].
void run_shared_scan(Evaluator& ev, const SharedScan& scan, const Scope& scope,
                     std::vector<std::optional<Value>>& results);

}  // namespace ledgerline::groq
