// Parser: the query as a whole, custom `fn` declarations and diff selectors.
#include <algorithm>

#include "groq/parser_internal.h"

namespace ledgerline::groq {
namespace {

bool is_own_parameter(const NodePtr& node) {
  return node && node->type == NodeType::Parameter && node->levels == -1;
}

// The slot holding the function's parameter in the allowed body shapes: `$p{...}`,
// `$p->{...}`, `$p[]{...}` and `$p[]->{...}`.
NodePtr* parameter_slot(Node& body) {
  if (body.type == NodeType::Projection) {
    if (is_own_parameter(body.base)) return &body.base;
    if (body.base->type == NodeType::Deref && is_own_parameter(body.base->base))
      return &body.base->base;
  }
  if (body.type == NodeType::Map && body.base->type == NodeType::ArrayCoerce &&
      is_own_parameter(body.base->base))
    return &body.base->base;
  return nullptr;
}

}  // namespace

Result<ParsedQuery> Parser::run() {
  if (parse_declarations()) {
    NodePtr root = operand(parse_expr(0));
    if (root && tok_.type != Tok::End) fail_here("expected the end of the query");
    if (!error_) {
      ParsedQuery result;
      result.root = std::move(root);
      result.params = std::move(params_used_);
      result.needs_params = needs_params_;
      return result;
    }
  }
  return std::move(*error_);
}

// `fn ns::name($param) = body;` ... before the query. Bodies are skipped here and parsed at
// each call (they may call functions declared after them); each is validated once.
bool Parser::parse_declarations() {
  std::vector<std::string> declared;
  while (tok_.type == Tok::Ident && tok_.text == "fn" && peek_next().type == Tok::Ident) {
    const Token decl = tok_;
    advance();
    std::string ns = tok_.text;
    advance();
    if (!expect(Tok::ColonColon, "\"::\" in the function name")) return false;
    if (tok_.type != Tok::Ident) return fail_here("expected a function name"), false;
    std::string id = ns + "::" + tok_.text;
    advance();
    if (!expect(Tok::LParen, "\"(\" after the function name")) return false;
    std::vector<std::string> params;
    while (tok_.type == Tok::Param) {
      params.push_back(tok_.text);
      advance();
      if (tok_.type != Tok::Comma) break;
      advance();
    }
    if (!expect(Tok::RParen, "\")\" after the function parameters")) return false;
    if (!expect(Tok::Assign, "\"=\" after the function parameters")) return false;
    const int body_start = tok_.start;
    resolve_ = false;
    NodePtr body = parse_expr(0);
    resolve_ = true;
    if (!body) return false;
    const int decl_end = tok_.end;
    if (!expect(Tok::Semicolon, "\";\" after the function body")) return false;
    if (params.size() != 1)
      return fail(decl.start, decl_end, "Custom functions can only have one parameter"), false;
    if (functions_.count(id)) return fail(decl.start, decl_end, id + " is declared twice"), false;
    functions_[id] = CustomFunction{params[0], body_start};
    declared.push_back(id);
  }
  for (const std::string& id : declared)
    if (!expand_custom(id, functions_[id], nullptr, 0, 0)) return false;
  return true;
}

// Parses the body of `function` at a call site and substitutes `arg` for its parameter
// (arg null: only validates the declaration).
NodePtr Parser::expand_custom(const std::string& id, const CustomFunction& function, NodePtr arg,
                              int start, int end) {
  if (std::find(expanding_.begin(), expanding_.end(), id) != expanding_.end())
    return fail(start, end, "Recursive function definition detected for " + id);
  const Token saved = tok_;
  const std::string* saved_param = fn_param_;
  const bool saved_boost = allow_boost_;
  expanding_.push_back(id);
  fn_param_ = &function.param;
  allow_boost_ = false;
  tok_ = lexer_.scan(function.body_start);
  NodePtr body = operand(parse_expr(0));
  tok_ = saved;
  fn_param_ = saved_param;
  allow_boost_ = saved_boost;
  expanding_.pop_back();
  if (!body) return nullptr;
  NodePtr* slot = parameter_slot(*body);
  if (!slot) return fail(body->start, body->end, "Unexpected function body, must be a projection");
  if (!validate_body(*body->expr, 0)) return nullptr;
  if (!arg) return body;
  *slot = std::move(arg);
  if (body->base->base) update_depth(*body->base);
  return finish(body);
}

// A function body may not use parameters (its own only as the projected value) nor reach
// outside itself with `^`.
bool Parser::validate_body(const Node& node, int level) {
  if (error_) return false;
  if (node.type == NodeType::Parameter) {
    fail(node.start, node.end, "Function parameters are not allowed here: $" + node.text);
    return false;
  }
  if (node.type == NodeType::Parent && level - node.levels < 0) {
    fail(node.start, node.end, "Invalid use of the parent operator (^) in a function body");
    return false;
  }
  // Projections and filters open a scope that `^` can climb out of again.
  const bool scoped = node.type == NodeType::Projection || node.type == NodeType::Filter;
  bool ok = true;
  for_each_child(node, [&](const Node& child, ChildRole role) {
    ok = ok && validate_body(child, scoped && role == ChildRole::PerElement ? level + 1 : level);
  });
  return ok;
}

// Diff selectors: attribute paths with `.name`, `[]`, `[filter]`, `(a, b)` groups and tuples,
// `.(...)` nesting and `anywhere(expr)`.
NodePtr Parser::parse_selector() {
  NodePtr node;
  const Token first = tok_;
  if (first.type == Tok::Ident) {
    Token next = peek_next();
    if (first.text == "anywhere" && next.type == Tok::LParen && next.start == first.end) {
      advance();
      advance();
      NodePtr arg = operand(parse_expr(0));
      if (!arg) return nullptr;
      node = make_node(NodeType::SelectorFuncCall, first.start, tok_.end);
      node->base = std::move(arg);
      if (!expect(Tok::RParen, "\")\" after the anywhere() argument")) return nullptr;
    } else {
      advance();
      node = make_node(NodeType::AccessAttribute, first.start, first.end);
      node->name = Key::intern(first.text);
    }
  } else if (first.type == Tok::LParen) {
    node = parse_selector_group();
  } else {
    return fail_here("invalid selector syntax");
  }
  while (node && !error_) {
    if (tok_.type == Tok::Dot) {
      advance();
      if (tok_.type == Tok::Ident) {
        NodePtr attr = make_node(NodeType::AccessAttribute, node->start, tok_.end);
        attr->name = Key::intern(tok_.text);
        attr->base = std::move(node);
        advance();
        node = finish(attr);
      } else if (tok_.type == Tok::LParen) {
        NodePtr nested = parse_selector_group();
        if (!nested) return nullptr;
        NodePtr n = make_node(NodeType::SelectorNested, node->start, nested->end);
        n->base = std::move(node);
        n->expr = std::move(nested);
        node = finish(n);
      } else {
        return fail_here("invalid selector syntax");
      }
    } else if (tok_.type == Tok::LBracket) {
      const int start = tok_.start;
      advance();
      if (tok_.type == Tok::RBracket) {
        NodePtr n = make_node(NodeType::ArrayCoerce, node->start, tok_.end);
        n->base = std::move(node);
        advance();
        node = finish(n);
        continue;
      }
      NodePtr expr = operand(parse_expr(0));
      const int end = tok_.end;
      if (!expr || !expect(Tok::RBracket, "\"]\"")) return nullptr;
      auto step = bracket_step(std::move(expr), start, end);
      if (!step) return nullptr;
      if (step->kind == TraversalStep::Kind::Element)
        return fail(start, end, "invalid array access in a selector");
      NodePtr n = make_node(step->kind == TraversalStep::Kind::Attribute ? NodeType::AccessAttribute
                                                                         : NodeType::Filter,
                            node->start, end);
      n->name = step->name;
      n->expr = step->expr;
      n->base = std::move(node);
      node = finish(n);
    } else {
      break;
    }
  }
  return error_ ? nullptr : node;
}

// `(selector)` or `(selector, selector, ...)`.
NodePtr Parser::parse_selector_group() {
  const int start = tok_.start;
  advance();  // (
  std::vector<NodePtr> members;
  while (!error_) {
    NodePtr m = parse_selector();
    if (!m) return nullptr;
    members.push_back(std::move(m));
    if (tok_.type != Tok::Comma) break;
    advance();
  }
  const int end = tok_.end;
  if (!expect(Tok::RParen, "\")\" in the selector")) return nullptr;
  NodePtr node = make_node(members.size() == 1 ? NodeType::Group : NodeType::Tuple, start, end);
  if (members.size() == 1) {
    node->base = std::move(members[0]);
  } else {
    node->args = std::move(members);
  }
  return finish(node);
}

}  // namespace ledgerline::groq
