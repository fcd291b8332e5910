// The knobs of authentication, with the defaults `serve` uses. Tests shorten the times and
// lower the password cost; docs/security.md explains each default.
#pragma once

#include <chrono>

#include "auth/rate_limiter.h"
#include "auth/secrets.h"

namespace ledgerline::auth {

struct AuthOptions {
  PasswordCost password_cost = PasswordCost::standard();
  // A session ends after this long without a request, and this long after login regardless.
  std::chrono::milliseconds session_idle{std::chrono::hours(12)};
  std::chrono::milliseconds session_absolute{std::chrono::hours(24 * 7)};
  // Failed logins allowed per account (email) and per client address within the window.
  RateLimit login_per_account{5, std::chrono::minutes(1)};
  RateLimit login_per_address{20, std::chrono::minutes(1)};
  // A token's last-used time is written at most this often (it is advice, not an audit log).
  std::chrono::milliseconds last_used_resolution{std::chrono::minutes(1)};
  // An accepted API token is remembered this long (0: never), sparing a busy client two storage
  // lookups per request; every revocation, on any node, drops what it covers at once.
  std::chrono::milliseconds token_cache_ttl{std::chrono::seconds(1)};
  Clock now_ms = system_now_ms;
};

}  // namespace ledgerline::auth
