// Parser: object and array literals, and the attribute names projections derive.
#include "groq/parser_internal.h"

namespace ledgerline::groq {

NodePtr Parser::parse_object() {
  NodePtr obj = make_node(NodeType::Object, tok_.start, tok_.end);
  advance();  // {
  while (!error_ && tok_.type != Tok::RBrace) {
    ObjectAttribute attr;
    if (tok_.type == Tok::DotDotDot) {
      Token dots = tok_;
      advance();
      attr.kind = ObjectAttribute::Kind::Splat;
      if (tok_.type == Tok::RBrace || tok_.type == Tok::Comma) {
        attr.value = make_node(NodeType::This, dots.start, dots.end);
      } else {
        attr.value = operand(parse_expr(0));
      }
    } else {
      NodePtr e = parse_expr(0);
      if (!e) return nullptr;
      if (e->type == NodeType::Literal && e->value.is_string() && tok_.type == Tok::Colon) {
        advance();
        attr.name = Key::intern(e->value.as_string());
        attr.value = operand(parse_expr(0));
      } else if (e->type == NodeType::Pair) {
        attr.kind = ObjectAttribute::Kind::ConditionalSplat;
        attr.condition = e->left;
        attr.value = e->right;
      } else {
        std::optional<Key> key = property_key(*e);
        if (!key) return fail(e->start, e->end, "cannot determine the attribute name");
        attr.name = *key;
        attr.value = operand(std::move(e));
      }
    }
    if (!attr.value) return nullptr;
    obj->attributes.push_back(std::move(attr));
    if (tok_.type != Tok::Comma) break;
    advance();
  }
  obj->end = tok_.end;
  if (!expect(Tok::RBrace, "\"}\" after object")) return nullptr;
  return finish(obj);
}

NodePtr Parser::parse_array() {
  NodePtr arr = make_node(NodeType::Array, tok_.start, tok_.end);
  advance();  // [
  while (!error_ && tok_.type != Tok::RBracket) {
    ArrayElement element;
    if (tok_.type == Tok::DotDotDot) {
      element.splat = true;
      advance();
    }
    element.value = operand(parse_expr(0));
    if (!element.value) return nullptr;
    arr->elements.push_back(std::move(element));
    if (tok_.type != Tok::Comma) break;
    advance();
  }
  arr->end = tok_.end;
  if (!expect(Tok::RBracket, "\"]\" after array")) return nullptr;
  return finish(arr);
}

std::optional<Key> property_key(const Node& node) {
  switch (node.type) {
    case NodeType::AccessAttribute:
      if (!node.base) return node.name;
      return std::nullopt;
    case NodeType::PipeFuncCall:
    case NodeType::Deref:
    case NodeType::Map:
    case NodeType::Projection:
    case NodeType::Slice:
    case NodeType::Filter:
    case NodeType::AccessElement:
    case NodeType::ArrayCoerce:
    case NodeType::Group:
      return property_key(*node.base);
    default:
      return std::nullopt;
  }
}

}  // namespace ledgerline::groq
