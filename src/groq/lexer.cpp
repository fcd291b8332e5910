#include "groq/lexer.h"

#include <optional>

#include "groq/values.h"
#include "util/text.h"

namespace ledgerline::groq {
namespace {

bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_ident_char(char c) {
  return is_ident_start(c) || (c >= '0' && c <= '9');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

Token make(Tok type, int start, int end, std::string text = {}) {
  return Token{type, start, end, std::move(text)};
}

// Operators and punctuation, each longer spelling before the shorter ones it starts with.
struct Punctuation {
  std::string_view text;
  Tok type;
};
constexpr Punctuation kPunctuation[] = {
    {"...", Tok::DotDotDot}, {"..", Tok::DotDot},   {".", Tok::Dot},      {"**", Tok::StarStar},
    {"*", Tok::Star},        {"->", Tok::Arrow},    {"-", Tok::Minus},    {"::", Tok::ColonColon},
    {":", Tok::Colon},       {"||", Tok::PipePipe}, {"|", Tok::Pipe},     {"&&", Tok::AmpAmp},
    {"!=", Tok::BangEq},     {"!", Tok::Bang},      {"==", Tok::EqEq},    {"=>", Tok::FatArrow},
    {"=", Tok::Assign},      {"<=", Tok::Lte},      {"<", Tok::Lt},       {">=", Tok::Gte},
    {">", Tok::Gt},          {"[", Tok::LBracket},  {"]", Tok::RBracket}, {"{", Tok::LBrace},
    {"}", Tok::RBrace},      {"(", Tok::LParen},    {")", Tok::RParen},   {",", Tok::Comma},
    {";", Tok::Semicolon},   {"+", Tok::Plus},      {"/", Tok::Slash},    {"%", Tok::Percent},
    {"@", Tok::At},          {"^", Tok::Caret},
};

// The character a one-letter escape stands for (\n, \", ...), or 0 for an invalid escape.
char simple_escape(char e) {
  switch (e) {
    case '\'':
    case '"':
    case '\\':
    case '/':
      return e;
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    default:
      return 0;
  }
}

// Appends \u escapes as UTF-8, joining a high and a low surrogate into one code point; a lone
// surrogate becomes U+FFFD.
struct Utf16Joiner {
  std::string& out;
  char32_t pending_high = 0;  // a high surrogate waiting for its low half

  void flush() {
    if (pending_high) append_utf8(out, 0xFFFD);
    pending_high = 0;
  }
  void add(char32_t unit) {
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      flush();
      pending_high = unit;
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
      append_utf8(
          out, pending_high ? 0x10000 + ((pending_high - 0xD800) << 10) + (unit - 0xDC00) : 0xFFFD);
      pending_high = 0;
    } else {
      flush();
      append_utf8(out, unit);
    }
  }
};

}  // namespace

int Lexer::skip_space(int pos) const {
  const int n = static_cast<int>(text_.size());
  while (pos < n) {
    unsigned char c = static_cast<unsigned char>(text_[pos]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r') {
      ++pos;
    } else if (c == 0xC2 && pos + 1 < n &&
               (static_cast<unsigned char>(text_[pos + 1]) == 0x85 ||
                static_cast<unsigned char>(text_[pos + 1]) == 0xA0)) {
      pos += 2;  // U+0085, U+00A0
    } else if (c == '/' && pos + 1 < n && text_[pos + 1] == '/') {
      while (pos < n && text_[pos] != '\n') ++pos;
    } else {
      break;
    }
  }
  return pos;
}

Token Lexer::scan(int pos) const {
  pos = skip_space(pos);
  const int n = static_cast<int>(text_.size());
  if (pos >= n) return make(Tok::End, n, n);
  const char c = text_[pos];
  if (is_ident_start(c)) return scan_identifier(pos);
  if (is_digit(c)) return scan_number(pos);
  if (c == '"' || c == '\'') return scan_string(pos);
  if (c == '$') return scan_parameter(pos);
  return scan_punctuation(pos);
}

Token Lexer::scan_identifier(int pos) const {
  const int n = static_cast<int>(text_.size());
  int end = pos + 1;
  while (end < n && is_ident_char(text_[end])) ++end;
  return make(Tok::Ident, pos, end, std::string(text_.substr(pos, end - pos)));
}

Token Lexer::scan_parameter(int pos) const {
  const int n = static_cast<int>(text_.size());
  int end = pos + 1;
  if (end >= n || !is_ident_start(text_[end])) {
    return make(Tok::Error, pos, pos + 1, "expected a parameter name after \"$\"");
  }
  while (end < n && is_ident_char(text_[end])) ++end;
  return make(Tok::Param, pos, end, std::string(text_.substr(pos + 1, end - pos - 1)));
}

Token Lexer::scan_punctuation(int pos) const {
  std::string_view rest = text_.substr(static_cast<std::size_t>(pos));
  for (const Punctuation& p : kPunctuation) {
    if (rest.starts_with(p.text)) {
      return make(p.type, pos, pos + static_cast<int>(p.text.size()));
    }
  }
  std::size_t i = static_cast<std::size_t>(pos);
  decode_utf8(text_, i);
  return make(Tok::Error, pos, static_cast<int>(i), "unexpected character");
}

Token Lexer::scan_number(int pos) const {
  const int n = static_cast<int>(text_.size());
  int end = pos;
  while (end < n && is_digit(text_[end])) ++end;
  Tok type = Tok::Integer;
  if (end + 1 < n && text_[end] == '.' && is_digit(text_[end + 1])) {
    type = Tok::Float;
    ++end;
    while (end < n && is_digit(text_[end])) ++end;
  }
  if (end < n && (text_[end] == 'e' || text_[end] == 'E')) {
    type = Tok::Float;
    ++end;
    if (end < n && (text_[end] == '+' || text_[end] == '-')) ++end;
    if (end >= n || !is_digit(text_[end]))
      return make(Tok::Error, end, end + 1, "exponent must be a number");
    while (end < n && is_digit(text_[end])) ++end;
  }
  return make(type, pos, end, std::string(text_.substr(pos, end - pos)));
}

Token Lexer::scan_string(int pos) const {
  const int n = static_cast<int>(text_.size());
  const char quote = text_[pos];
  std::string value;
  Utf16Joiner joiner{value};
  int i = pos + 1;
  while (true) {
    if (i >= n) return make(Tok::Error, pos, n, "unterminated string");
    char c = text_[i];
    if (c == quote) break;
    if (c != '\\') {
      joiner.flush();
      value += c;
      ++i;
      continue;
    }
    if (i + 1 >= n) return make(Tok::Error, pos, n, "unterminated string");
    char e = text_[i + 1];
    i += 2;
    if (e == 'u') {
      char32_t unit = 0;
      if (std::optional<Token> error = scan_unicode_escape(i, unit)) return std::move(*error);
      joiner.add(unit);
    } else if (char simple = simple_escape(e)) {
      joiner.flush();
      value += simple;
    } else {
      return make(Tok::Error, i - 2, i, "invalid escape sequence");
    }
  }
  joiner.flush();
  return make(Tok::String, pos, i + 1, std::move(value));
}

std::optional<Token> Lexer::scan_unicode_escape(int& i, char32_t& unit) const {
  const int n = static_cast<int>(text_.size());
  unit = 0;
  if (i < n && text_[i] == '{') {  // \u{1F600}
    int j = i + 1;
    while (j < n && text_[j] != '}' && j - i <= 7) {
      int h = hex_digit_value(text_[j]);
      if (h < 0) return make(Tok::Error, i - 2, j + 1, "invalid unicode escape");
      unit = unit * 16 + static_cast<char32_t>(h);
      ++j;
    }
    if (j >= n || text_[j] != '}' || j == i + 1 || unit > 0x10FFFF)
      return make(Tok::Error, i - 2, j, "invalid unicode escape");
    i = j + 1;
    return std::nullopt;
  }
  for (int k = 0; k < 4; ++k) {  // \uXXXX
    int h = i + k < n ? hex_digit_value(text_[i + k]) : -1;
    if (h < 0) return make(Tok::Error, i - 2, i + k, "invalid unicode escape");
    unit = unit * 16 + static_cast<char32_t>(h);
  }
  i += 4;
  return std::nullopt;
}

}  // namespace ledgerline::groq
