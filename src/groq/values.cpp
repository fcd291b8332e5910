#include "groq/values.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <vector>

#include "groq/datetime.h"

namespace ledgerline::groq {
namespace {

// Control characters make these keys impossible to confuse with document attributes.
const Key& datetime_key() {
  static const Key key = Key::intern("\x01groq:datetime");
  return key;
}
const Key& path_key() {
  static const Key key = Key::intern("\x01groq:path");
  return key;
}

Value normalize(const Value& v, bool& changed) {
  switch (type_of(v)) {
    case Type::DateTime:
      changed = true;
      return Value::string(format_datetime(datetime_ms(v)));
    case Type::Path:
      changed = true;
      return Value::string(path_pattern(v));
    case Type::Array: {
      auto items = v.as_array();
      std::vector<Value> out;
      bool any = false;
      for (std::size_t i = 0; i < items.size(); ++i) {
        bool item_changed = false;
        Value item = normalize(items[i], item_changed);
        if (item_changed && !any) {
          any = true;
          out.reserve(items.size());
          out.assign(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(i));
        }
        if (any) out.push_back(std::move(item));
      }
      if (!any) return v;
      changed = true;
      return Value::array(std::move(out));
    }
    case Type::Object: {
      Value result = v;
      for (const Member& m : v.as_object()) {
        bool member_changed = false;
        Value member = normalize(m.value, member_changed);
        if (member_changed) {
          result = result.with(m.key, std::move(member));
          changed = true;
        }
      }
      return result;
    }
    default:
      return v;
  }
}

}  // namespace

Type object_type(const Value& v) {
  auto members = v.as_object();
  if (members.size() == 1) {
    if (members[0].key == datetime_key()) return Type::DateTime;
    if (members[0].key == path_key()) return Type::Path;
  }
  return Type::Object;
}

Value make_datetime(double epoch_ms) {
  return Value::object({Member{datetime_key(), Value::number(epoch_ms)}});
}

double datetime_ms(const Value& v) {
  return v.as_object()[0].value.as_number();
}

Value make_path(std::string_view pattern) {
  return Value::object({Member{path_key(), Value::string(pattern)}});
}

std::string_view path_pattern(const Value& v) {
  return v.as_object()[0].value.as_string();
}

Value to_json_value(const Value& v) {
  bool changed = false;
  return normalize(v, changed);
}

bool equal(const Value& a, const Value& b) {
  Type ta = type_of(a);
  if (ta != type_of(b)) return false;
  switch (ta) {
    case Type::Null:
      return true;
    case Type::Boolean:
      return a.as_bool() == b.as_bool();
    case Type::Number:
      return a.as_number() == b.as_number();
    case Type::String:
      return a.as_string() == b.as_string();
    case Type::DateTime:
      return datetime_ms(a) == datetime_ms(b);
    default:
      return false;
  }
}

int compare_strings(std::string_view a, std::string_view b) {
  std::size_t n = std::min(a.size(), b.size());
  std::size_t i = 0;
  while (i < n && a[i] == b[i]) ++i;
  if (i == n) return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
  // Back up to the start of the differing character (both share the prefix).
  while (i > 0 && (static_cast<unsigned char>(a[i]) & 0xC0) == 0x80) --i;
  std::size_t ia = i, ib = i;
  char32_t ca = decode_utf8(a, ia), cb = decode_utf8(b, ib);
  // UTF-16 order: supplementary characters sort as their surrogates (0xD800..0xDFFF).
  auto unit = [](char32_t c) -> std::uint32_t {
    return c >= 0x10000 ? 0xD800 + ((c - 0x10000) >> 10) : c;
  };
  std::uint32_t ua = unit(ca), ub = unit(cb);
  if (ua != ub) return ua < ub ? -1 : 1;
  return ca < cb ? -1 : (ca > cb ? 1 : 0);
}

std::optional<int> partial_compare(const Value& a, const Value& b) {
  Type ta = type_of(a);
  if (ta != type_of(b)) return std::nullopt;
  switch (ta) {
    case Type::Number: {
      double x = a.as_number(), y = b.as_number();
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case Type::Boolean:
      return static_cast<int>(a.as_bool()) - static_cast<int>(b.as_bool());
    case Type::String:
      return compare_strings(a.as_string(), b.as_string());
    case Type::DateTime: {
      double x = datetime_ms(a), y = datetime_ms(b);
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    default:
      return std::nullopt;
  }
}

int total_compare(const Value& a, const Value& b) {
  auto rank = [](Type t) {
    switch (t) {
      case Type::DateTime:
        return 1;
      case Type::Number:
        return 2;
      case Type::String:
        return 3;
      case Type::Boolean:
        return 4;
      default:
        return 100;
    }
  };
  int ra = rank(type_of(a)), rb = rank(type_of(b));
  if (ra != rb) return ra < rb ? -1 : 1;
  return partial_compare(a, b).value_or(0);
}

std::string js_number_string(double x) {
  if (std::isnan(x)) return "NaN";
  if (x == 0) return "0";
  if (std::isinf(x)) return x < 0 ? "-Infinity" : "Infinity";
  std::string out;
  if (x < 0) {
    out += '-';
    x = -x;
  }
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(r.ptr - buf));
  std::size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e))
    if (c != '.') digits += c;
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  int exponent = std::atoi(std::string(sci.substr(e + 1)).c_str());
  int k = static_cast<int>(digits.size());
  int n = exponent + 1;
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out.append(digits, 0, static_cast<std::size_t>(n));
    out += '.';
    out.append(digits, static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out.append(digits, 1);
    }
    out += n - 1 >= 0 ? "e+" : "e-";
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

Value number_or_null(double n) {
  return std::isfinite(n) ? Value::number(n) : Value();
}

std::optional<std::string> primitive_string(const Value& v) {
  switch (type_of(v)) {
    case Type::Number:
      return js_number_string(v.as_number());
    case Type::String:
      return std::string(v.as_string());
    case Type::Boolean:
      return std::string(v.as_bool() ? "true" : "false");
    case Type::DateTime:
      return format_datetime(datetime_ms(v));
    default:
      return std::nullopt;
  }
}

char32_t decode_utf8(std::string_view s, std::size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
  if (extra < 0 || (extra > 0 && i + static_cast<std::size_t>(extra) >= s.size())) {
    ++i;
    return extra == 0 ? c : 0xFFFD;
  }
  char32_t cp = extra == 0 ? c : (c & (0x3F >> extra));
  for (int k = 1; k <= extra; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += static_cast<std::size_t>(extra) + 1;
  return cp;
}

std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace ledgerline::groq
