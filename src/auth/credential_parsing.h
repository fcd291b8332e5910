// Parsing of what a caller sends to prove who it is — the Authorization header, the Cookie
// header, the login body — and formatting of the session cookie. Pure functions on untrusted
// text (fuzzed by fuzz/fuzz_auth_inputs.cpp): bounded, never throwing, never logging.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "util/result.h"

namespace ledgerline::auth {

inline constexpr std::string_view kSessionCookieName = "ledgerline_session";
inline constexpr std::size_t kMaxSecretLength = 512;
inline constexpr std::size_t kMaxEmailLength = 254;
// argon2 hashes any length, but a megabyte password per login is a denial of service.
inline constexpr std::size_t kMaxPasswordLength = 1024;

// The token of `Authorization: Bearer TOKEN` (scheme case-insensitive); nullopt for any other
// scheme, an empty or over-long token, or characters outside RFC 6750's token68.
std::optional<std::string_view> bearer_token(std::string_view authorization);

// The value of cookie `name` in a Cookie header (`a=1; b=2`); nullopt when absent, empty or
// over-long. The first occurrence wins.
std::optional<std::string_view> cookie_value(std::string_view cookie_header,
                                             std::string_view name = kSessionCookieName);

// Lower-cased, trimmed email with one '@' between non-empty parts and no spaces or controls;
// kInvalidArgument naming "email" otherwise.
Result<std::string> normalize_email(std::string_view email);

// A password a user may set: 3..1024 bytes (3: the demo logins' "bob"; the length policy is
// the admins' business, argon2id and the login limits make guessing slow either way).
// kInvalidArgument naming `field` otherwise.
Status check_new_password(std::string_view password, std::string_view field = "password");

struct LoginRequest {
  std::string email;  // normalized
  std::string password;
};
// `{"email": "...", "password": "..."}`; kInvalidArgument naming the missing or bad field.
Result<LoginRequest> parse_login_body(std::string_view body);

// `Set-Cookie` values: the session cookie (HttpOnly, SameSite=Lax, Path=/, Max-Age, Secure when
// served over https) and the one that clears it.
std::string session_cookie(std::string_view secret, std::chrono::seconds max_age, bool secure);
std::string cleared_session_cookie(bool secure);

}  // namespace ledgerline::auth
