// JSON parsing with Boost.JSON's SAX parser straight into Value (no intermediate DOM).
#include "util/json.h"

#include <fmt/format.h>
#include <boost/json/basic_parser_impl.hpp>

#include <vector>

#include "util/json_sax.h"

namespace ledgerline {
namespace {

namespace bj = boost::json;
using boost::system::error_code;

using ValueBuilder = JsonSaxHandler<PlainValues>;

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
