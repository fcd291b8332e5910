// compare_js: JavaScript `===`, `!==`, `<`, `<=`, `>`, `>=` between a document value and a path
// literal, as @sanity/mutator evaluates constraints such as `[price >= 10]`.
#include <cmath>
#include <cstdlib>
#include <string>

#include "patch/diff_match_patch.h"
#include "patch/path_matcher.h"
#include "util/text.h"

namespace ledgerline::patch {
namespace {

bool is_js_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// JS StringToNumber for the common syntaxes (decimal, exponent, 0x/0o/0b, Infinity).
double string_to_number(std::string_view s) {
  while (!s.empty() && is_js_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_js_space(s.back())) s.remove_suffix(1);
  if (s.empty()) return 0;
  if (s.size() > 2 && s[0] == '0' &&
      (s[1] == 'x' || s[1] == 'X' || s[1] == 'o' || s[1] == 'O' || s[1] == 'b' || s[1] == 'B')) {
    int base = (s[1] == 'x' || s[1] == 'X') ? 16 : (s[1] == 'o' || s[1] == 'O') ? 8 : 2;
    double n = 0;
    for (char c : s.substr(2)) {
      int digit = hex_digit_value(static_cast<unsigned char>(c));
      if (digit < 0) return NAN;
      if (digit >= base) return NAN;
      n = n * base + digit;
    }
    return n;
  }
  std::string_view body = s;
  bool negative = false;
  if (body[0] == '+' || body[0] == '-') negative = body[0] == '-', body.remove_prefix(1);
  if (body == "Infinity") return negative ? -INFINITY : INFINITY;
  // Validate the decimal literal grammar before strtod (which also accepts "inf", hex, ...).
  std::size_t i = 0, digits = 0;
  while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++digits;
  if (i < body.size() && body[i] == '.') {
    ++i;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return NAN;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    ++i;
    if (i < body.size() && (body[i] == '+' || body[i] == '-')) ++i;
    std::size_t exp_digits = 0;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++exp_digits;
    if (exp_digits == 0) return NAN;
  }
  if (i != body.size()) return NAN;
  std::string text(s);
  return std::strtod(text.c_str(), nullptr);
}

double to_number(const Value& v) {
  switch (v.kind()) {
    case Kind::Null:
      return 0;
    case Kind::Bool:
      return v.as_bool() ? 1 : 0;
    case Kind::Number:
      return v.as_number();
    case Kind::String:
      return string_to_number(v.as_string());
    default:
      return NAN;
  }
}

Value literal_value(const PathExpr& rhs) {
  switch (rhs.type) {
    case PathExpr::Type::kString:
      return Value::string(rhs.name);
    case PathExpr::Type::kBoolean:
      return Value::boolean(rhs.boolean);
    case PathExpr::Type::kNumber:
      return Value::number(rhs.number);
    default:
      return Value();
  }
}

bool strict_equal(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  if (a.is_number()) return a.as_number() == b.as_number();
  return a == b;
}

}  // namespace

bool compare_js(const Value& lhs, const std::string& op, const PathExpr& rhs_expr) {
  const Value rhs = literal_value(rhs_expr);
  if (op == "==") return strict_equal(lhs, rhs);
  if (op == "!=") return !strict_equal(lhs, rhs);
  int order;  // -1, 0, 1; NaN comparisons are always false
  if (lhs.is_string() && rhs.is_string()) {
    auto a = dmp::utf8_to_utf16(lhs.as_string()), b = dmp::utf8_to_utf16(rhs.as_string());
    int c = a.compare(b);
    order = c < 0 ? -1 : c > 0 ? 1 : 0;
  } else {
    double a = to_number(lhs), b = to_number(rhs);
    if (std::isnan(a) || std::isnan(b)) return false;
    order = a < b ? -1 : a > b ? 1 : 0;
  }
  if (op == "<") return order < 0;
  if (op == "<=") return order <= 0;
  if (op == ">") return order > 0;
  if (op == ">=") return order >= 0;
  return false;
}

}  // namespace ledgerline::patch
