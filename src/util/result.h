// Errors as values. An Error is what every layer returns instead of throwing: a code (turned into
// an HTTP status by the one table in src/http/errors.cpp), Sanity's error `type`, a description for
// people, and optional extra members for the error body. Result<T> holds a T or an Error;
// Status is Result<void>. Build errors with the named constructors below, one per code.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "util/value.h"

namespace ledgerline {

enum class ErrorCode {
  kInvalidArgument,   // 400: bad input
  kUnauthenticated,   // 401
  kPermissionDenied,  // 403
  kNotFound,          // 404
  kConflict,          // 409: revision mismatch, already exists, broken business rule
  kMethodNotAllowed,  // 405
  kPayloadTooLarge,   // 413
  kTooManyRequests,   // 429: rate or listener limits
  kHeadersTooLarge,   // 431
  kTimeout,           // 408/503-free: query took too long (reported as 400 queryError)
  kUnavailable,       // 503: shutting down, overloaded
  kInternal,          // 500
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string type;     // Sanity error type, e.g. "mutationError", "queryParseError"
  std::string message;  // the description shown to people
  Value details;        // null, or an object whose members are merged into the error body

  static Error invalid(std::string message, std::string type = "validationError") {
    return make(ErrorCode::kInvalidArgument, std::move(type), std::move(message));
  }
  static Error unauthenticated(std::string message, std::string type = "unauthorized") {
    return make(ErrorCode::kUnauthenticated, std::move(type), std::move(message));
  }
  static Error permission_denied(std::string message, std::string type = "forbidden") {
    return make(ErrorCode::kPermissionDenied, std::move(type), std::move(message));
  }
  static Error not_found(std::string message, std::string type = "notFound") {
    return make(ErrorCode::kNotFound, std::move(type), std::move(message));
  }
  static Error conflict(std::string message, std::string type = "conflict") {
    return make(ErrorCode::kConflict, std::move(type), std::move(message));
  }
  static Error method_not_allowed(std::string message, std::string type = "methodNotAllowed") {
    return make(ErrorCode::kMethodNotAllowed, std::move(type), std::move(message));
  }
  static Error payload_too_large(std::string message, std::string type = "payloadTooLarge") {
    return make(ErrorCode::kPayloadTooLarge, std::move(type), std::move(message));
  }
  static Error too_many_requests(std::string message, std::string type = "tooManyRequests") {
    return make(ErrorCode::kTooManyRequests, std::move(type), std::move(message));
  }
  static Error headers_too_large(std::string message, std::string type = "headersTooLarge") {
    return make(ErrorCode::kHeadersTooLarge, std::move(type), std::move(message));
  }
  static Error timeout(std::string message, std::string type = "queryError") {
    return make(ErrorCode::kTimeout, std::move(type), std::move(message));
  }
  static Error unavailable(std::string message, std::string type = "unavailable") {
    return make(ErrorCode::kUnavailable, std::move(type), std::move(message));
  }
  static Error internal(std::string message, std::string type = "internalError") {
    return make(ErrorCode::kInternal, std::move(type), std::move(message));
  }
  // Adds members to the error body (an object), e.g. {"items": [...]}.
  Error with_details(Value extra) && {
    details = std::move(extra);
    return std::move(*this);
  }

 private:
  static Error make(ErrorCode code, std::string type, std::string message) {
    return Error{code, std::move(type), std::move(message), Value()};
  }
};

// Result<T>: either a T or an Error. Result<void> is Status.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT
  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const& { return std::get<1>(state_); }
  Error&& error() && { return std::get<1>(std::move(state_)); }

 private:
  std::variant<T, Error> state_;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  static Status success() { return Status(); }
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const& { return error_; }
  Error&& error() && { return std::move(error_); }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace ledgerline
