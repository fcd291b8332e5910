#include "groq/rule_view.h"

namespace ledgerline::groq {

RuleView::RuleView(const Dataset& base, FilterPtr rule, EvalOptions options,
                   std::shared_ptr<const Dataset> owner)
    : owner_(std::move(owner)), base_(base), rule_(std::move(rule)), options_(std::move(options)) {}

bool RuleView::admits(const Value& document) const {
  Result<bool> matches = rule_->matches(document, base_, options_);
  return matches.ok() && *matches;  // a rule that fails on a document hides it
}

const std::map<std::string, IdentityAccess>& RuleView::access() const {
  std::call_once(access_once_, [this] { access_ = identity_access_by_type(*rule_); });
  return access_;
}

void RuleView::for_each(const std::function<bool(const Value&)>& visit) const {
  base_.for_each([&](const Value& doc) { return !admits(doc) || visit(doc); });
}

const Value* RuleView::get(std::string_view id) const {
  const Value* document = base_.get(id);
  return document != nullptr && admits(*document) ? document : nullptr;
}

void RuleView::for_each_of_type(std::string_view type,
                                const std::function<bool(const Value&)>& visit) const {
  auto narrowed = access().find(std::string(type));
  if (narrowed == access().end() || !options_.identity.is_string()) {
    base_.for_each_of_type(type, [&](const Value& doc) { return !admits(doc) || visit(doc); });
    return;
  }
  std::string_view identity = options_.identity.as_string();
  auto of_type_and_admitted = [&](const Value& doc) {
    return doc.get("_type").as_string() == type && admits(doc);
  };
  if (narrowed->second == IdentityAccess::kIdIsIdentity) {
    const Value* document = base_.get(identity);
    if (document != nullptr && of_type_and_admitted(*document)) visit(*document);
    return;
  }
  base_.for_each_referencing(
      identity, [&](const Value& doc) { return !of_type_and_admitted(doc) || visit(doc); });
}

void RuleView::for_each_referencing(std::string_view id,
                                    const std::function<bool(const Value&)>& visit) const {
  base_.for_each_referencing(id, [&](const Value& doc) { return !admits(doc) || visit(doc); });
}

}  // namespace ledgerline::groq
