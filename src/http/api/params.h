// Decoding of request parameters shared by the data endpoints (query, listen, mutate).
#pragma once

#include <string_view>

#include "http/message.h"
#include "util/result.h"
#include "util/value.h"

namespace ledgerline::http::api {

// Collects every `$name=<JSON>` query-string parameter into an object {name: value}.
// A value that is not valid JSON -> kInvalidArgument ("queryError") naming the parameter.
Result<Value> decode_dollar_params(const Request& request);

// Checks a `perspective` value: raw, published, drafts, previewDrafts, or a comma-separated
// stack of release names ending in one of those. Unknown -> kInvalidArgument.
Status check_perspective(std::string_view perspective);

// Parses a JSON request body; kInvalidArgument ("invalidJson") with the parser's message.
Result<Value> parse_json_body(const Request& request);

}  // namespace ledgerline::http::api
