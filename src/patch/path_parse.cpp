// JSONMatch tokenizer + recursive-descent parser, a literal port of @sanity/mutator's jsonpath2
// parser (same token classes, same precedence, same leniency), plus `[*]` as "every element".
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "patch/path.h"

namespace ledgerline::patch {
namespace {

constexpr int kMaxNesting = 64;
constexpr std::size_t kMaxPathBytes = 4096;

struct Token {
  enum class Kind {
    kOperator,
    kComparator,
    kKeyword,
    kBoolean,
    kParen,
    kStar,
    kIdentifier,
    kNumber,
    kQuoted
  };
  Kind kind;
  std::string text;  // symbol, identifier name or quoted content
  double number = 0;
  bool double_quoted = false;
};

bool attribute_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool attribute_first_char(char c) {
  return attribute_char(c) && !(c >= '0' && c <= '9');
}

Error path_error(std::string message) {
  return Error::invalid(std::move(message), "invalidPatch");
}

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view source) : s_(source) {}

  Result<std::vector<Token>> tokenize() {
    std::vector<Token> tokens;
    while (i_ < s_.size()) {
      while (i_ < s_.size() && s_[i_] == ' ') ++i_;
      Token token;
      if (symbol(token) || identifier(token) || number(token)) {
        tokens.push_back(std::move(token));
        continue;
      }
      auto quoted = quoted_token(token);
      if (!quoted.ok()) return quoted.error();
      if (!*quoted) {
        return path_error(fmt::format("Invalid tokens in jsonpath '{}' @ {}", s_, i_));
      }
      tokens.push_back(std::move(token));
    }
    return tokens;
  }

 private:
  bool try_consume(std::string_view str) {
    if (s_.substr(i_, str.size()) != str || i_ + str.size() > s_.size()) return false;
    if (attribute_char(str[0]) && i_ + str.size() < s_.size() &&
        attribute_char(s_[i_ + str.size()])) {
      return false;
    }
    i_ += str.size();
    return true;
  }

  bool symbol(Token& token) {
    static constexpr std::pair<Token::Kind, std::string_view> kSymbols[] = {
        {Token::Kind::kOperator, ".."},   {Token::Kind::kOperator, "."},
        {Token::Kind::kOperator, ","},    {Token::Kind::kOperator, ":"},
        {Token::Kind::kOperator, "?"},    {Token::Kind::kComparator, ">="},
        {Token::Kind::kComparator, "<="}, {Token::Kind::kComparator, "<"},
        {Token::Kind::kComparator, ">"},  {Token::Kind::kComparator, "=="},
        {Token::Kind::kComparator, "!="}, {Token::Kind::kKeyword, "$"},
        {Token::Kind::kKeyword, "@"},     {Token::Kind::kBoolean, "true"},
        {Token::Kind::kBoolean, "false"}, {Token::Kind::kParen, "["},
        {Token::Kind::kParen, "]"},       {Token::Kind::kStar, "*"}};
    for (const auto& [kind, text] : kSymbols) {
      if (try_consume(text)) {
        token.kind = kind;
        token.text = std::string(text);
        return true;
      }
    }
    return false;
  }

  bool identifier(Token& token) {
    if (i_ >= s_.size() || !attribute_first_char(s_[i_])) return false;
    std::size_t start = i_;
    while (i_ < s_.size() && attribute_char(s_[i_])) ++i_;
    token.kind = Token::Kind::kIdentifier;
    token.text = std::string(s_.substr(start, i_ - start));
    return true;
  }

  // Mirrors the reference: optional '-', then digits with at most one '.' after a digit.
  bool number(Token& token) {
    std::size_t start = i_;
    bool negative = false;
    if (i_ < s_.size() && s_[i_] == '-') negative = true, ++i_;
    std::size_t digits_start = i_;
    bool dot_seen = false, digit_seen = false;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '.' && !dot_seen && digit_seen) {
        dot_seen = true;
      } else {
        digit_seen = true;
        if (c < '0' || c > '9') break;
      }
      ++i_;
    }
    if (i_ == digits_start) {
      i_ = start;
      return false;
    }
    std::string digits(s_.substr(digits_start, i_ - digits_start));
    double value = std::strtod(digits.c_str(), nullptr);
    token.kind = Token::Kind::kNumber;
    token.number = negative ? -value : value;
    token.text = (negative ? "-" : "") + digits;
    return true;
  }

  Result<bool> quoted_token(Token& token) {
    if (i_ >= s_.size() || (s_[i_] != '\'' && s_[i_] != '"')) return false;
    char quote = s_[i_++];
    std::string inner;
    bool escape = false;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (escape) {
        escape = false;
        inner += c;
      } else if (c == '\\') {
        escape = true;
      } else if (c == quote) {
        break;
      } else {
        inner += c;
      }
      ++i_;
    }
    if (i_ >= s_.size()) return path_error(fmt::format("Expected {} at end of jsonpath", quote));
    ++i_;
    token.kind = Token::Kind::kQuoted;
    token.text = std::move(inner);
    token.double_quoted = quote == '"';
    return true;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

PathExprPtr make(PathExpr expr) {
  return std::make_shared<const PathExpr>(std::move(expr));
}

PathExpr node(PathExpr::Type type) {
  PathExpr e;
  e.type = type;
  return e;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  // Stricter than the reference: brackets must balance, so a typo such as `a[` or `a]` is an
  // error instead of silently addressing something else.
  Result<PathExprPtr> parse() {
    int open = 0;
    for (const Token& t : tokens_) {
      if (t.kind != Kind::kParen) continue;
      open += t.text == "[" ? 1 : -1;
      if (open < 0) return path_error("Unbalanced ']' in path");
    }
    if (open != 0) return path_error("Unclosed '[' in path");
    return parse_path();
  }

 private:
  using Kind = Token::Kind;

  const Token* peek() const { return i_ < tokens_.size() ? &tokens_[i_] : nullptr; }
  const Token* match(Kind kind, std::string_view text = {}) {
    const Token* t = peek();
    if (!t || t->kind != kind || (!text.empty() && t->text != text)) return nullptr;
    ++i_;
    return t;
  }

  PathExprPtr parse_attribute() {
    if (const Token* t = match(Kind::kIdentifier)) {
      PathExpr e = node(PathExpr::Type::kAttribute);
      e.name = t->text;
      return make(std::move(e));
    }
    const Token* t = peek();
    if (t && t->kind == Kind::kQuoted && !t->double_quoted) {
      ++i_;
      PathExpr e = node(PathExpr::Type::kAttribute);
      e.name = t->text;
      return make(std::move(e));
    }
    return nullptr;
  }

  PathExprPtr parse_alias() {
    if (match(Kind::kKeyword, "@") || match(Kind::kKeyword, "$")) {
      return make(node(PathExpr::Type::kAlias));
    }
    return nullptr;
  }

  std::optional<double> parse_number_value() {
    if (const Token* t = match(Kind::kNumber)) return t->number;
    return std::nullopt;
  }

  PathExprPtr parse_slice_selector() {
    std::size_t start = i_;
    if (match(Kind::kStar)) return make(node(PathExpr::Type::kRange));  // `[*]`: all elements
    std::optional<double> range_start = parse_number_value();
    if (!match(Kind::kOperator, ":")) {
      if (!range_start) {
        i_ = start;
        return nullptr;
      }
      PathExpr e = node(PathExpr::Type::kIndex);
      e.number = *range_start;
      return make(std::move(e));
    }
    PathExpr e = node(PathExpr::Type::kRange);
    e.range_start = range_start;
    e.range_end = parse_number_value();
    if (match(Kind::kOperator, ":")) e.step = parse_number_value();
    if (!e.range_start && !e.range_end) {
      i_ = start;
      return nullptr;
    }
    return make(std::move(e));
  }

  PathExprPtr parse_value_reference() {
    if (auto a = parse_attribute()) return a;
    return parse_slice_selector();
  }

  PathExprPtr parse_literal_value() {
    // The reference only takes "double" quotes here; `[_key=='k']` is accepted too (Sanity's
    // docs and clients use both), which only turns a reference parse error into a match.
    const Token* t = peek();
    if (t && t->kind == Kind::kQuoted) {
      ++i_;
      PathExpr e = node(PathExpr::Type::kString);
      e.name = t->text;
      return make(std::move(e));
    }
    if (const Token* b = match(Kind::kBoolean)) {
      PathExpr e = node(PathExpr::Type::kBoolean);
      e.boolean = b->text == "true";
      return make(std::move(e));
    }
    if (const Token* n = match(Kind::kNumber)) {
      PathExpr e = node(PathExpr::Type::kNumber);
      e.number = n->number;
      return make(std::move(e));
    }
    return nullptr;
  }

  Result<PathExprPtr> parse_attribute_path() {
    PathExprPtr first = parse_attribute();
    if (!first) return PathExprPtr();
    std::vector<PathExprPtr> nodes{first};
    while (match(Kind::kOperator, ".")) {
      PathExprPtr next = parse_attribute();
      if (!next) return path_error("Expected attribute name following '.'");
      nodes.push_back(next);
    }
    if (nodes.size() == 1) return first;
    PathExpr e = node(PathExpr::Type::kPath);
    e.nodes = std::move(nodes);
    return make(std::move(e));
  }

  Result<PathExprPtr> parse_filter_expression() {
    std::size_t start = i_;
    auto lhs = parse_attribute_path();
    if (!lhs.ok()) return lhs;
    PathExprPtr expr = *lhs ? *lhs : parse_alias();
    if (!expr) return PathExprPtr();
    if (match(Kind::kOperator, "?")) {
      PathExpr e = node(PathExpr::Type::kConstraint);
      e.op = "?";
      e.lhs = expr;
      return make(std::move(e));
    }
    const Token* op = match(Kind::kComparator);
    if (!op) {
      i_ = start;
      return PathExprPtr();
    }
    PathExprPtr rhs = parse_literal_value();
    if (!rhs) {
      return path_error(
          fmt::format("Operator {} needs a literal value at the right hand side", op->text));
    }
    PathExpr e = node(PathExpr::Type::kConstraint);
    e.op = op->text;
    e.lhs = expr;
    e.rhs = rhs;
    return make(std::move(e));
  }

  // filterExpression || path || valueReference, as the reference tries them inside brackets.
  Result<PathExprPtr> parse_union_term() {
    auto filter = parse_filter_expression();
    if (!filter.ok() || *filter) return filter;
    auto path = parse_path();
    if (!path.ok() || *path) return path;
    return parse_value_reference();
  }

  Result<PathExprPtr> parse_union() {
    if (!match(Kind::kParen, "[")) return PathExprPtr();
    if (++depth_ > kMaxNesting) return path_error("Path nests too deeply");
    std::vector<PathExprPtr> terms;
    auto expr = parse_union_term();
    if (!expr.ok()) return expr;
    while (*expr) {
      terms.push_back(*expr);
      if (match(Kind::kParen, "]")) break;
      if (!match(Kind::kOperator, ",")) return path_error("Expected ]");
      expr = parse_union_term();
      if (!expr.ok()) return expr;
      if (!*expr) return path_error("Expected expression following ','");
    }
    --depth_;
    PathExpr e = node(PathExpr::Type::kUnion);
    e.nodes = std::move(terms);
    return make(std::move(e));
  }

  Result<PathExprPtr> parse_recursive() {
    if (!match(Kind::kOperator, "..")) return PathExprPtr();
    if (++depth_ > kMaxNesting) return path_error("Path nests too deeply");
    auto sub = parse_path();
    --depth_;
    if (!sub.ok()) return sub;
    if (!*sub) return path_error("Expected path following '..' operator");
    PathExpr e = node(PathExpr::Type::kRecursive);
    e.term = *sub;
    return make(std::move(e));
  }

  Result<PathExprPtr> parse_path() {
    PathExprPtr first = parse_attribute();
    if (!first) {
      auto u = parse_union();
      if (!u.ok()) return u;
      first = *u;
    }
    if (!first) {
      auto r = parse_recursive();
      if (!r.ok()) return r;
      first = *r;
    }
    if (!first) return PathExprPtr();
    std::vector<PathExprPtr> nodes{first};
    while (peek()) {
      if (match(Kind::kOperator, ".")) {
        PathExprPtr attr = parse_attribute();
        if (!attr) return path_error("Expected attribute name following '.");
        nodes.push_back(attr);
        continue;
      }
      const Token* t = peek();
      if (t->kind == Kind::kParen && t->text == "[") {
        auto u = parse_union();
        if (!u.ok()) return u;
        if (!*u) return path_error("Expected union following '['");
        nodes.push_back(*u);
        continue;
      }
      auto r = parse_recursive();
      if (!r.ok()) return r;
      if (*r) nodes.push_back(*r);
      break;
    }
    if (nodes.size() == 1) return first;
    PathExpr e = node(PathExpr::Type::kPath);
    e.nodes = std::move(nodes);
    return make(std::move(e));
  }

  std::vector<Token> tokens_;
  std::size_t i_ = 0;
  int depth_ = 0;
};

}  // namespace

bool is_plain_attribute_name(std::string_view name) {
  return !name.empty() && attribute_first_char(name[0]) &&
         std::all_of(name.begin(), name.end(), attribute_char);
}

Result<PathExprPtr> parse_path(std::string_view path) {
  // Matching copies the remaining path at every level, so keep paths to a sane length.
  if (path.size() > kMaxPathBytes) return path_error("Path is too long");
  auto tokens = Tokenizer(path).tokenize();
  if (!tokens.ok()) return std::move(tokens).error();
  auto parsed = Parser(std::move(*tokens)).parse();
  if (!parsed.ok()) return parsed;
  if (!*parsed) return path_error(fmt::format("Failed to parse JSON path \"{}\"", path));
  return parsed;
}

}  // namespace ledgerline::patch
