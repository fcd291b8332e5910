// The one Boost.JSON SAX handler that builds Values straight from JSON text (no DOM in
// between). `Make` decides how strings and objects become Values: PlainValues makes each anew,
// the NDJSON dataset loader shares equal ones between documents. Include only where a
// boost::json::basic_parser is instantiated (util/json.cpp, groq/ndjson.cpp): it is heavy.
#pragma once

#include <boost/json/basic_parser.hpp>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "util/value.h"

namespace ledgerline {

// Makes every string and object a new Value.
struct PlainValues {
  Value string(std::string_view text, Key /*owner*/) { return Value::string(text); }
  Value object(std::vector<Member> members, Key /*owner*/) {
    return Value::object(std::move(members));
  }
};

// Handler for boost::json::basic_parser. After a complete document, `values` holds exactly one
// Value. `owner` passed to Make is the key the value sits under (empty at the top level).
template <class Make>
struct JsonSaxHandler {
  using error_code = boost::system::error_code;
  using string_view = boost::json::string_view;
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  Make make;
  std::vector<Value> values;
  std::vector<Key> keys;
  std::string buffer;  // a string, key or number that arrives in parts

  Key owner() const { return keys.empty() ? Key() : keys.back(); }

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_array_begin(error_code&) { return true; }
  bool on_array_end(std::size_t n, error_code&) {
    std::vector<Value> items(std::make_move_iterator(values.end() - static_cast<long>(n)),
                             std::make_move_iterator(values.end()));
    values.resize(values.size() - n);
    values.push_back(Value::array(std::move(items)));
    return true;
  }
  bool on_object_begin(error_code&) { return true; }
  bool on_object_end(std::size_t n, error_code&) {
    std::vector<Member> members;
    members.reserve(n);
    std::size_t vbase = values.size() - n, kbase = keys.size() - n;
    for (std::size_t i = 0; i < n; ++i)
      members.push_back(Member{keys[kbase + i], std::move(values[vbase + i])});
    values.resize(vbase);
    keys.resize(kbase);
    values.push_back(make.object(std::move(members), owner()));
    return true;
  }
  bool on_string_part(string_view s, std::size_t, error_code&) {
    buffer.append(s.data(), s.size());
    return true;
  }
  bool on_string(string_view s, std::size_t, error_code&) {
    values.push_back(make.string(whole(s), owner()));
    buffer.clear();
    return true;
  }
  bool on_key_part(string_view s, std::size_t, error_code&) {
    buffer.append(s.data(), s.size());
    return true;
  }
  bool on_key(string_view s, std::size_t, error_code&) {
    keys.push_back(Key::intern(whole(s)));
    buffer.clear();
    return true;
  }
  bool on_number_part(string_view s, error_code&) {
    buffer.append(s.data(), s.size());
    return true;
  }
  bool on_int64(std::int64_t i, string_view, error_code&) {
    values.push_back(Value::number(static_cast<double>(i)));
    buffer.clear();
    return true;
  }
  bool on_uint64(std::uint64_t u, string_view, error_code&) {
    values.push_back(Value::number(static_cast<double>(u)));
    buffer.clear();
    return true;
  }
  bool on_double(double d, string_view s, error_code& ec) {
    // Boost.JSON 1.81 turns a number beyond double's range (1e400) into infinity, which JSON
    // cannot write back (it would come out as null): refuse it like any other malformed number.
    if (!std::isfinite(d)) {
      ec = boost::json::error::exponent_overflow;
      return false;
    }
    // Its fast conversion can also be one unit in the last place off (-1111111111111111111111),
    // so what it writes back reads as another number; from_chars rounds correctly. Underflow
    // (1e-400) keeps Boost's value, 0 or a subnormal.
    const std::string_view text = whole(s);
    double exact = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), exact);
    if (error == std::errc() && end == text.data() + text.size()) d = exact;
    values.push_back(Value::number(d));
    buffer.clear();
    return true;
  }
  bool on_bool(bool b, error_code&) {
    values.push_back(Value::boolean(b));
    return true;
  }
  bool on_null(error_code&) {
    values.push_back(Value());
    return true;
  }
  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }

 private:
  // The last part `s` joined to the parts before it (no copy when it came in one piece).
  std::string_view whole(string_view s) {
    if (buffer.empty()) return std::string_view(s.data(), s.size());
    buffer.append(s.data(), s.size());
    return buffer;
  }
};

}  // namespace ledgerline
