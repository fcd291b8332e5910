#include "http/errors.h"

#include <iterator>

namespace ledgerline::http {

namespace {

struct ErrorStatus {
  ErrorCode code;
  int status;
  std::string_view reason;  // the reason phrase, used as "error" in the simple shape
};

// The one table from error kinds to HTTP statuses. kTimeout is a 400 queryError, as Sanity
// answers a query that runs too long: never a retryable 5xx.
constexpr ErrorStatus kErrorStatuses[] = {
    {ErrorCode::kInvalidArgument, 400, "Bad Request"},
    {ErrorCode::kUnauthenticated, 401, "Unauthorized"},
    {ErrorCode::kPermissionDenied, 403, "Forbidden"},
    {ErrorCode::kNotFound, 404, "Not Found"},
    {ErrorCode::kMethodNotAllowed, 405, "Method Not Allowed"},
    {ErrorCode::kConflict, 409, "Conflict"},
    {ErrorCode::kPayloadTooLarge, 413, "Payload Too Large"},
    {ErrorCode::kTooManyRequests, 429, "Too Many Requests"},
    {ErrorCode::kHeadersTooLarge, 431, "Request Header Fields Too Large"},
    {ErrorCode::kTimeout, 400, "Bad Request"},
    {ErrorCode::kUnavailable, 503, "Service Unavailable"},
    {ErrorCode::kInternal, 500, "Internal Server Error"},
};

const ErrorStatus& entry_for(ErrorCode code) {
  for (const ErrorStatus& entry : kErrorStatuses) {
    if (entry.code == code) return entry;
  }
  return kErrorStatuses[std::size(kErrorStatuses) - 1];  // kInternal
}

}  // namespace

int status_for(ErrorCode code) {
  return entry_for(code).status;
}

Response error_response(const Error& error) {
  std::string body = R"({"error":{"description":)";
  write_json_string(body, error.message);
  body += R"(,"type":)";
  write_json_string(body, error.type.empty() ? std::string_view("error") : error.type);
  if (error.details.is_object()) {
    for (const Member& member : error.details.as_object()) {
      std::string_view key = member.key.str();
      if (key == "description" || key == "type") continue;
      body += ',';
      write_json_string(body, key);
      body += ':';
      member.value.write_json(body);
    }
  }
  body += "}}";
  Response response = Response::json(status_for(error.code), std::move(body));
  const Value& retry_after = error.details.get("retryAfter");
  if (retry_after.is_number()) {
    response.headers.push_back(
        {"retry-after", std::to_string(static_cast<long long>(retry_after.as_number()))});
  }
  return response;
}

Response simple_error(ErrorCode code, std::string_view message) {
  const ErrorStatus& entry = entry_for(code);
  int status = entry.status;
  std::string body = R"({"error":)";
  write_json_string(body, entry.reason);
  body += R"(,"message":)";
  write_json_string(body, message);
  body += R"(,"statusCode":)";
  body += std::to_string(status);
  body += '}';
  return Response::json(status, std::move(body));
}

Response dataset_not_found(std::string_view dataset) {
  return simple_error(ErrorCode::kNotFound, "Dataset \"" + std::string(dataset) + "\" not found");
}

}  // namespace ledgerline::http
