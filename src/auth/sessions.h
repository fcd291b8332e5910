// Web sessions: the random secret lives only in the browser's HttpOnly cookie; the storage keeps
// its hash. A session ends after `session_idle` without requests, `session_absolute` after
// login, at logout, or when its user is disabled. Its CSRF token is derived from the secret
// (derived_secret(secret, "csrf")), so it needs no storage and cannot be guessed without the
// cookie.
#pragma once

#include <string>

#include "auth/auth_options.h"
#include "auth/identity.h"
#include "auth/revocations.h"
#include "storage/auth_storage.h"
#include "util/result.h"

namespace ledgerline::auth {

struct OpenedSession {
  std::string secret;      // goes into the cookie, nowhere else
  std::string csrf_token;  // given to the web app, sent back in X-CSRF-Token
};

class Sessions {
 public:
  Sessions(storage::AuthStorage& storage, const AuthOptions& options, RevocationFeed& revocations);

  Result<OpenedSession> open(const storage::UserCredentials& user);
  // The identity of a cookie's secret, or kUnauthenticated (unknown, expired, logged out, user
  // disabled).
  Result<Identity> authenticate(std::string_view secret);
  // Logout: the session is refused from now on and its streams are closed.
  Status close(const Identity& identity);

  static std::string csrf_token_for(std::string_view secret);

 private:
  storage::AuthStorage& storage_;
  const AuthOptions& options_;
  RevocationFeed& revocations_;
};

}  // namespace ledgerline::auth
