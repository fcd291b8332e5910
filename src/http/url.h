// URL pieces for request targets: percent-decoding, query-string parsing, path splitting.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ledgerline::http {

// Decodes %XX escapes (and '+' as a space when `plus_is_space`, as in query strings).
// nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space = false);

// Splits "a=1&b=%22x%22&flag" into decoded pairs, in order ("flag" -> ""). nullopt when an
// escape is malformed.
std::optional<std::vector<std::pair<std::string, std::string>>> parse_query_string(
    std::string_view query);

// Splits a request target into its path and query string (without '?').
std::pair<std::string_view, std::string_view> split_target(std::string_view target);

// Splits a path on '/' into raw (still encoded) segments, dropping empty ones.
std::vector<std::string_view> split_path(std::string_view path);

}  // namespace ledgerline::http
