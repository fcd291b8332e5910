// Executes a FilterPlan: candidate documents from the dataset's indexes (or all of them), in
// _id order, then the attribute tests and the residual filter.
#include <algorithm>

#include "groq/planner.h"
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

bool each_planned(Evaluator& ev, const Node& filter, const Scope& scope, ElementFn fn) {
  const FilterPlan& plan = *filter.plan;
  const Dataset& dataset = ev.dataset();
  std::vector<Ref> constants;
  for (const AttributeTest& t : plan.tests) constants.push_back(ev.eval(*t.constant, scope));
  auto passes = [&](const Value& doc) {
    for (std::size_t i = 0; i < plan.tests.size(); ++i) {
      const AttributeTest& t = plan.tests[i];
      const Value* v = is_plain_object(doc) ? doc.find(t.name) : nullptr;
      const Value& a = v ? *v : null_value();
      const Value& c = *constants[i];
      if (condition_op(t.op, t.constant_first ? c : a, t.constant_first ? a : c) != Tri::True)
        return false;
    }
    return !plan.residual || ev.test(*plan.residual, scope.nested(doc));
  };
  auto accept = [&](const Value& doc) {
    if (!ev.tick()) return false;
    return !passes(doc) || fn(doc);
  };
  std::vector<std::string_view> keys;
  Ref key = plan.key ? ev.eval(*plan.key, scope) : Ref();
  if (plan.access == FilterPlan::Access::Scan || !key_strings(*key, plan.form, keys)) {
    if (plan.access == FilterPlan::Access::Scan) {
      dataset.for_each(accept);
    } else {
      dataset.for_each([&](const Value& doc) {
        if (!ev.tick()) return false;
        return !ev.test(*filter.expr, scope.nested(doc)) || fn(doc);
      });
    }
    return true;
  }
  if (ev.failed()) return true;
  if (plan.access == FilterPlan::Access::Ids) {
    for (std::string_view id : keys)  // sorted: _id order
      if (const Value* doc = dataset.get(id))
        if (!accept(*doc)) break;
    return true;
  }
  if (keys.size() == 1) {
    if (plan.access == FilterPlan::Access::Types) {
      dataset.for_each_of_type(keys[0], accept);
    } else {
      dataset.for_each_referencing(keys[0], accept);
    }
    return true;
  }
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
  return true;
}

}  // namespace ledgerline::groq
