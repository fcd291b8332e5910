// The one place where an Error becomes an HTTP status and a Sanity-shaped JSON body:
//   structured: {"error":{"description":..,"type":..,<members of Error::details>}}
//   simple:     {"error":"Not Found","message":..,"statusCode":404}
#pragma once

#include <string>
#include <string_view>

#include "http/message.h"
#include "util/result.h"

namespace ledgerline::http {

// HTTP status for an error code, from the one table in errors.cpp.
int status_for(ErrorCode code);

// {"error":{"description":..,"type":..,...details}} with status_for(error.code).
Response error_response(const Error& error);

// Sanity's simple error shape with the code's status and reason phrase, e.g.
// simple_error(ErrorCode::kNotFound, "Dataset \"x\" not found") ->
// 404 {"error":"Not Found","message":"Dataset \"x\" not found","statusCode":404}.
Response simple_error(ErrorCode code, std::string_view message);

// 404 for a dataset this server does not serve.
Response dataset_not_found(std::string_view dataset);

}  // namespace ledgerline::http
