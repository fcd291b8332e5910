// GROQ parser: precedence climbing over the lexer's tokens, building the specification's
// node shapes (traversal.h), resolving functions, and expanding custom `fn` declarations.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "groq/ast.h"
#include "util/result.h"

namespace ledgerline::groq {

struct ParamUse {
  std::string name;
  int start;
  int end;
};

struct ParsedQuery {
  NodePtr root;
  std::vector<ParamUse> params;  // every `$name` the query reads
  // A slice bound or array index is a parameter: the tree built without parameters is a
  // placeholder and the query has to be parsed again once they are known.
  bool needs_params = false;
};

// Nodes deeper than this are rejected (evaluation recurses over the tree).
constexpr int kMaxQueryDepth = 256;

// `params` (an object, or null when not known yet) resolves constant slice bounds and
// indexes. Errors: kInvalidArgument "queryParseError" with details {start, end, query}.
Result<ParsedQuery> parse_query(std::string_view text, const Value* params);

Error parse_error(std::string_view text, int start, int end, std::string message);

}  // namespace ledgerline::groq
