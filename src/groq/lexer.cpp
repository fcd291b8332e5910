#include "groq/lexer.h"

#include "groq/values.h"

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

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

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
  auto next = [&](int k) { return pos + k < n ? text_[pos + k] : '\0'; };
  auto one = [&](Tok t) { return make(t, pos, pos + 1); };
  auto two = [&](Tok t) { return make(t, pos, pos + 2); };
  if (is_ident_start(c)) {
    int end = pos + 1;
    while (end < n && is_ident_char(text_[end])) ++end;
    return make(Tok::Ident, pos, end, std::string(text_.substr(pos, end - pos)));
  }
  if (is_digit(c)) return scan_number(pos);
  switch (c) {
    case '"':
    case '\'':
      return scan_string(pos);
    case '$': {
      int end = pos + 1;
      if (end < n && is_ident_start(text_[end])) {
        while (end < n && is_ident_char(text_[end])) ++end;
        return make(Tok::Param, pos, end, std::string(text_.substr(pos + 1, end - pos - 1)));
      }
      return make(Tok::Error, pos, pos + 1, "expected a parameter name after \"$\"");
    }
    case '*':
      return next(1) == '*' ? two(Tok::StarStar) : one(Tok::Star);
    case '.':
      if (next(1) == '.')
        return next(2) == '.' ? make(Tok::DotDotDot, pos, pos + 3) : two(Tok::DotDot);
      return one(Tok::Dot);
    case '-':
      return next(1) == '>' ? two(Tok::Arrow) : one(Tok::Minus);
    case '[':
      return one(Tok::LBracket);
    case ']':
      return one(Tok::RBracket);
    case '{':
      return one(Tok::LBrace);
    case '}':
      return one(Tok::RBrace);
    case '(':
      return one(Tok::LParen);
    case ')':
      return one(Tok::RParen);
    case ',':
      return one(Tok::Comma);
    case ':':
      return next(1) == ':' ? two(Tok::ColonColon) : one(Tok::Colon);
    case ';':
      return one(Tok::Semicolon);
    case '|':
      return next(1) == '|' ? two(Tok::PipePipe) : one(Tok::Pipe);
    case '&':
      if (next(1) == '&') return two(Tok::AmpAmp);
      break;
    case '!':
      return next(1) == '=' ? two(Tok::BangEq) : one(Tok::Bang);
    case '=':
      if (next(1) == '=') return two(Tok::EqEq);
      if (next(1) == '>') return two(Tok::FatArrow);
      return one(Tok::Assign);
    case '<':
      return next(1) == '=' ? two(Tok::Lte) : one(Tok::Lt);
    case '>':
      return next(1) == '=' ? two(Tok::Gte) : one(Tok::Gt);
    case '+':
      return one(Tok::Plus);
    case '/':
      return one(Tok::Slash);
    case '%':
      return one(Tok::Percent);
    case '@':
      return one(Tok::At);
    case '^':
      return one(Tok::Caret);
    default:
      break;
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
  int i = pos + 1;
  char32_t pending_high = 0;  // a high surrogate waiting for its low half
  auto flush_high = [&] {
    if (pending_high) append_utf8(value, 0xFFFD);
    pending_high = 0;
  };
  while (true) {
    if (i >= n) return make(Tok::Error, pos, n, "unterminated string");
    char c = text_[i];
    if (c == quote) break;
    if (c != '\\') {
      flush_high();
      value += c;
      ++i;
      continue;
    }
    if (i + 1 >= n) return make(Tok::Error, pos, n, "unterminated string");
    char e = text_[i + 1];
    i += 2;
    char simple = 0;
    switch (e) {
      case '\'':
      case '"':
      case '\\':
      case '/':
        simple = e;
        break;
      case 'b':
        simple = '\b';
        break;
      case 'f':
        simple = '\f';
        break;
      case 'n':
        simple = '\n';
        break;
      case 'r':
        simple = '\r';
        break;
      case 't':
        simple = '\t';
        break;
      case 'u': {
        char32_t cp = 0;
        if (i < n && text_[i] == '{') {
          int j = i + 1;
          while (j < n && text_[j] != '}' && j - i <= 7) {
            int h = hex_value(text_[j]);
            if (h < 0) return make(Tok::Error, i - 2, j + 1, "invalid unicode escape");
            cp = cp * 16 + static_cast<char32_t>(h);
            ++j;
          }
          if (j >= n || text_[j] != '}' || j == i + 1 || cp > 0x10FFFF)
            return make(Tok::Error, i - 2, j, "invalid unicode escape");
          i = j + 1;
        } else {
          for (int k = 0; k < 4; ++k) {
            int h = i + k < n ? hex_value(text_[i + k]) : -1;
            if (h < 0) return make(Tok::Error, i - 2, i + k, "invalid unicode escape");
            cp = cp * 16 + static_cast<char32_t>(h);
          }
          i += 4;
        }
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          flush_high();
          pending_high = cp;
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          if (pending_high) {
            append_utf8(value, 0x10000 + ((pending_high - 0xD800) << 10) + (cp - 0xDC00));
            pending_high = 0;
          } else {
            append_utf8(value, 0xFFFD);
          }
        } else {
          flush_high();
          append_utf8(value, cp);
        }
        continue;
      }
      default:
        return make(Tok::Error, i - 2, i, "invalid escape sequence");
    }
    flush_high();
    value += simple;
  }
  flush_high();
  return make(Tok::String, pos, i + 1, std::move(value));
}

}  // namespace ledgerline::groq
