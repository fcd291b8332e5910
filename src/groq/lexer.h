// GROQ tokens: identifiers, numbers, strings (escapes decoded), parameters and punctuation,
// with their character offsets. Whitespace and `//` comments are skipped.
#pragma once

#include <cstdint>
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
  Token scan_string(int pos) const;
  Token scan_number(int pos) const;
  std::string_view text_;
};

}  // namespace ledgerline::groq
