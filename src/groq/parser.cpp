#include "groq/parser.h"

#include <charconv>
#include <map>
#include <optional>

#include "groq/functions/registry.h"
#include "groq/lexer.h"
#include "groq/operators.h"
#include "groq/parser_internal.h"
#include "groq/traversal.h"
#include "groq/values.h"

namespace ledgerline::groq {

Error parse_error(std::string_view text, int start, int end, std::string message) {
  auto chars = [&](int byte) {
    byte = std::max(0, std::min(byte, static_cast<int>(text.size())));
    return static_cast<double>(count_code_points(text.substr(0, static_cast<std::size_t>(byte))));
  };
  Value details = Value::object({Member{Key::intern("start"), Value::number(chars(start))},
                                 Member{Key::intern("end"), Value::number(chars(end))},
                                 Member{Key::intern("query"), Value::string(text)}});
  return Error::invalid(std::move(message), "queryParseError").with_details(std::move(details));
}

Parser::Parser(std::string_view text, const Value* params)
    : lexer_(text), text_(text), params_(params) {
  tok_ = lexer_.scan(0);
}

NodePtr Parser::fail(int start, int end, std::string message) {
  if (!error_) error_ = parse_error(text_, start, std::max(end, start + 1), std::move(message));
  return nullptr;
}

NodePtr Parser::fail_here(std::string message) {
  if (tok_.type == Tok::Error) return fail(tok_.start, tok_.end, tok_.text);
  if (tok_.type == Tok::End) return fail(tok_.start, tok_.start + 1, "unexpected end of query");
  return fail(tok_.start, tok_.end, std::move(message));
}

std::string Parser::quoted_token() const {
  return "\"" + std::string(text_.substr(tok_.start, tok_.end - tok_.start)) + "\"";
}

bool Parser::expect(Tok type, const char* what) {
  if (error_) return false;
  if (tok_.type != type) {
    fail_here(std::string("expected ") + what + ", found " + quoted_token());
    return false;
  }
  advance();
  return true;
}

NodePtr Parser::finish(NodePtr node) {
  if (!node) return nullptr;
  update_depth(*node);
  if (node->depth > kMaxQueryDepth)
    return fail(node->start, node->end, "query is nested too deeply");
  return node;
}

NodePtr Parser::operand(NodePtr node) {
  if (!node) return nullptr;
  switch (node->type) {
    case NodeType::Pair:
      return fail(node->start, node->end, "unexpected \"=>\"");
    case NodeType::Asc:
    case NodeType::Desc:
      return fail(node->start, node->end, "asc/desc can only be used in order()");
    default:
      return node;
  }
}

NodePtr Parser::unary(NodeType type, int start, int level) {
  advance();
  NodePtr base = operand(parse_expr(level));
  if (!base) return nullptr;
  NodePtr node = make_node(type, start, base->end);
  node->base = std::move(base);
  return finish(node);
}

NodePtr Parser::binary(NodeType type, Op op, NodePtr left, int rhs_level) {
  advance();
  NodePtr right = operand(parse_expr(rhs_level));
  if (!left || !right) return nullptr;
  NodePtr node = make_node(type, left->start, right->end);
  node->op = op;
  node->left = std::move(left);
  node->right = std::move(right);
  return finish(node);
}

bool Parser::at_traversal() const {
  switch (tok_.type) {
    case Tok::Dot:
      return peek_next().type == Tok::Ident;
    case Tok::Arrow:
    case Tok::LBracket:
    case Tok::LBrace:
      return true;
    case Tok::Pipe:
      return peek_next().type == Tok::LBrace;
    default:
      return false;
  }
}

// An infix operator at the current token: what it builds and how it binds. `chains` operators
// are left-associative (a + b + c); the others do not continue a left side built at their own
// level (after `a == b` a second `==` ends the expression), and the right-associative ones
// (`**`, `=>`) parse their right side at their own level (a ** b ** c is a ** (b ** c)).
struct Infix {
  enum class Form { kBinary, kPipe, kIn, kSort };
  Form form;
  NodeType type = NodeType::OpCall;
  Op op = Op::Eq;
  int precedence = 0;
  int rhs_level = 0;
  bool chains = false;

  // Whether it may follow the operator of level `lhs` that built the left side.
  bool may_follow(int lhs) const { return chains ? lhs >= precedence : lhs > precedence; }
};

namespace {

Infix binary_infix(NodeType type, Op op, int precedence, bool chains, int rhs_level) {
  return Infix{Infix::Form::kBinary, type, op, precedence, rhs_level, chains};
}

std::optional<Infix> infix_at(const Token& tok) {
  using Form = Infix::Form;
  switch (tok.type) {
    case Tok::FatArrow:
      return binary_infix(NodeType::Pair, Op::Eq, kPrecPair, false, kPrecPair);
    case Tok::EqEq:
      return binary_infix(NodeType::OpCall, Op::Eq, kPrecComp, false, kPrecComp + 1);
    case Tok::BangEq:
      return binary_infix(NodeType::OpCall, Op::Neq, kPrecComp, false, kPrecComp + 1);
    case Tok::Lt:
      return binary_infix(NodeType::OpCall, Op::Lt, kPrecComp, false, kPrecComp + 1);
    case Tok::Lte:
      return binary_infix(NodeType::OpCall, Op::Lte, kPrecComp, false, kPrecComp + 1);
    case Tok::Gt:
      return binary_infix(NodeType::OpCall, Op::Gt, kPrecComp, false, kPrecComp + 1);
    case Tok::Gte:
      return binary_infix(NodeType::OpCall, Op::Gte, kPrecComp, false, kPrecComp + 1);
    case Tok::Plus:
      return binary_infix(NodeType::OpCall, Op::Add, kPrecAdd, true, kPrecAdd + 1);
    case Tok::Minus:
      return binary_infix(NodeType::OpCall, Op::Sub, kPrecAdd, true, kPrecAdd + 1);
    case Tok::Star:
      return binary_infix(NodeType::OpCall, Op::Mul, kPrecMul, true, kPrecMul + 1);
    case Tok::Slash:
      return binary_infix(NodeType::OpCall, Op::Div, kPrecMul, true, kPrecMul + 1);
    case Tok::Percent:
      return binary_infix(NodeType::OpCall, Op::Mod, kPrecMul, true, kPrecMul + 1);
    case Tok::StarStar:
      return binary_infix(NodeType::OpCall, Op::Pow, kPrecPow, false, kPrecPow);
    case Tok::PipePipe:
      return binary_infix(NodeType::Or, Op::Eq, kPrecOr, true, kPrecOr + 1);
    case Tok::AmpAmp:
      return binary_infix(NodeType::And, Op::Eq, kPrecAnd, true, kPrecAnd + 1);
    case Tok::Pipe:
      return Infix{Form::kPipe, NodeType::OpCall, Op::Eq, kPrecPipe, 0, true};
    case Tok::Ident:
      if (tok.text == "asc") return Infix{Form::kSort, NodeType::Asc, Op::Eq, kPrecComp, 0, true};
      if (tok.text == "desc") return Infix{Form::kSort, NodeType::Desc, Op::Eq, kPrecComp, 0, true};
      if (tok.text == "in") return Infix{Form::kIn, NodeType::OpCall, Op::Eq, kPrecComp, 0, false};
      if (tok.text == "match") {
        return binary_infix(NodeType::OpCall, Op::Match, kPrecComp, false, kPrecComp + 1);
      }
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

}  // namespace

NodePtr Parser::parse_expr(int level) {
  if (error_) return nullptr;
  if (recursion_ >= kMaxQueryDepth) return fail_here("query is nested too deeply");
  ++recursion_;
  struct Leave {
    int& r;
    ~Leave() { --r; }
  } leave{recursion_};

  NodePtr node = parse_prefix();
  int lhs = 12;  // above every operator: anything may follow a primary
  while (node && !error_) {
    if (at_traversal()) {
      node = parse_traversals(std::move(node));
      continue;
    }
    std::optional<Infix> infix = infix_at(tok_);
    if (!infix || level > infix->precedence || !infix->may_follow(lhs)) return node;
    node = parse_infix(*infix, std::move(node));
    lhs = infix->precedence;
  }
  return error_ ? nullptr : node;
}

NodePtr Parser::parse_prefix() {
  const int start = tok_.start;
  switch (tok_.type) {
    case Tok::Plus:
      return unary(NodeType::Pos, start, kPrecPos);
    case Tok::Minus:
      return unary(NodeType::Neg, start, kPrecNeg);
    case Tok::Bang:
      return unary(NodeType::Not, start, kPrecNot);
    default:
      return parse_primary();
  }
}

NodePtr Parser::parse_infix(const Infix& infix, NodePtr left) {
  switch (infix.form) {
    case Infix::Form::kBinary:
      return binary(infix.type, infix.op, operand(std::move(left)), infix.rhs_level);
    case Infix::Form::kPipe:
      return parse_pipe_call(operand(std::move(left)));
    case Infix::Form::kIn:
      return parse_in(operand(std::move(left)));
    case Infix::Form::kSort: {
      NodePtr sort = make_node(infix.type, left->start, tok_.end);
      sort->base = operand(std::move(left));
      advance();
      return sort->base ? finish(sort) : nullptr;
    }
  }
  return nullptr;
}

NodePtr Parser::parse_in(NodePtr left) {
  advance();  // in
  bool group = false;
  if (tok_.type == Tok::LParen) {
    group = true;
    advance();
  }
  NodePtr right = operand(parse_expr(kPrecComp + 1));
  if (!left || !right) return nullptr;
  NodePtr node;
  if (tok_.type == Tok::DotDot || tok_.type == Tok::DotDotDot) {
    bool inclusive = tok_.type == Tok::DotDot;
    advance();
    NodePtr upper = operand(parse_expr(kPrecComp + 1));
    if (!upper) return nullptr;
    node = make_node(NodeType::InRange, left->start, upper->end);
    node->inclusive = inclusive;
    node->base = std::move(left);
    node->left = std::move(right);
    node->right = std::move(upper);
  } else {
    node = make_node(NodeType::OpCall, left->start, right->end);
    node->op = Op::In;
    node->left = std::move(left);
    node->right = std::move(right);
  }
  if (group) {
    node->end = tok_.end;
    if (!expect(Tok::RParen, "\")\"")) return nullptr;
  }
  return finish(node);
}

NodePtr Parser::parse_primary() {
  const Token tok = tok_;
  auto literal = [&](Value v) {
    advance();
    NodePtr n = make_node(NodeType::Literal, tok.start, tok.end);
    n->value = std::move(v);
    return n;
  };
  switch (tok.type) {
    case Tok::Integer:
    case Tok::Float: {
      double d = 0;
      std::from_chars(tok.text.data(), tok.text.data() + tok.text.size(), d);
      return literal(Value::number(d));
    }
    case Tok::String:
      return literal(Value::string(tok.text));
    case Tok::Param: {
      advance();
      NodePtr n = make_node(NodeType::Parameter, tok.start, tok.end);
      n->text = tok.text;
      if (fn_param_ && tok.text == *fn_param_) {
        n->levels = -1;
      } else if (resolve_) {
        params_used_.push_back(ParamUse{tok.text, tok.start, tok.end});
      }
      return n;
    }
    case Tok::Star:
      advance();
      return make_node(NodeType::Everything, tok.start, tok.end);
    case Tok::At:
      advance();
      return make_node(NodeType::This, tok.start, tok.end);
    case Tok::Caret: {
      int pos = tok.end, levels = 1;
      while (pos + 1 < static_cast<int>(text_.size()) && text_[pos] == '.' &&
             text_[pos + 1] == '^') {
        ++levels;
        pos += 2;
      }
      tok_ = lexer_.scan(pos);
      NodePtr n = make_node(NodeType::Parent, tok.start, pos);
      n->levels = levels;
      return n;
    }
    case Tok::LParen: {
      advance();
      NodePtr inner = operand(parse_expr(0));
      if (!inner) return nullptr;
      if (tok_.type == Tok::Comma) return fail_here("tuples can only be used in diff selectors");
      NodePtr n = make_node(NodeType::Group, tok.start, tok_.end);
      if (!expect(Tok::RParen, "\")\"")) return nullptr;
      n->base = std::move(inner);
      return finish(n);
    }
    case Tok::LBrace:
      return parse_object();
    case Tok::LBracket:
      return parse_array();
    case Tok::Ident: {
      Token next = peek_next();
      if (next.start == tok.end && (next.type == Tok::LParen || next.type == Tok::ColonColon))
        return parse_call();
      if (tok.text == "null") return literal(Value());
      if (tok.text == "true") return literal(Value::boolean(true));
      if (tok.text == "false") return literal(Value::boolean(false));
      advance();
      NodePtr n = make_node(NodeType::AccessAttribute, tok.start, tok.end);
      n->name = Key::intern(tok.text);
      return n;
    }
    default:
      return fail_here("unexpected " + quoted_token());
  }
}

Result<ParsedQuery> parse_query(std::string_view text, const Value* params) {
  Parser parser(text, params);
  return parser.run();
}

}  // namespace ledgerline::groq
