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
  return Error{ErrorCode::kInvalidArgument, "queryParseError", std::move(message),
               std::move(details)};
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

NodePtr Parser::parse_expr(int level) {
  if (error_) return nullptr;
  if (recursion_ >= kMaxQueryDepth) return fail_here("query is nested too deeply");
  ++recursion_;
  struct Leave {
    int& r;
    ~Leave() { --r; }
  } leave{recursion_};

  NodePtr node;
  const int start = tok_.start;
  switch (tok_.type) {
    case Tok::Plus:
      node = unary(NodeType::Pos, start, kPrecPos);
      break;
    case Tok::Minus:
      node = unary(NodeType::Neg, start, kPrecNeg);
      break;
    case Tok::Bang:
      node = unary(NodeType::Not, start, kPrecNot);
      break;
    default:
      node = parse_primary();
  }

  int lhs = 12;
  while (node && !error_) {
    if (at_traversal()) {
      node = parse_traversals(std::move(node));
      continue;
    }
    switch (tok_.type) {
      case Tok::FatArrow:
        if (level > kPrecPair || lhs <= kPrecPair) return node;
        node = binary(NodeType::Pair, Op::Eq, operand(std::move(node)), kPrecPair);
        lhs = kPrecPair;
        break;
      case Tok::EqEq:
      case Tok::BangEq:
      case Tok::Lt:
      case Tok::Lte:
      case Tok::Gt:
      case Tok::Gte: {
        if (level > kPrecComp || lhs <= kPrecComp) return node;
        Op op = tok_.type == Tok::EqEq     ? Op::Eq
                : tok_.type == Tok::BangEq ? Op::Neq
                : tok_.type == Tok::Lt     ? Op::Lt
                : tok_.type == Tok::Lte    ? Op::Lte
                : tok_.type == Tok::Gt     ? Op::Gt
                                           : Op::Gte;
        node = binary(NodeType::OpCall, op, operand(std::move(node)), kPrecComp + 1);
        lhs = kPrecComp;
        break;
      }
      case Tok::Plus:
      case Tok::Minus:
        if (level > kPrecAdd || lhs < kPrecAdd) return node;
        node = binary(NodeType::OpCall, tok_.type == Tok::Plus ? Op::Add : Op::Sub,
                      operand(std::move(node)), kPrecAdd + 1);
        lhs = kPrecAdd;
        break;
      case Tok::Star:
      case Tok::Slash:
      case Tok::Percent: {
        if (level > kPrecMul || lhs < kPrecMul) return node;
        Op op = tok_.type == Tok::Star ? Op::Mul : tok_.type == Tok::Slash ? Op::Div : Op::Mod;
        node = binary(NodeType::OpCall, op, operand(std::move(node)), kPrecMul + 1);
        lhs = kPrecMul;
        break;
      }
      case Tok::StarStar:
        if (level > kPrecPow || lhs <= kPrecPow) return node;
        node = binary(NodeType::OpCall, Op::Pow, operand(std::move(node)), kPrecPow);
        lhs = kPrecPow;
        break;
      case Tok::PipePipe:
        if (level > kPrecOr || lhs < kPrecOr) return node;
        node = binary(NodeType::Or, Op::Eq, operand(std::move(node)), kPrecOr + 1);
        lhs = kPrecOr;
        break;
      case Tok::AmpAmp:
        if (level > kPrecAnd || lhs < kPrecAnd) return node;
        node = binary(NodeType::And, Op::Eq, operand(std::move(node)), kPrecAnd + 1);
        lhs = kPrecAnd;
        break;
      case Tok::Pipe:
        if (level > kPrecPipe || lhs < kPrecPipe) return node;
        node = parse_pipe_call(operand(std::move(node)));
        lhs = kPrecPipe;
        break;
      case Tok::Ident:
        if (tok_.text == "asc" || tok_.text == "desc") {
          if (level > kPrecComp || lhs < kPrecComp) return node;
          NodePtr sort =
              make_node(tok_.text == "asc" ? NodeType::Asc : NodeType::Desc, node->start, tok_.end);
          sort->base = operand(std::move(node));
          advance();
          node = sort->base ? finish(sort) : nullptr;
          lhs = kPrecComp;
        } else if (tok_.text == "in") {
          if (level > kPrecComp || lhs <= kPrecComp) return node;
          node = parse_in(operand(std::move(node)));
          lhs = kPrecComp;
        } else if (tok_.text == "match") {
          if (level > kPrecComp || lhs <= kPrecComp) return node;
          node = binary(NodeType::OpCall, Op::Match, operand(std::move(node)), kPrecComp + 1);
          lhs = kPrecComp;
        } else {
          return node;
        }
        break;
      default:
        return node;
    }
  }
  return error_ ? nullptr : node;
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
