#include "groq/ast.h"

#include <algorithm>

namespace ledgerline::groq {

NodePtr make_node(NodeType type, int start, int end) {
  auto node = std::make_shared<Node>();
  node->type = type;
  node->start = start;
  node->end = end;
  return node;
}

void update_depth(Node& node) {
  int d = 0;
  auto see = [&d](const NodePtr& child) {
    if (child) d = std::max(d, child->depth);
  };
  see(node.base);
  see(node.expr);
  see(node.left);
  see(node.right);
  see(node.fallback);
  for (const NodePtr& a : node.args) see(a);
  for (const ObjectAttribute& a : node.attributes) {
    see(a.condition);
    see(a.value);
  }
  for (const ArrayElement& e : node.elements) see(e.value);
  for (const SelectAlternative& a : node.alternatives) {
    see(a.condition);
    see(a.value);
  }
  node.depth = d + 1;
}

}  // namespace ledgerline::groq
