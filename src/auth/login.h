// Login with email and password. One generic 401 for an unknown account, a wrong password and a
// disabled user alike, in the same time (an unknown account is verified against a dummy hash of
// the same cost); failed attempts are limited per account and per client address (kTooMany-
// Requests with details.retryAfter in seconds); a hash made with other parameters is replaced
// at the next successful login. Slow by design (one argon2id verification, ~50-250 ms): run it
// on a worker thread, never on an I/O thread.
#pragma once

#include <mutex>
#include <string>

#include "auth/auth_options.h"
#include "auth/credential_parsing.h"
#include "auth/rate_limiter.h"
#include "auth/sessions.h"
#include "auth/users.h"
#include "storage/auth_storage.h"
#include "util/result.h"
#include "util/value.h"

namespace ledgerline::auth {

struct LoginOutcome {
  Value user;  // the user document
  OpenedSession session;
};

class Login {
 public:
  Login(storage::AuthStorage& storage, Users& users, Sessions& sessions,
        const AuthOptions& options);

  Result<LoginOutcome> login(const LoginRequest& request, const std::string& client_address);
  // Computes the dummy hash now (one hash), so that the first login of an unknown account takes
  // no longer than any other. Called by serve before it listens.
  void prepare() { dummy_hash(); }
  // The hash an unknown account's password is checked against: made once, at the configured cost.
  const std::string& dummy_hash();

 private:
  storage::AuthStorage& storage_;
  Users& users_;
  Sessions& sessions_;
  const AuthOptions& options_;
  RateLimiter per_account_;
  RateLimiter per_address_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

}  // namespace ledgerline::auth
