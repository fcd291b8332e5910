// Small text primitives shared by every layer that reads or writes escapes: one UTF-8 encoder
// and one hexadecimal digit parser.
#pragma once

#include <string>

namespace ledgerline {

// Appends the UTF-8 encoding of code point `cp` (1 to 4 bytes). The caller passes a valid
// code point (lone surrogates are the caller's to replace with U+FFFD).
void append_utf8(std::string& out, char32_t cp);

// The value of a hexadecimal digit (0-9, a-f, A-F), or -1 for any other character.
constexpr int hex_digit_value(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
  return -1;
}

}  // namespace ledgerline
