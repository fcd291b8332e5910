#include "http/api/read_scope.h"

#include "http/api/published_view.h"

namespace ledgerline::http::api {

namespace {

groq::EvalOptions options_for(const Identity& identity) {
  groq::EvalOptions options;
  options.identity = identity.authenticated() ? Value::string(identity.user_id) : Value();
  return options;
}

// The documents `rule` admits; a document whose rule evaluation fails is hidden.
class RuleView final : public groq::Dataset {
 public:
  RuleView(std::shared_ptr<const groq::Dataset> base, groq::FilterPtr rule,
           groq::EvalOptions options)
      : base_(std::move(base)), rule_(std::move(rule)), options_(std::move(options)) {}

  bool admits(const Value& document) const {
    Result<bool> matches = rule_->matches(document, *base_, options_);
    return matches.ok() && *matches;
  }
  void for_each(const std::function<bool(const Value&)>& visit) const override {
    base_->for_each([&](const Value& doc) { return !admits(doc) || visit(doc); });
  }
  const Value* get(std::string_view id) const override {
    const Value* document = base_->get(id);
    return document != nullptr && admits(*document) ? document : nullptr;
  }
  void for_each_of_type(std::string_view type,
                        const std::function<bool(const Value&)>& visit) const override {
    base_->for_each_of_type(type, [&](const Value& doc) { return !admits(doc) || visit(doc); });
  }
  void for_each_referencing(std::string_view id,
                            const std::function<bool(const Value&)>& visit) const override {
    base_->for_each_referencing(id, [&](const Value& doc) { return !admits(doc) || visit(doc); });
  }
  std::size_t size() const override { return base_->size(); }

 private:
  std::shared_ptr<const groq::Dataset> base_;
  groq::FilterPtr rule_;
  groq::EvalOptions options_;
};

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
    view.dataset =
        std::make_shared<RuleView>(view.dataset, view.rule, options_for(request.identity));
  }
  if (published_only) view.dataset = make_published_view(std::move(view.dataset));
  return view;
}

}  // namespace ledgerline::http::api
