// JSONMatch paths as patches use them (`a.b[2]`, `a[-1]`, `a[1:3]`, `a[_key=="k"].b`, `a[0,2]`,
// `a[*]`, `..x`): tokenizer and parser mirroring @sanity/mutator's jsonpath2 grammar.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace ledgerline::patch {

struct PathExpr;
using PathExprPtr = std::shared_ptr<const PathExpr>;

// One node of a parsed path. Which fields matter depends on `type`.
struct PathExpr {
  enum class Type {
    kAttribute,   // name
    kIndex,       // index (negative counts from the end)
    kRange,       // range_start/range_end/step (absent = open); `[*]` is a fully open range
    kConstraint,  // lhs (attribute/path/alias) op rhs (string/boolean/number) or `?` existence
    kUnion,       // nodes: alternatives
    kPath,        // nodes: a chain
    kRecursive,   // term: `..term`
    kAlias,       // `@` / `$`: the value itself
    kString,      // literal (constraint right-hand side)
    kBoolean,
    kNumber,
  };
  Type type;
  std::string name;      // attribute name or string literal
  double number = 0;     // index / number literal
  bool boolean = false;  // boolean literal
  std::optional<double> range_start, range_end, step;
  std::string op;  // constraint operator: == != < <= > >= ?
  PathExprPtr lhs, rhs, term;
  std::vector<PathExprPtr> nodes;

  bool is_index_reference() const { return type == Type::kIndex || type == Type::kRange; }
};

// Parses one path. Like the reference, trailing tokens after a complete path are ignored.
Result<PathExprPtr> parse_path(std::string_view path);

// True for names usable unquoted in a path (`[A-Za-z_][A-Za-z0-9_]*`).
bool is_plain_attribute_name(std::string_view name);

// Renders a node back to path text (for error messages).
std::string path_to_string(const PathExpr& expr);

}  // namespace ledgerline::patch
