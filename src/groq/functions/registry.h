// GROQ functions by namespace. Each namespace lives in its own file (global.cpp, array.cpp,
// math.cpp, string.cpp, pt.cpp, datetime.cpp, sanity.cpp, releases.cpp, diff.cpp) and is
// looked up here while parsing; pipe functions (order, score) are in pipe.cpp.
#pragma once

#include <span>
#include <string_view>

#include "groq/evaluator.h"

namespace ledgerline::groq {

// Evaluates a call: the implementation evaluates the arguments it needs (call.args).
using FunctionImpl = Ref (*)(Evaluator& ev, const Node& call, const Scope& scope);

struct FunctionDef {
  std::string_view name;
  int min_args;
  int max_args;  // -1: no limit
  FunctionImpl impl;
};

// nullptr when the namespace or the function does not exist. Geo functions are not listed
// here (see call_geo below).
const FunctionDef* find_function(std::string_view ns, std::string_view name);
bool is_namespace(std::string_view ns);

// Geo functions (`geo(...)`, `geo::*`, see geo.h) take their arguments evaluated.
Ref call_geo(Evaluator& ev, const Node& call, const Scope& scope);

// `base | name(args)`; base is an array.
using PipeImpl = Ref (*)(Evaluator& ev, const Node& call, Ref base, const Scope& scope);
struct PipeFunctionDef {
  std::string_view name;
  int min_args;
  PipeImpl impl;
};
const PipeFunctionDef* find_pipe_function(std::string_view name);

// The namespaces' tables.
std::span<const FunctionDef> global_functions();
std::span<const FunctionDef> string_functions();
std::span<const FunctionDef> array_functions();
std::span<const FunctionDef> math_functions();
std::span<const FunctionDef> pt_functions();
std::span<const FunctionDef> datetime_functions();
std::span<const FunctionDef> sanity_functions();
std::span<const FunctionDef> releases_functions();
std::span<const FunctionDef> diff_functions();

// count() and math::sum/avg/min/max (math.cpp).
Ref aggregate(Evaluator& ev, const Node& call, const Scope& scope);

// lower()/upper() exist both globally and in string::.
Ref string_lower(Evaluator& ev, const Node& call, const Scope& scope);
Ref string_upper(Evaluator& ev, const Node& call, const Scope& scope);

// Shared by namespaces: evaluates argument `i` of a call.
inline Ref arg(Evaluator& ev, const Node& call, std::size_t i, const Scope& scope) {
  return ev.eval(*call.args[i], scope);
}

}  // namespace ledgerline::groq
