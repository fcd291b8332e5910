#include "groq/traversal.h"

#include <functional>

namespace ledgerline::groq {
namespace {

using Build = std::function<NodePtr(NodePtr)>;

// How a traversal maps its input to its output: array (a) or single value (b).
enum class Shape { AA, AB, BA, BB };

struct Traversal {
  Shape shape;
  Build build;
};

NodePtr finish(NodePtr node) {
  update_depth(*node);
  return node;
}

Build join(Build a, Build b) {
  return [a = std::move(a), b = std::move(b)](NodePtr base) { return b(a(std::move(base))); };
}

Build map_over(Build inner, NodeType type) {
  return [inner = std::move(inner), type](NodePtr base) {
    NodePtr node = make_node(type, base->start, base->end);
    node->expr = inner(make_node(NodeType::This, base->start, base->end));
    node->base = std::move(base);
    return finish(node);
  };
}

Traversal traverse_array(Build build, std::optional<Traversal> right) {
  if (!right) return {Shape::AA, std::move(build)};
  switch (right->shape) {
    case Shape::AA:
      return {Shape::AA, join(std::move(build), std::move(right->build))};
    case Shape::AB:
      return {Shape::AB, join(std::move(build), std::move(right->build))};
    case Shape::BB:
      return {Shape::AA, join(std::move(build), map_over(std::move(right->build), NodeType::Map))};
    case Shape::BA:
    default:
      return {Shape::AA,
              join(std::move(build), map_over(std::move(right->build), NodeType::FlatMap))};
  }
}

Traversal traverse_plain(Build build, std::optional<Traversal> right) {
  if (!right) return {Shape::BB, std::move(build)};
  bool to_array = right->shape == Shape::AA || right->shape == Shape::BA;
  return {to_array ? Shape::BA : Shape::BB, join(std::move(build), std::move(right->build))};
}

Traversal traverse_element(Build build, std::optional<Traversal> right) {
  if (!right) return {Shape::AB, std::move(build)};
  bool to_array = right->shape == Shape::AA || right->shape == Shape::BA;
  return {to_array ? Shape::AA : Shape::AB, join(std::move(build), std::move(right->build))};
}

Traversal traverse_projection(Build build, std::optional<Traversal> right) {
  if (!right) return {Shape::BB, std::move(build)};
  switch (right->shape) {
    case Shape::AA:
      return {Shape::AA, join(map_over(std::move(build), NodeType::Map), std::move(right->build))};
    case Shape::AB:
      return {Shape::AB, join(map_over(std::move(build), NodeType::Map), std::move(right->build))};
    case Shape::BA:
      return {Shape::BA, join(std::move(build), std::move(right->build))};
    case Shape::BB:
    default:
      return {Shape::BB, join(std::move(build), std::move(right->build))};
  }
}

Traversal apply(const TraversalStep& step, std::optional<Traversal> right) {
  const int start = step.start, end = step.end;
  switch (step.kind) {
    case TraversalStep::Kind::Attribute:
      return traverse_plain(
          [name = step.name, end](NodePtr base) {
            NodePtr n = make_node(NodeType::AccessAttribute, base->start, end);
            n->name = name;
            n->base = std::move(base);
            return finish(n);
          },
          std::move(right));
    case TraversalStep::Kind::Element:
      return traverse_element(
          [index = step.index, end](NodePtr base) {
            NodePtr n = make_node(NodeType::AccessElement, base->start, end);
            n->index = index;
            n->base = std::move(base);
            return finish(n);
          },
          std::move(right));
    case TraversalStep::Kind::Slice:
      return traverse_array(
          [step, end](NodePtr base) {
            NodePtr n = make_node(NodeType::Slice, base->start, end);
            n->slice_left = step.left;
            n->slice_right = step.right;
            n->inclusive = step.inclusive;
            n->base = std::move(base);
            return finish(n);
          },
          std::move(right));
    case TraversalStep::Kind::Filter:
      return traverse_array(
          [expr = step.expr, end](NodePtr base) {
            NodePtr n = make_node(NodeType::Filter, base->start, end);
            n->expr = expr;
            n->base = std::move(base);
            return finish(n);
          },
          std::move(right));
    case TraversalStep::Kind::Projection:
      return traverse_projection(
          [expr = step.expr, end](NodePtr base) {
            NodePtr n = make_node(NodeType::Projection, base->start, end);
            n->expr = expr;
            n->base = std::move(base);
            return finish(n);
          },
          std::move(right));
    case TraversalStep::Kind::Deref:
      return traverse_plain(
          [step, start, end](NodePtr base) {
            NodePtr n = make_node(NodeType::Deref, base->start, step.has_name ? start + 2 : end);
            n->base = std::move(base);
            finish(n);
            if (!step.has_name) return n;
            NodePtr attr = make_node(NodeType::AccessAttribute, n->start, end);
            attr->name = step.name;
            attr->base = std::move(n);
            return finish(attr);
          },
          std::move(right));
    case TraversalStep::Kind::ArrayCoerce:
    default:
      return traverse_array(
          [end](NodePtr base) {
            NodePtr n = make_node(NodeType::ArrayCoerce, base->start, end);
            n->base = std::move(base);
            return finish(n);
          },
          std::move(right));
  }
}

}  // namespace

NodePtr build_traversal(NodePtr base, const std::vector<TraversalStep>& steps) {
  std::optional<Traversal> traversal;
  for (auto it = steps.rbegin(); it != steps.rend(); ++it)
    traversal = apply(*it, std::move(traversal));
  if (base->type == NodeType::Everything || base->type == NodeType::Array ||
      base->type == NodeType::PipeFuncCall)
    traversal = traverse_array([](NodePtr b) { return b; }, std::move(traversal));
  return traversal ? traversal->build(std::move(base)) : base;
}

}  // namespace ledgerline::groq
