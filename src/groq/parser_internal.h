// The parser's state, shared by parser.cpp (expressions, objects, arrays) and
// parser_calls.cpp (traversals, function calls, pipes, custom functions, diff selectors).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "groq/lexer.h"
#include "groq/parser.h"
#include "groq/traversal.h"

namespace ledgerline::groq {

// Binding strength of operators (higher binds tighter).
constexpr int kPrecPair = 1;
constexpr int kPrecOr = 2;
constexpr int kPrecAnd = 3;
constexpr int kPrecComp = 4;  // also asc/desc, in, match
constexpr int kPrecAdd = 6;
constexpr int kPrecMul = 7;
constexpr int kPrecPow = 8;
constexpr int kPrecNeg = 8;
constexpr int kPrecPos = 10;
constexpr int kPrecNot = 10;
constexpr int kPrecPipe = 11;

// The attribute name a projection gives `expr` ({name} for `name`, `a->{...}`, `a[]`, ...).
std::optional<Key> property_key(const Node& expr);

struct Infix;  // an infix operator's form and binding (parser.cpp)

class Parser {
 public:
  Parser(std::string_view text, const Value* params);
  Result<ParsedQuery> run();

 private:
  struct CustomFunction {
    std::string param;
    int body_start;
  };

  void advance() { tok_ = lexer_.scan(tok_.end); }
  Token peek_next() const { return lexer_.scan(tok_.end); }
  bool expect(Tok type, const char* what);
  NodePtr fail(int start, int end, std::string message);
  NodePtr fail_here(std::string message);
  std::string quoted_token() const;  // the current token's text, in quotes
  NodePtr finish(NodePtr node);      // sets depth, rejects over-deep trees
  NodePtr operand(NodePtr node);     // rejects `=>` pairs and asc/desc out of place

  // Pratt parsing: a prefix expression, then infix operators binding tighter than `level`.
  NodePtr parse_expr(int level);
  NodePtr parse_prefix();  // unary +, -, ! or a primary
  NodePtr parse_infix(const Infix& infix, NodePtr left);
  NodePtr parse_primary();
  NodePtr unary(NodeType type, int start, int level);
  NodePtr binary(NodeType type, Op op, NodePtr left, int rhs_level);
  NodePtr parse_in(NodePtr left);
  NodePtr parse_object();
  NodePtr parse_array();

  bool at_traversal() const;
  NodePtr parse_traversals(NodePtr base);
  bool parse_step(std::vector<TraversalStep>& steps);
  std::optional<TraversalStep> bracket_step(NodePtr expr, int start, int end);

  NodePtr parse_call();
  NodePtr parse_select(int start);
  NodePtr resolve_call(const std::string& ns, const std::string& name, std::vector<NodePtr> args,
                       int start, int end);
  NodePtr parse_pipe_call(NodePtr base);

  bool parse_declarations();
  NodePtr expand_custom(const std::string& id, const CustomFunction& function, NodePtr arg,
                        int start, int end);
  bool validate_body(const Node& node, int level);

  NodePtr parse_selector();
  NodePtr parse_selector_group();

  Lexer lexer_;
  std::string_view text_;
  const Value* params_;
  Token tok_;
  std::optional<Error> error_;
  int recursion_ = 0;
  bool resolve_ = true;                    // false while skipping over `fn` bodies
  bool allow_boost_ = false;               // inside score()
  const std::string* fn_param_ = nullptr;  // the parameter of the `fn` body being parsed
  std::map<std::string, CustomFunction> functions_;
  std::vector<std::string> expanding_;  // custom functions being expanded (recursion check)
  std::vector<ParamUse> params_used_;
  bool needs_params_ = false;
};

}  // namespace ledgerline::groq
