// Parser: traversals, function and pipe calls, custom `fn` functions and diff selectors.
#include <algorithm>
#include <cmath>

#include "groq/functions/registry.h"
#include "groq/geo.h"
#include "groq/operators.h"
#include "groq/parser_internal.h"
#include "groq/traversal.h"

namespace ledgerline::groq {

NodePtr Parser::parse_traversals(NodePtr base) {
  std::vector<TraversalStep> steps;
  while (!error_ && at_traversal()) {
    if (steps.size() >= static_cast<std::size_t>(kMaxQueryDepth))
      return fail_here("query is nested too deeply");
    if (!parse_step(steps)) return nullptr;
  }
  if (error_ || !base) return nullptr;
  NodePtr node = build_traversal(std::move(base), steps);
  if (node->depth > kMaxQueryDepth)
    return fail(node->start, node->end, "query is nested too deeply");
  return node;
}

bool Parser::parse_step(std::vector<TraversalStep>& steps) {
  TraversalStep step{};
  step.start = tok_.start;
  switch (tok_.type) {
    case Tok::Dot:
      advance();
      step.kind = TraversalStep::Kind::Attribute;
      step.name = Key::intern(tok_.text);
      step.end = tok_.end;
      advance();
      break;
    case Tok::Arrow:
      step.kind = TraversalStep::Kind::Deref;
      step.end = tok_.end;
      advance();
      if (tok_.type == Tok::Ident) {
        step.has_name = true;
        step.name = Key::intern(tok_.text);
        step.end = tok_.end;
        advance();
      }
      break;
    case Tok::Pipe:
      advance();
      [[fallthrough]];
    case Tok::LBrace: {
      step.kind = TraversalStep::Kind::Projection;
      step.expr = parse_object();
      if (!step.expr) return false;
      step.end = step.expr->end;
      break;
    }
    case Tok::LBracket: {
      advance();
      if (tok_.type == Tok::RBracket) {
        step.kind = TraversalStep::Kind::ArrayCoerce;
        step.end = tok_.end;
        advance();
        break;
      }
      NodePtr expr = operand(parse_expr(0));
      if (!expr) return false;
      if (tok_.type == Tok::DotDot || tok_.type == Tok::DotDotDot) {
        step.kind = TraversalStep::Kind::Slice;
        step.inclusive = tok_.type == Tok::DotDot;
        advance();
        NodePtr upper = operand(parse_expr(0));
        if (!upper) return false;
        step.end = tok_.end;
        if (!expect(Tok::RBracket, "\"]\" after slice")) return false;
        bool unknown = false;
        auto left = constant_value(*expr, params_, unknown);
        auto right = constant_value(*upper, params_, unknown);
        if (unknown && !params_) {
          needs_params_ = resolve_ || needs_params_;
        } else if (!left || !right || !left->is_number() || !right->is_number()) {
          fail(expr->start, upper->end, "slicing must use constant numbers");
          return false;
        } else {
          step.left = std::trunc(left->as_number());
          step.right = std::trunc(right->as_number());
        }
        break;
      }
      step.end = tok_.end;
      if (!expect(Tok::RBracket, "\"]\"")) return false;
      auto classified = bracket_step(std::move(expr), step.start, step.end);
      if (!classified) return false;
      step = std::move(*classified);
      break;
    }
    default:
      fail_here("unexpected " + quoted_token());
      return false;
  }
  steps.push_back(std::move(step));
  return true;
}

// `[expr]`: a constant number indexes, a constant string reads an attribute, anything else
// filters.
std::optional<TraversalStep> Parser::bracket_step(NodePtr expr, int start, int end) {
  TraversalStep step{};
  step.start = start;
  step.end = end;
  bool unknown = false;
  auto value = constant_value(*expr, params_, unknown);
  if (unknown && !params_ && resolve_) needs_params_ = true;
  if (value && value->is_number() && !unknown) {
    step.kind = TraversalStep::Kind::Element;
    step.index = value->as_number();
  } else if (value && value->is_string() && !unknown) {
    step.kind = TraversalStep::Kind::Attribute;
    step.name = Key::intern(value->as_string());
  } else {
    step.kind = TraversalStep::Kind::Filter;
    step.expr = std::move(expr);
  }
  return step;
}

NodePtr Parser::parse_call() {
  const Token first = tok_;
  std::string ns = "global", name = first.text;
  advance();
  if (tok_.type == Tok::ColonColon) {
    advance();
    if (tok_.type != Tok::Ident) return fail_here("expected a function name");
    ns = name;
    name = tok_.text;
    advance();
  }
  if (!expect(Tok::LParen, "\"(\" after the function name")) return nullptr;
  if (ns == "global" && name == "select") return parse_select(first.start);
  const bool selector_arg = ns == "diff" && (name == "changedAny" || name == "changedOnly");
  std::vector<NodePtr> args;
  while (!error_ && tok_.type != Tok::RParen) {
    NodePtr a = selector_arg && args.size() == 2 ? parse_selector() : operand(parse_expr(0));
    if (!a) return nullptr;
    args.push_back(std::move(a));
    if (tok_.type != Tok::Comma) break;
    advance();
  }
  const int end = tok_.end;
  if (!expect(Tok::RParen, "\")\" after the function arguments")) return nullptr;
  return resolve_call(ns, name, std::move(args), first.start, end);
}

NodePtr Parser::parse_select(int start) {
  NodePtr node = make_node(NodeType::Select, start, start);
  while (!error_ && tok_.type != Tok::RParen) {
    NodePtr a = parse_expr(0);
    if (!a) return nullptr;
    if (node->fallback) return fail(a->start, a->end, "unexpected argument to select()");
    if (a->type == NodeType::Pair) {
      node->alternatives.push_back(SelectAlternative{a->left, a->right});
    } else {
      node->fallback = operand(std::move(a));
    }
    if (tok_.type != Tok::Comma) break;
    advance();
  }
  node->end = tok_.end;
  if (!expect(Tok::RParen, "\")\" after the select() arguments")) return nullptr;
  return finish(node);
}

NodePtr Parser::resolve_call(const std::string& ns, const std::string& name,
                             std::vector<NodePtr> args, int start, int end) {
  NodePtr node = make_node(NodeType::FuncCall, start, end);
  node->text = ns + "::" + name;
  if (!resolve_) {  // skipping over a `fn` body: resolved when expanded
    node->args = std::move(args);
    return finish(node);
  }
  auto custom = functions_.find(node->text);
  if (custom != functions_.end()) {
    if (args.size() != 1)
      return fail(start, end,
                  "Incorrect number of arguments to function " + name + "(). Expected 1, got " +
                      std::to_string(args.size()) + ".");
    return expand_custom(node->text, custom->second, std::move(args[0]), start, end);
  }
  auto arity_error = [&](int min, int max) -> NodePtr {
    int n = static_cast<int>(args.size());
    if (n >= min && (max < 0 || n <= max)) return nullptr;
    std::string expected = min == max ? std::to_string(min)
                           : max < 0  ? "at least " + std::to_string(min)
                                      : std::to_string(min) + " to " + std::to_string(max);
    return fail(start, end,
                "Incorrect number of arguments to function " + name + "(). Expected " + expected +
                    ", got " + std::to_string(n) + ".");
  };
  if (ns == "geo" || (ns == "global" && name == "geo")) {
    const geo::GeoFunction* geo_fn = geo::find_function(ns == "geo" ? node->text : "geo");
    if (!geo_fn) return fail(start, end, "Undefined function: " + node->text);
    arity_error(geo_fn->min_args, geo_fn->max_args);
    if (error_) return nullptr;
    node->geo = geo_fn;
    node->args = std::move(args);
    return finish(node);
  }
  if (ns == "global" && name == "boost" && !allow_boost_)
    return fail(start, end, "boost() can only be used inside score()");
  if (ns == "global" && name == "anywhere")
    return fail(start, end, "anywhere() can only be used in a diff selector");
  if (!is_namespace(ns)) return fail(start, end, "Undefined namespace: " + ns);
  const FunctionDef* def = find_function(ns, name);
  if (!def) return fail(start, end, "Undefined function: " + node->text);
  arity_error(def->min_args, def->max_args);
  if (error_) return nullptr;
  node->function = def;
  node->args = std::move(args);
  return finish(node);
}

NodePtr Parser::parse_pipe_call(NodePtr base) {
  advance();  // |
  const Token first = tok_;
  if (first.type != Tok::Ident) return fail_here("expected a function name after \"|\"");
  std::string name = first.text;
  advance();
  if (tok_.type == Tok::ColonColon) {
    if (name != "global") return fail(first.start, first.end, "Undefined namespace: " + name);
    advance();
    if (tok_.type != Tok::Ident) return fail_here("expected a function name");
    name = tok_.text;
    advance();
  }
  if (!expect(Tok::LParen, "\"(\" after the pipe function name")) return nullptr;
  const bool is_order = name == "order", old_boost = allow_boost_;
  if (name == "score") allow_boost_ = true;
  NodePtr node = make_node(NodeType::PipeFuncCall, base ? base->start : first.start, first.end);
  while (!error_ && tok_.type != Tok::RParen) {
    NodePtr a = parse_expr(0);
    if (a && !(is_order && (a->type == NodeType::Asc || a->type == NodeType::Desc)))
      a = operand(std::move(a));
    if (!a) return nullptr;
    node->args.push_back(std::move(a));
    if (tok_.type != Tok::Comma) break;
    advance();
  }
  allow_boost_ = old_boost;
  node->end = tok_.end;
  if (!expect(Tok::RParen, "\")\" after the function arguments") || !base) return nullptr;
  node->text = name;
  if (resolve_) {
    node->pipe = find_pipe_function(name);
    if (!node->pipe) return fail(first.start, first.end, "Undefined pipe function: " + name);
    if (static_cast<int>(node->args.size()) < node->pipe->min_args)
      return fail(first.start, node->end,
                  "Incorrect number of arguments to function " + name + "().");
    if (name == "score") {
      for (const Node* b = base.get(); b; b = b->base.get()) {
        if (b->type == NodeType::Map || b->type == NodeType::FlatMap ||
            b->type == NodeType::Projection)
          return fail(base->start, base->end, "score() cannot be used on a projection");
        if (b->type != NodeType::PipeFuncCall && b->type != NodeType::Slice &&
            b->type != NodeType::Filter && b->type != NodeType::ArrayCoerce &&
            b->type != NodeType::Group)
          break;
      }
    }
  }
  node->base = std::move(base);
  return finish(node);
}

}  // namespace ledgerline::groq
