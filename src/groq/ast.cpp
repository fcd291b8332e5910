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
  for_each_child(node, [&d](const Node& child, ChildRole) { d = std::max(d, child.depth); });
  node.depth = d + 1;
}

}  // namespace ledgerline::groq
