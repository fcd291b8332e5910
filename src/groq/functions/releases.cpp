// releases:: functions.
#include "groq/functions/registry.h"

namespace ledgerline::groq {
namespace {

// Every release document (_type "system.release").
Ref all(Evaluator& ev, const Node&, const Scope&) {
  std::vector<Value> out;
  ev.dataset().for_each_of_type("system.release", [&](const Value& doc) {
    out.push_back(doc);
    return ev.tick();
  });
  return Ref::own(Value::array(std::move(out)));
}

constexpr FunctionDef kFunctions[] = {{"all", 0, 0, all}};

}  // namespace

std::span<const FunctionDef> releases_functions() {
  return kFunctions;
}

}  // namespace ledgerline::groq
