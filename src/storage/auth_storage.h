// AuthStorage: the durable part of authentication — user credentials, API token hashes and web
// sessions. It lives beside the documents but outside the document set, so GROQ, export and the
// listen stream never see a password hash, a token hash or a session. Secrets are never stored:
// tokens and session ids only as hashes (see src/auth/secrets.h), passwords as argon2id strings.
// Every method is safe to call from any thread; each call is one storage transaction.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace ledgerline::storage {

// A login account. `email` is lower-cased and unique; `role` is "admin" or "customer".
struct UserCredentials {
  std::string user_id;  // also the `_id` of the user's document in the store
  std::string email;
  std::string role;
  bool active = true;
  std::string password_hash;  // crypto_pwhash_str output; "" when the user cannot log in
  std::int64_t created_ms = 0;
};

// An API token; `hash` is the hex hash of the secret shown once at creation.
struct TokenRecord {
  std::string token_id;
  std::string user_id;
  std::string label;
  std::string hash;
  std::int64_t created_ms = 0;
  std::int64_t last_used_ms = 0;  // 0: never used
  bool revoked = false;
};

// A web session; `hash` is the hex hash of the cookie's secret.
struct SessionRecord {
  std::string session_id;
  std::string user_id;
  std::string hash;
  std::int64_t created_ms = 0;
  std::int64_t last_seen_ms = 0;
  bool revoked = false;
};

// A revocation another node announced: a credential ("" : every credential) of a user stopped
// being valid.
struct AnnouncedRevocation {
  std::string user_id;
  std::string credential_id;
};

// Revocations announced by other nodes on a shared engine. Used by one thread; stop() may be
// called from any.
class RevocationWatch {
 public:
  virtual ~RevocationWatch() = default;
  // Blocks until announcements arrive, `timeout` passes or stop() is called; answers them (none
  // on timeout). kUnavailable while the engine is unreachable.
  virtual Result<std::vector<AnnouncedRevocation>> wait(std::chrono::milliseconds timeout) = 0;
  virtual void stop() = 0;
};

class AuthStorage {
 public:
  virtual ~AuthStorage() = default;

  // kConflict (type "emailTaken") when the email or the id exists already.
  virtual Status insert_user(const UserCredentials& user) = 0;
  // Replaces role, active and password_hash of the user with this id; kNotFound if none.
  virtual Status update_user(const UserCredentials& user) = 0;
  // Removes a user and its tokens and sessions (undoes insert_user when the document failed).
  virtual Status delete_user(std::string_view user_id) = 0;
  virtual Result<std::optional<UserCredentials>> user_by_email(std::string_view email) = 0;
  virtual Result<std::optional<UserCredentials>> user_by_id(std::string_view user_id) = 0;
  virtual Result<std::vector<UserCredentials>> users() = 0;  // ordered by email

  virtual Status insert_token(const TokenRecord& token) = 0;
  virtual Result<std::optional<TokenRecord>> token_by_hash(std::string_view hash) = 0;
  virtual Result<std::optional<TokenRecord>> token_by_id(std::string_view token_id) = 0;
  virtual Result<std::vector<TokenRecord>> tokens() = 0;  // oldest first
  virtual Status set_token_last_used(std::string_view token_id, std::int64_t when_ms) = 0;
  virtual Status revoke_token(std::string_view token_id) = 0;  // kNotFound if none

  virtual Status insert_session(const SessionRecord& session) = 0;
  virtual Result<std::optional<SessionRecord>> session_by_hash(std::string_view hash) = 0;
  virtual Status set_session_last_seen(std::string_view session_id, std::int64_t when_ms) = 0;
  virtual Status revoke_session(std::string_view session_id) = 0;
  // Revokes every session of the user except `keep_session_id` ("": none) — a disabled user, a
  // changed password; returns the ids of the sessions it revoked.
  virtual Result<std::vector<std::string>> revoke_sessions_of(std::string_view user_id,
                                                              std::string_view keep_session_id) = 0;

  // Several nodes on one engine: each request reads the credentials afresh, but a listen stream
  // authenticated once stays open, so a node that ends a credential (or every credential of a
  // user: "") announces it and the others close the streams it opened. Single-node engines
  // answer success and nothing, and no watch.
  virtual Status announce_revocation(std::string_view user_id, std::string_view credential_id) {
    (void)user_id;
    (void)credential_id;
    return Status::success();
  }
  // Other nodes' announcements (never this storage's own), on a connection of its own.
  virtual Result<std::unique_ptr<RevocationWatch>> watch_revocations() {
    return Error::unavailable("this storage engine serves a single node");
  }
};

}  // namespace ledgerline::storage
