// Executes a FilterPlan: candidate documents from the dataset's indexes (or all of them), in
// _id order, then the attribute tests and the residual filter.
#include <algorithm>

#include "groq/scan.h"
#include "groq/values.h"

namespace ledgerline::groq {
namespace {

// The key's strings; false when the key does not have the form the plan needs (the filter
// then falls back to a full scan, which gives the exact answer for any value).
bool key_strings(const Value& key, FilterPlan::KeyForm form, std::vector<std::string_view>& out) {
  if (key.is_string() && form != FilterPlan::KeyForm::List) {
    out.push_back(key.as_string());
    return true;
  }
  if (!key.is_array() || form == FilterPlan::KeyForm::Single)
    return form == FilterPlan::KeyForm::Either;  // references(non-string) matches nothing
  for (const Value& item : key.as_array()) {
    if (item.is_string()) {
      out.push_back(item.as_string());
    } else if (form == FilterPlan::KeyForm::List) {
      return false;
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return true;
}

std::string_view id_of(const Value* doc) {
  const Value* id = doc->find(std::string_view("_id"));
  return id && id->is_string() ? id->as_string() : std::string_view();
}

}  // namespace

PreparedTest::PreparedTest(const AttributeTest& test, Ref constant)
    : test_(test), constant_(std::move(constant)) {
  const Value& c = *constant_;
  if ((test.op == Op::Eq || test.op == Op::Neq) && c.is_string()) {
    kind_ = test.op == Op::Eq ? Kind::StringEquals : Kind::StringDiffers;
    strings_.push_back(c.as_string());
  } else if (test.op == Op::In && !test.constant_first && c.is_array() &&
             std::all_of(c.as_array().begin(), c.as_array().end(),
                         [](const Value& v) { return v.is_string(); })) {
    kind_ = Kind::StringIn;
    for (const Value& v : c.as_array()) strings_.push_back(v.as_string());
  }
}

bool PreparedTest::passes(DocumentAttributes& doc) const {
  const Value* v = doc.get(test_.name);
  switch (kind_) {
    case Kind::StringEquals:
      return v && v->is_string() && v->as_string() == strings_[0];
    case Kind::StringDiffers:
      return !(v && v->is_string() && v->as_string() == strings_[0]);
    case Kind::StringIn:
      if (!v || !v->is_string()) return false;
      return std::find(strings_.begin(), strings_.end(), v->as_string()) != strings_.end();
    case Kind::Generic:
    default: {
      const Value& a = v ? *v : null_value();
      const Value& c = *constant_;
      return condition_op(test_.op, test_.constant_first ? c : a, test_.constant_first ? a : c) ==
             Tri::True;
    }
  }
}

FilterCheck::FilterCheck(Evaluator& ev, const Node& filter, const Scope& scope, bool exact)
    : ev_(ev), filter_(filter), scope_(scope), exact_(exact) {
  if (!exact_) return;
  for (const AttributeTest& t : filter.plan->tests)
    tests_.push_back(std::make_unique<PreparedTest>(t, ev.eval(*t.constant, scope)));
}

bool FilterCheck::passes(const Value& doc, DocumentAttributes& attributes) const {
  if (!exact_) return ev_.test(*filter_.expr, scope_.nested(doc));
  for (const auto& t : tests_)
    if (!t->passes(attributes)) return false;
  const NodePtr& residual = filter_.plan->residual;
  return !residual || ev_.test(*residual, scope_.nested(doc));
}

bool for_each_candidate(Evaluator& ev, const FilterPlan& plan, const Scope& scope, ElementFn visit,
                        bool& exact) {
  const Dataset& dataset = ev.dataset();
  auto accept = [&](const Value& doc) { return ev.tick() && visit(doc); };
  std::vector<std::string_view> keys;
  Ref key = plan.key ? ev.eval(*plan.key, scope) : Ref();
  exact = plan.access == FilterPlan::Access::Scan || key_strings(*key, plan.form, keys);
  if (ev.failed()) return false;
  if (plan.access == FilterPlan::Access::Scan || !exact) {
    dataset.for_each(accept);
  } else if (plan.access == FilterPlan::Access::Ids) {
    for (std::string_view id : keys)  // sorted: _id order
      if (const Value* doc = dataset.get(id))
        if (!accept(*doc)) break;
  } else if (keys.size() == 1) {
    if (plan.access == FilterPlan::Access::Types) {
      dataset.for_each_of_type(keys[0], accept);
    } else {
      dataset.for_each_referencing(keys[0], accept);
    }
  } else {
    // Several types or references: merge the candidates into _id order.
    std::vector<const Value*> docs;
    for (std::string_view k : keys) {
      auto add = [&](const Value& doc) {
        docs.push_back(&doc);
        return true;
      };
      if (plan.access == FilterPlan::Access::Types) {
        dataset.for_each_of_type(k, add);
      } else {
        dataset.for_each_referencing(k, add);
      }
    }
    std::sort(docs.begin(), docs.end(), [](const Value* a, const Value* b) {
      std::string_view x = id_of(a), y = id_of(b);
      return x < y || (x == y && a < b);
    });
    docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
    for (const Value* doc : docs)
      if (!accept(*doc)) break;
  }
  return true;
}

bool each_planned(Evaluator& ev, const Node& filter, const Scope& scope, ElementFn fn) {
  bool exact = true;
  std::optional<FilterCheck> check;
  DocumentAttributes attributes;
  return for_each_candidate(
      ev, *filter.plan, scope,
      [&](const Value& doc) {
        if (!check) check.emplace(ev, filter, scope, exact);
        attributes.reset(doc);
        return !check->passes(doc, attributes) || fn(doc);
      },
      exact);
}

}  // namespace ledgerline::groq
