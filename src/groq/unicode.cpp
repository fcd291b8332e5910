#include "groq/unicode.h"

#include "groq/values.h"

namespace ledgerline::groq {
namespace {

// A range where upper and lower case letters alternate (upper at even offsets from `first`).
struct Alternating {
  char32_t first, last;
};
constexpr Alternating kAlternating[] = {
    {0x0100, 0x012F}, {0x0132, 0x0137}, {0x0139, 0x0148}, {0x014A, 0x0177}, {0x0179, 0x017E},
    {0x0182, 0x0185}, {0x01A0, 0x01A5}, {0x01CD, 0x01DC}, {0x01DE, 0x01EF}, {0x01F8, 0x021F},
    {0x0222, 0x0233}, {0x0246, 0x024F}, {0x03D8, 0x03EF}, {0x0460, 0x0481}, {0x048A, 0x04BF},
    {0x04C1, 0x04CE}, {0x04D0, 0x052F}, {0x1E00, 0x1E95}, {0x1EA0, 0x1EFF}, {0x2C80, 0x2CE3},
    {0xA640, 0xA66D}, {0xA680, 0xA69B}, {0xA722, 0xA72F}, {0xA732, 0xA76F}, {0xA779, 0xA77C},
};

// A range of upper case letters whose lower case forms are `delta` above.
struct Shifted {
  char32_t first, last;
  int delta;
};
constexpr Shifted kShifted[] = {
    {0x0041, 0x005A, 32}, {0x00C0, 0x00D6, 32},   {0x00D8, 0x00DE, 32}, {0x0388, 0x038A, 37},
    {0x0391, 0x03A1, 32}, {0x03A3, 0x03AB, 32},   {0x0400, 0x040F, 80}, {0x0410, 0x042F, 32},
    {0x0531, 0x0556, 48}, {0x10A0, 0x10C5, 7264}, {0x1F08, 0x1F0F, -8}, {0x1F18, 0x1F1D, -8},
    {0x1F28, 0x1F2F, -8}, {0x1F38, 0x1F3F, -8},   {0x1F48, 0x1F4D, -8}, {0x1F68, 0x1F6F, -8},
    {0x2160, 0x216F, 16}, {0x24B6, 0x24CF, 26},   {0xFF21, 0xFF3A, 32}, {0x10400, 0x10427, 40},
};

// Pairs outside the regular ranges: {upper, lower}.
constexpr char32_t kPairs[][2] = {
    {0x0178, 0x00FF}, {0x0386, 0x03AC}, {0x038C, 0x03CC}, {0x038E, 0x03CD}, {0x038F, 0x03CE},
    {0x0130, 0x0069}, {0x1E9E, 0x00DF}, {0x0187, 0x0188}, {0x018B, 0x018C}, {0x0191, 0x0192},
    {0x0198, 0x0199}, {0x01A7, 0x01A8}, {0x01AC, 0x01AD}, {0x01AF, 0x01B0}, {0x01B3, 0x01B4},
    {0x01B5, 0x01B6}, {0x01B8, 0x01B9}, {0x01BC, 0x01BD}, {0x01C4, 0x01C6}, {0x01C7, 0x01C9},
    {0x01CA, 0x01CC}, {0x01F1, 0x01F3}, {0x04C0, 0x04CF},
};

// Lower case letters whose upper case form is not the inverse of a rule above.
constexpr char32_t kUpperOnly[][2] = {
    {0x00B5, 0x039C}, {0x0131, 0x0049}, {0x017F, 0x0053}, {0x03C2, 0x03A3},
    {0x01C5, 0x01C4}, {0x01C8, 0x01C7}, {0x01CB, 0x01CA}, {0x01F2, 0x01F1},
};

}  // namespace

char32_t to_lower_cp(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
  for (const Shifted& r : kShifted)
    if (c >= r.first && c <= r.last) return static_cast<char32_t>(static_cast<int>(c) + r.delta);
  for (const Alternating& r : kAlternating)
    if (c >= r.first && c <= r.last) return (c - r.first) % 2 == 0 ? c + 1 : c;
  for (const auto& p : kPairs)
    if (c == p[0]) return p[1];
  if (c == 0x01C5 || c == 0x01C8 || c == 0x01CB || c == 0x01F2) return c + 1;
  return c;
}

char32_t to_upper_cp(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z' ? c - 32 : c;
  for (const auto& p : kUpperOnly)
    if (c == p[0]) return p[1];
  for (const Shifted& r : kShifted) {
    char32_t lo = static_cast<char32_t>(static_cast<int>(r.first) + r.delta);
    char32_t hi = static_cast<char32_t>(static_cast<int>(r.last) + r.delta);
    if (c >= lo && c <= hi) return static_cast<char32_t>(static_cast<int>(c) - r.delta);
  }
  for (const Alternating& r : kAlternating)
    if (c >= r.first && c <= r.last) return (c - r.first) % 2 == 1 ? c - 1 : c;
  for (const auto& p : kPairs)
    if (c == p[1] && p[1] != 0x0069 && p[1] != 0x00DF) return p[0];
  return c;
}

namespace {

template <class Map>
std::string map_string(std::string_view s, Map map) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) append_utf8(out, map(decode_utf8(s, i)));
  return out;
}

}  // namespace

std::string to_upper(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = decode_utf8(s, i);
    if (c == 0x00DF) {
      out += "SS";  // the one full mapping JavaScript applies to common text
    } else {
      append_utf8(out, to_upper_cp(c));
    }
  }
  return out;
}

std::string to_lower(std::string_view s) {
  return map_string(s, to_lower_cp);
}

}  // namespace ledgerline::groq
