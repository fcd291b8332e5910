// JSON text <-> Value. Parsing is strict RFC 8259 (UTF-8 checked) with a nesting limit, and
// reports the byte offset of the first error.
#pragma once

#include <string>
#include <string_view>

#include "util/result.h"
#include "util/value.h"

namespace ledgerline {

constexpr std::size_t kMaxJsonDepth = 512;

// Parses exactly one JSON value (surrounding whitespace allowed).
Result<Value> parse_json(std::string_view text);

}  // namespace ledgerline
