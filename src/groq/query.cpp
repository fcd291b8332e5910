// The public entry points: parse() and evaluate().
#include "groq/query.h"

#include "groq/datetime.h"
#include "groq/evaluator.h"
#include "groq/planner.h"
#include "groq/values.h"
#include "util/time.h"

namespace ledgerline::groq {

Result<QueryPtr> parse(std::string_view text) {
  auto parsed = parse_query(text, nullptr);
  if (!parsed.ok()) return std::move(parsed).error();
  auto query = std::make_shared<Query>();
  query->text = std::string(text);
  query->parsed = std::move(parsed).value();
  query->cache_slots = plan_query(query->parsed.root);
  return QueryPtr(std::move(query));
}

Result<const ParsedQuery*> Query::bind(const Value& params, ParsedQuery& storage,
                                       int& cache_slots_out) const {
  for (const ParamUse& p : parsed.params)
    if (!params.find(p.name))
      return parse_error(text, p.start, p.end,
                         "param $" + p.name + " referenced, but not provided");
  if (!parsed.needs_params) {
    cache_slots_out = cache_slots;
    return &parsed;
  }
  auto again = parse_query(text, &params);
  if (!again.ok()) return std::move(again).error();
  storage = std::move(again).value();
  cache_slots_out = plan_query(storage.root);
  return &storage;
}

Result<Value> evaluate(const Query& query, const Dataset& dataset, const EvalOptions& options) {
  ParsedQuery storage;
  int slots = 0;
  auto bound = query.bind(options.params, storage, slots);
  if (!bound.ok()) return std::move(bound).error();
  Evaluator ev(dataset, options, slots);
  std::optional<double> now;
  if (!options.now.empty()) now = parse_rfc3339(options.now);
  ev.set_now(now ? *now : static_cast<double>(now_micros() / 1000));
  Scope root{&null_value(), nullptr, false};
  Value result = ev.eval(*(*bound)->root, root).take();
  if (ev.failed()) return ev.take_error();
  if (ev.made_special()) result = to_json_value(result);
  return result;
}

}  // namespace ledgerline::groq
