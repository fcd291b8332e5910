// The GROQ syntax tree the parser builds and the evaluator walks. Node shapes follow the
// GROQ specification's semantics (traversals become Map/FlatMap/Filter/... nodes), so that
// `a[].b`, `*[...]{...}` and `^` mean exactly what the spec says.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "util/value.h"

namespace ledgerline::groq {

namespace geo {
struct GeoFunction;
}
struct FunctionDef;
struct PipeFunctionDef;
struct FilterPlan;
struct SharedScan;

enum class NodeType : std::uint8_t {
  Everything,       // *
  This,             // @
  Parent,           // ^ (n levels)
  Parameter,        // $name
  Literal,          // value
  AccessAttribute,  // base.name (base null: the current scope)
  AccessElement,    // base[index]
  Slice,            // base[left..right] / base[left...right]
  Filter,           // base[expr]
  Projection,       // base{...} on one value
  Map,              // apply expr to each element (hidden scope)
  FlatMap,          // like Map, flattening array results
  ArrayCoerce,      // base[]
  Deref,            // base->
  Group,            // (base)
  Array,            // [elements]
  Object,           // {attributes}
  Select,           // select(cond => value, ..., fallback)
  FuncCall,         // ns::name(args)
  PipeFuncCall,     // base | name(args)
  And,
  Or,
  Not,
  Neg,
  Pos,
  OpCall,   // left op right
  InRange,  // base in left..right
  Asc,      // order() argument modifiers
  Desc,
  Pair,              // cond => value: only in select() and object attributes
  Tuple,             // (a, b): only inside diff selectors
  SelectorNested,    // selector base.(nested)
  SelectorFuncCall,  // anywhere(expr) inside a selector
};

enum class Op : std::uint8_t { Eq, Neq, Lt, Lte, Gt, Gte, In, Match, Add, Sub, Mul, Div, Mod, Pow };

struct Node;
using NodePtr = std::shared_ptr<Node>;

struct ObjectAttribute {
  enum class Kind : std::uint8_t { Value, Splat, ConditionalSplat } kind = Kind::Value;
  Key name;           // Kind::Value
  NodePtr condition;  // Kind::ConditionalSplat
  NodePtr value;
};

struct ArrayElement {
  NodePtr value;
  bool splat = false;
};

struct SelectAlternative {
  NodePtr condition;
  NodePtr value;
};

struct Node {
  NodeType type = NodeType::Literal;
  Op op = Op::Eq;
  bool inclusive = false;  // Slice, InRange: `..` (true) or `...`
  int start = 0;           // source span (character offsets, end exclusive)
  int end = 0;
  int depth = 1;          // height of the subtree (bounded by the parser)
  int levels = 0;         // Parent; -1 on a custom function's own parameter
  double index = 0;       // AccessElement
  double slice_left = 0;  // Slice
  double slice_right = 0;
  Key name;                   // AccessAttribute
  std::string text;           // Parameter name; function name ("ns::name") for FuncCall
  Value value;                // Literal
  NodePtr base;               // unary nodes and traversals
  NodePtr expr;               // Filter, Projection, Map, FlatMap
  NodePtr left, right;        // binary nodes, InRange bounds
  std::vector<NodePtr> args;  // FuncCall, PipeFuncCall, Tuple
  std::vector<ObjectAttribute> attributes;
  std::vector<ArrayElement> elements;
  std::vector<SelectAlternative> alternatives;
  NodePtr fallback;  // Select
  const FunctionDef* function = nullptr;
  const PipeFunctionDef* pipe = nullptr;
  const geo::GeoFunction* geo = nullptr;  // FuncCall of a geo function

  // Planner annotations (set once after parsing).
  std::shared_ptr<const FilterPlan> plan;  // Filter over `*`: index access and residual
  std::shared_ptr<const std::vector<SharedScan>> shared_scans;  // Object: aggregates read together
  int cache_slot = -1;  // >= 0: scope-independent subquery, computed once per evaluation
};

NodePtr make_node(NodeType type, int start, int end);

// How a child is evaluated relative to its parent: in the parent's scope, or once per element
// in a nested scope (Filter/Map/FlatMap/Projection expressions, pipe function arguments).
enum class ChildRole { Plain, PerElement };

// Calls fn(child, role) for every child of `node` (Node or const Node).
template <class N, class Fn>
void for_each_child(N& node, Fn fn) {
  auto visit = [&](const NodePtr& child, ChildRole role) {
    if (child) fn(*child, role);
  };
  const bool scoped = node.type == NodeType::Filter || node.type == NodeType::Map ||
                      node.type == NodeType::FlatMap || node.type == NodeType::Projection;
  visit(node.base, ChildRole::Plain);
  visit(node.expr, scoped ? ChildRole::PerElement : ChildRole::Plain);
  visit(node.left, ChildRole::Plain);
  visit(node.right, ChildRole::Plain);
  visit(node.fallback, ChildRole::Plain);
  for (const NodePtr& a : node.args)
    visit(a, node.type == NodeType::PipeFuncCall ? ChildRole::PerElement : ChildRole::Plain);
  for (const ObjectAttribute& a : node.attributes) {
    visit(a.condition, ChildRole::Plain);
    visit(a.value, ChildRole::Plain);
  }
  for (const ArrayElement& e : node.elements) visit(e.value, ChildRole::Plain);
  for (const SelectAlternative& a : node.alternatives) {
    visit(a.condition, ChildRole::Plain);
    visit(a.value, ChildRole::Plain);
  }
}
// Sets node.depth from its children's depths.
void update_depth(Node& node);

}  // namespace ledgerline::groq
