// The one place where an Error becomes an HTTP status and a Sanity-shaped JSON body:
//   structured: {"error":{"description":..,"type":..,<members of Error::details>}}
//   simple:     {"error":"Not Found","message":..,"statusCode":404}
#pragma once

#include <string>
#include <string_view>

#include "http/message.h"
#include "util/result.h"

namespace ledgerline::http {

// HTTP status for an error code (kTimeout is a 400 queryError: never a retryable 5xx).
int status_for(ErrorCode code);

// {"error":{"description":..,"type":..,...details}} with status_for(error.code).
Response error_response(const Error& error);

// Sanity's simple error shape, e.g. simple_error(404, "Not Found", "Dataset \"x\" not found").
Response simple_error(int status, std::string_view error, std::string_view message);

// 404 for a dataset this server does not serve.
Response dataset_not_found(std::string_view dataset);

}  // namespace ledgerline::http
