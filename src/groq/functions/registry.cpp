#include "groq/functions/registry.h"

#include <vector>

#include "groq/geo.h"

namespace ledgerline::groq {
namespace {

struct Namespace {
  std::string_view name;
  std::span<const FunctionDef> (*functions)();
};

constexpr Namespace kNamespaces[] = {
    {"global", global_functions}, {"string", string_functions},
    {"array", array_functions},   {"math", math_functions},
    {"pt", pt_functions},         {"dateTime", datetime_functions},
    {"sanity", sanity_functions}, {"releases", releases_functions},
    {"diff", diff_functions},
};

}  // namespace

const FunctionDef* find_function(std::string_view ns, std::string_view name) {
  for (const Namespace& n : kNamespaces) {
    if (n.name != ns) continue;
    for (const FunctionDef& f : n.functions())
      if (f.name == name) return &f;
    return nullptr;
  }
  return nullptr;
}

bool is_namespace(std::string_view ns) {
  if (ns == "geo") return true;
  for (const Namespace& n : kNamespaces)
    if (n.name == ns) return true;
  return false;
}

Ref call_geo(Evaluator& ev, const Node& call, const Scope& scope) {
  std::vector<Value> args;
  args.reserve(call.args.size());
  for (const NodePtr& a : call.args) args.push_back(ev.eval(*a, scope).take());
  return Ref::own(call.geo->call(std::span<const Value>(args)));
}

}  // namespace ledgerline::groq
