// Turns a chain of traversal operators (`.a`, `[0]`, `[cond]`, `[1..2]`, `{...}`, `->`, `[]`)
// into nodes. Operators that work on arrays and on single values compose as the
// specification's traversal table says: `a[].b` maps `.b` over the elements, `a[].b[]`
// flattens, a projection after an array maps over it, and so on.
#pragma once

#include <optional>
#include <vector>

#include "groq/ast.h"

namespace ledgerline::groq {

struct TraversalStep {
  enum class Kind { Attribute, Element, Slice, Filter, Projection, Deref, ArrayCoerce } kind;
  int start = 0;
  int end = 0;
  Key name;               // Attribute; Deref with `->name`
  bool has_name = false;  // Deref
  double index = 0;       // Element
  double left = 0;        // Slice
  double right = 0;
  bool inclusive = false;
  NodePtr expr;  // Filter condition, Projection object
};

// Applies `steps` to `base`. Arrays (`*`, array literals, pipe results) start in array mode.
NodePtr build_traversal(NodePtr base, const std::vector<TraversalStep>& steps);

}  // namespace ledgerline::groq
