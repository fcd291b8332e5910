#include "http/errors.h"

namespace ledgerline::http {

int status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kTooManyRequests:
      return 429;
    case ErrorCode::kTimeout:
      return 400;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
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

Response simple_error(int status, std::string_view error, std::string_view message) {
  std::string body = R"({"error":)";
  write_json_string(body, error);
  body += R"(,"message":)";
  write_json_string(body, message);
  body += R"(,"statusCode":)";
  body += std::to_string(status);
  body += '}';
  return Response::json(status, std::move(body));
}

Response dataset_not_found(std::string_view dataset) {
  return simple_error(404, "Not Found", "Dataset \"" + std::string(dataset) + "\" not found");
}

}  // namespace ledgerline::http
