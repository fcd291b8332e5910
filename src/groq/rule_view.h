// RuleView: a Dataset showing only the documents a read rule admits — what a caller may read.
// Every read door and the listen hub evaluate through it, so a dereference, references() or a
// subquery such as *[_id in $ids] never reaches a hidden document.
//
// The rule is joined to the caller's query: when a rule pins a _type's documents to ones that
// reference the caller (`_type == "bill" && customer._ref == identity()`, `identity() in
// subjects[]._ref`) or to the caller's own id (`_id == identity()`), for_each_of_type of that
// type reads the reference index (or one id) instead of every document of the type, so a
// customer's `*[_type == "bill"]` costs in proportion to their own bills (bench/auth).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "groq/groq.h"

namespace ledgerline::groq {

// How a rule narrows one _type's documents, relative to identity().
enum class IdentityAccess {
  kReferencesIdentity,  // every admitted document of the type references identity()
  kIdIsIdentity,        // the only admitted document of the type has _id == identity()
};

// The _types a filter narrows this way (read from its `||` of `&&` conjunctions): a type is
// listed only if every alternative that can admit it carries the narrowing conjunct. Empty
// when an alternative admits any type.
std::map<std::string, IdentityAccess> identity_access_by_type(const Filter& filter);

class RuleView final : public Dataset {
 public:
  // `base` must outlive the view unless `owner` keeps it alive. `options.identity` is what
  // identity() returns inside the rule.
  RuleView(const Dataset& base, FilterPtr rule, EvalOptions options,
           std::shared_ptr<const Dataset> owner = nullptr);

  bool admits(const Value& document) const;
  void for_each(const std::function<bool(const Value&)>& visit) const override;
  const Value* get(std::string_view id) const override;
  void for_each_of_type(std::string_view type,
                        const std::function<bool(const Value&)>& visit) const override;
  void for_each_referencing(std::string_view id,
                            const std::function<bool(const Value&)>& visit) const override;
  std::size_t size() const override { return base_.size(); }

 private:
  const std::map<std::string, IdentityAccess>& access() const;

  std::shared_ptr<const Dataset> owner_;
  const Dataset& base_;
  FilterPtr rule_;
  EvalOptions options_;
  mutable std::once_flag access_once_;
  mutable std::map<std::string, IdentityAccess> access_;
};

}  // namespace ledgerline::groq
