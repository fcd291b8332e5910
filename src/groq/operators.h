// GROQ's operators on values: arithmetic (numbers, strings, arrays, objects, datetimes),
// comparison, `in` (arrays and paths), `match`, and the constant folding the parser uses for
// slice bounds and array indexes.
#pragma once

#include <cstdint>
#include <optional>

#include "groq/ast.h"
#include "util/value.h"

namespace ledgerline::groq {

// A boolean result in GROQ's three-valued logic (anything not a boolean is Null).
enum class Tri : std::uint8_t { False, True, Null };
Tri to_tri(const Value& v);
inline Tri to_tri(bool b) {
  return b ? Tri::True : Tri::False;
}

// `a op b` for every binary operator (null when the operand types do not apply).
Value binary_op(Op op, const Value& a, const Value& b);
// The comparison operators (==, !=, <, <=, >, >=, in, match) without building a Value.
Tri condition_op(Op op, const Value& a, const Value& b);
// `a in path(pattern)`: segment-wise pattern matching with `*` and `**`.
bool path_matches(std::string_view pattern, std::string_view text);

// The value of a constant expression (literals, parameters, unary and arithmetic operators),
// or nullopt when the expression is not constant. `unknown_param` is set when it names a
// parameter missing from `params` (null: parameters not known yet).
std::optional<Value> constant_value(const Node& node, const Value* params, bool& unknown_param);

}  // namespace ledgerline::groq
