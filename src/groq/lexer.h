// GROQ tokens: identifiers, numbers, strings (escapes decoded), parameters and punctuation,
// with their character offsets. Whitespace and `//` comments are skipped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ledgerline::groq {

enum class Tok : std::uint8_t {
  End,
  Error,  // text holds the message
  Ident,
  Integer,
  Float,
  String,  // text holds the decoded value
  Param,   // text holds the name without `$`
  Star,
  StarStar,
  Dot,
  DotDot,
  DotDotDot,
  Arrow,  // ->
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  LParen,
  RParen,
  Comma,
  Colon,
  ColonColon,
  Semicolon,
  Pipe,
  PipePipe,
  AmpAmp,
  Bang,
  BangEq,
  Assign,  // =
  EqEq,
  FatArrow,  // =>
  Lt,
  Lte,
  Gt,
  Gte,
  Plus,
  Minus,
  Slash,
  Percent,
  At,
  Caret,
};

struct Token {
  Tok type = Tok::End;
  int start = 0;  // offsets into the query text, end exclusive
  int end = 0;
  std::string text;  // identifier, number text, decoded string, parameter name, error
};

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}
  // The token starting at or after `pos` (whitespace and comments skipped).
  Token scan(int pos) const;
  std::string_view text() const { return text_; }

 private:
  int skip_space(int pos) const;
  Token scan_identifier(int pos) const;
  Token scan_parameter(int pos) const;    // $name
  Token scan_punctuation(int pos) const;  // operators and brackets; Error for anything else
  Token scan_string(int pos) const;
  // After `\u` at i: reads XXXX or {X...} into `unit` and moves i past it; an Error token when
  // malformed.
  std::optional<Token> scan_unicode_escape(int& i, char32_t& unit) const;
  Token scan_number(int pos) const;
  std::string_view text_;
};

}  // namespace ledgerline::groq
