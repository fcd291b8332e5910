// Incremental JSONMatch evaluation, ported from @sanity/mutator's Matcher/Descender: at each
// value it yields "leads" (children to descend into, with the matcher for the rest of the path)
// and "targets" (last path segments to apply an operation to at this value).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "patch/path.h"
#include "util/result.h"
#include "util/value.h"

namespace ledgerline::patch {

// Caps the work one patch operation may do (recursive `..` paths can fan out).
struct MatchBudget {
  std::int64_t steps_left = 1'000'000;
  bool spend(std::int64_t n = 1) { return (steps_left -= n) >= 0; }
};

class PathMatcher {
 public:
  struct Descender {
    PathExprPtr head;  // next segment to match (null once arrived)
    PathExprPtr tail;  // the rest of the path (null when head is the last segment)
  };
  struct Lead {
    PathExprPtr target;                    // attribute or index/range segment to descend into
    std::shared_ptr<PathMatcher> matcher;  // matches the remainder below that child
  };
  struct Match {
    std::vector<Lead> leads;
    std::vector<PathExprPtr> targets;  // attribute/index/range segments, or an alias (`self`)
  };

  static Result<std::shared_ptr<PathMatcher>> from_path(const PathExprPtr& path);

  Result<Match> match(const Value& probe, MatchBudget& budget) const;

  // True when some descender has reached the last path segment at the values this matcher is
  // applied to (so the value is the container the final segment selects from).
  bool at_final_segment() const;

  // The node that stands for "the value itself" among targets.
  static const PathExprPtr& self_target();

 private:
  using Recursives = std::shared_ptr<std::vector<Descender>>;
  PathMatcher(std::vector<Descender> active, Recursives recursives);

  std::vector<Descender> active_;
  Recursives recursives_;  // shared by every matcher derived from one root, as in the reference
};

// Indices an index/range segment addresses in `array` (negative counts from the end, open range
// ends default to the array bounds). Entries may fall outside the array; the count is bounded.
Result<std::vector<std::int64_t>> resolve_indices(const PathExpr& segment, const Value& array);

// The JavaScript comparison a constraint like `[price > 10]` performs.
bool compare_js(const Value& lhs, const std::string& op, const PathExpr& rhs);

}  // namespace ledgerline::patch
