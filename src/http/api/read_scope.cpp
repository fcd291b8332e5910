#include "http/api/read_scope.h"

#include "groq/rule_view.h"
#include "http/api/published_view.h"

namespace ledgerline::http::api {

namespace {

groq::EvalOptions options_for(const Identity& identity) {
  groq::EvalOptions options;
  options.identity = identity.authenticated() ? Value::string(identity.user_id) : Value();
  return options;
}

}  // namespace

Result<groq::FilterPtr> read_rule_for(const ApiContext& context, const Request& request) {
  if (!context.read_rule) return groq::FilterPtr();
  return context.read_rule(request.identity);
}

bool ReadableView::hidden(const Value& document) const {
  if (rule == nullptr) return false;
  return dataset->get(document.get("_id").as_string()) == nullptr;
}

Result<ReadableView> readable_view(const ApiContext& context, const Request& request,
                                   bool published_only) {
  Result<groq::FilterPtr> rule = read_rule_for(context, request);
  if (!rule.ok()) return std::move(rule).error();
  ReadableView view;
  view.snapshot = context.store->snapshot();
  view.dataset = view.snapshot;
  view.rule = std::move(*rule);
  if (view.rule != nullptr) {
    view.dataset = std::make_shared<groq::RuleView>(*view.snapshot, view.rule,
                                                    options_for(request.identity), view.snapshot);
  }
  if (published_only) view.dataset = make_published_view(std::move(view.dataset));
  return view;
}

}  // namespace ledgerline::http::api
