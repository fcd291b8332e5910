// JSON parsing with Boost.JSON's SAX parser straight into Value (no intermediate DOM).
#include "util/json.h"

#include <fmt/format.h>
#include <boost/json/basic_parser_impl.hpp>

#include <vector>

namespace ledgerline {
namespace {

namespace bj = boost::json;
using boost::system::error_code;

struct ValueBuilder {
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  std::vector<Value> values;
  std::vector<Key> keys;
  std::string buffer;

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
    values.push_back(Value::object(std::move(members)));
    return true;
  }
  bool on_string_part(bj::string_view s, std::size_t, error_code&) {
    buffer.append(s.data(), s.size());
    return true;
  }
  bool on_string(bj::string_view s, std::size_t, error_code&) {
    if (buffer.empty()) {
      values.push_back(Value::string(std::string_view(s.data(), s.size())));
    } else {
      buffer.append(s.data(), s.size());
      values.push_back(Value::string(buffer));
      buffer.clear();
    }
    return true;
  }
  bool on_key_part(bj::string_view s, std::size_t, error_code&) {
    buffer.append(s.data(), s.size());
    return true;
  }
  bool on_key(bj::string_view s, std::size_t, error_code&) {
    if (buffer.empty()) {
      keys.push_back(Key::intern(std::string_view(s.data(), s.size())));
    } else {
      buffer.append(s.data(), s.size());
      keys.push_back(Key::intern(buffer));
      buffer.clear();
    }
    return true;
  }
  bool on_number_part(bj::string_view, error_code&) { return true; }
  bool on_int64(std::int64_t i, bj::string_view, error_code&) {
    values.push_back(Value::number(static_cast<double>(i)));
    return true;
  }
  bool on_uint64(std::uint64_t u, bj::string_view, error_code&) {
    values.push_back(Value::number(static_cast<double>(u)));
    return true;
  }
  bool on_double(double d, bj::string_view, error_code&) {
    values.push_back(Value::number(d));
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
  bool on_comment_part(bj::string_view, error_code&) { return true; }
  bool on_comment(bj::string_view, error_code&) { return true; }
};

}  // namespace

Result<Value> parse_json(std::string_view text) {
  bj::parse_options options;
  options.max_depth = kMaxJsonDepth;
  bj::basic_parser<ValueBuilder> parser(options);
  error_code ec;
  std::size_t consumed = parser.write_some(false, text.data(), text.size(), ec);
  if (ec) {
    return Error::invalid(fmt::format("invalid JSON at byte {}: {}", consumed, ec.message()),
                          "invalidJson");
  }
  if (!parser.done() || parser.handler().values.size() != 1)
    return Error::invalid("invalid JSON: incomplete value", "invalidJson");
  for (std::size_t i = consumed; i < text.size(); ++i) {
    char c = text[i];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
      return Error::invalid(
          fmt::format("invalid JSON at byte {}: unexpected data after the value", i),
          "invalidJson");
  }
  return std::move(parser.handler().values.back());
}

}  // namespace ledgerline
