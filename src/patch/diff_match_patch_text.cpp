// UTF-8 <-> UTF-16 conversion and JavaScript decodeURI, as the DMP port needs them.
#include <string_view>

#include "patch/diff_match_patch.h"
#include "util/text.h"

namespace ledgerline::patch::dmp {
namespace {

bool is_high(char16_t c) {
  return c >= 0xD800 && c <= 0xDBFF;
}
bool is_low(char16_t c) {
  return c >= 0xDC00 && c <= 0xDFFF;
}

void append_utf16(Text& out, std::uint32_t cp) {
  if (cp >= 0x10000) {
    cp -= 0x10000;
    out += static_cast<char16_t>(0xD800 + (cp >> 10));
    out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
  } else {
    out += static_cast<char16_t>(cp);
  }
}

// Reads "%XX" at `at`; -1 when it is not a well-formed escape.
int escaped_byte(TextView s, std::size_t at) {
  if (at + 2 >= s.size() || s[at] != u'%') return -1;
  int hi = hex_digit_value(s[at + 1]), lo = hex_digit_value(s[at + 2]);
  if (hi < 0 || lo < 0) return -1;
  return hi * 16 + lo;
}

}  // namespace

Text utf8_to_utf16(std::string_view utf8) {
  Text out;
  out.reserve(utf8.size());
  std::size_t i = 0;
  while (i < utf8.size()) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    std::uint32_t cp = 0xFFFD;
    std::size_t extra = 0;
    if (c < 0x80) {
      cp = c;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F, extra = 1;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F, extra = 2;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07, extra = 3;
    }
    bool ok = c < 0x80 || extra > 0;
    for (std::size_t k = 1; ok && k <= extra; ++k) {
      if (i + k >= utf8.size() || (static_cast<unsigned char>(utf8[i + k]) & 0xC0) != 0x80) {
        ok = false;
      } else {
        cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
      }
    }
    if (!ok || cp > 0x10FFFF) {
      out += u'\uFFFD';
      ++i;
      continue;
    }
    append_utf16(out, cp);
    i += extra + 1;
  }
  return out;
}

std::string utf16_to_utf8(TextView s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char16_t c = s[i];
    if (is_high(c) && i + 1 < s.size() && is_low(s[i + 1])) {
      append_utf8(out, 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00));
      ++i;
    } else if (is_high(c) || is_low(c)) {
      append_utf8(out, 0xFFFD);
    } else {
      append_utf8(out, c);
    }
  }
  return out;
}

std::int64_t count_utf8_bytes(TextView s) {
  std::int64_t bytes = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char16_t c = s[i];
    if (is_high(c) && i + 1 < s.size() && is_low(s[i + 1])) {
      bytes += 4;
      ++i;
    } else if (c < 0x80) {
      bytes += 1;
    } else if (c < 0x800) {
      bytes += 2;
    } else {
      bytes += 3;
    }
  }
  return bytes;
}

bool decode_uri(TextView s, Text& out) {
  static constexpr std::u16string_view kReserved = u";/?:@&=+$,#";
  out.clear();
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] != u'%') {
      out += s[i++];
      continue;
    }
    int b = escaped_byte(s, i);
    if (b < 0) return false;
    if (b < 0x80) {
      if (kReserved.find(static_cast<char16_t>(b)) != TextView::npos) {
        out.append(s.substr(i, 3));
      } else {
        out += static_cast<char16_t>(b);
      }
      i += 3;
      continue;
    }
    int n = 0;
    while (n < 8 && (b & (0x80 >> n))) ++n;
    if (n == 1 || n > 4) return false;
    std::uint32_t cp = static_cast<std::uint32_t>(b) & (0xFFu >> (n + 1));
    std::size_t at = i + 3;
    for (int k = 1; k < n; ++k, at += 3) {
      int cont = escaped_byte(s, at);
      if (cont < 0 || (cont & 0xC0) != 0x80) return false;
      cp = (cp << 6) | static_cast<std::uint32_t>(cont & 0x3F);
    }
    static constexpr std::uint32_t kMinForLength[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    append_utf16(out, cp);
    i = at;
  }
  return true;
}

}  // namespace ledgerline::patch::dmp
