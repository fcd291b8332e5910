// API tokens (`Authorization: Bearer llt_...`, what @sanity/client sends): 32 random bytes shown
// once at creation and stored only as a hash, labelled, with a last-used time, revocable. A
// token acts as its user with that user's current role.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "auth/auth_options.h"
#include "auth/identity.h"
#include "auth/revocations.h"
#include "storage/auth_storage.h"
#include "util/result.h"
#include "util/value.h"

namespace ledgerline::auth {

inline constexpr std::string_view kTokenPrefix = "llt_";

struct CreatedToken {
  std::string token_id;
  std::string secret;  // shown to the creator once; never stored, logged or listed
};

class Tokens {
 public:
  Tokens(storage::AuthStorage& storage, const AuthOptions& options, RevocationFeed& revocations);

  // A new token for an existing, active user. kNotFound for an unknown user.
  Result<CreatedToken> create(const std::string& user_id, const std::string& label);
  // Every token (never a secret or hash): [{id, userId, label, createdAt, lastUsedAt, revoked}].
  Result<Value> list() const;
  // Revokes a token; its next request is refused and its open streams are closed.
  // kNotFound for an unknown id.
  Status revoke(const std::string& token_id);

  // The identity a bearer secret stands for, or kUnauthenticated (unknown, revoked, user
  // disabled). Fast: one hash, and two indexed lookups unless a recent answer is remembered
  // (see TokenCache).
  Result<Identity> authenticate(std::string_view secret);

  ~Tokens();

 private:
  // Accepted tokens remembered for options.token_cache_ttl, so a busy client does not cost two
  // storage lookups per request (on PostgreSQL, most of a request's CPU). Every revocation this
  // node hears — its own, or another node's through the RevocationRelay — drops the entries it
  // covers at once; the TTL bounds what a lost announcement could leave.
  struct Cached {
    Identity identity;
    std::chrono::steady_clock::time_point expires;
  };
  void forget(const Revocation& revocation);

  storage::AuthStorage& storage_;
  const AuthOptions& options_;
  RevocationFeed& revocations_;
  std::mutex cache_mutex_;                         // guards cache_ and generation_
  std::unordered_map<std::string, Cached> cache_;  // secret hash -> identity
  std::uint64_t generation_ =
      0;  // bumped by every revocation: a lookup begun before one is not kept
  std::uint64_t subscription_ = 0;
};

// A description of a token for listings.
Value describe_token(const storage::TokenRecord& token);

}  // namespace ledgerline::auth
