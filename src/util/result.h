// Errors as values: Error carries a code (mapped to an HTTP status in one place, src/http),
// Sanity's error `type`, a human description and optional extra fields for the error body.
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
  kPayloadTooLarge,   // 413
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
    return Error{ErrorCode::kInvalidArgument, std::move(type), std::move(message), Value()};
  }
  static Error conflict(std::string message, std::string type = "conflict") {
    return Error{ErrorCode::kConflict, std::move(type), std::move(message), Value()};
  }
  static Error not_found(std::string message, std::string type = "notFound") {
    return Error{ErrorCode::kNotFound, std::move(type), std::move(message), Value()};
  }
  static Error internal(std::string message) {
    return Error{ErrorCode::kInternal, "internalError", std::move(message), Value()};
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
