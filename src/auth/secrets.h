// The cryptography of authentication, all from libsodium: random secrets for API tokens and
// session cookies, the fast hash they are stored under (they are 256-bit random, so a fast
// hash is enough), constant-time comparison, and argon2id password hashing whose cost is
// chosen in PasswordCost (see bench/auth for the measurement behind the default).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "util/result.h"

namespace ledgerline::auth {

// Initialises libsodium once (thread-safe); false when it cannot (no usable randomness).
bool crypto_ready();

// 32 random bytes as 64 lower-case hex characters, prefixed (e.g. "llt_" for API tokens).
std::string random_secret(std::string_view prefix = "");

// BLAKE2b-256 of `secret` as 64 hex characters: what the storage keeps of a token or session.
std::string secret_hash(std::string_view secret);

// A value derived from `secret` under a purpose label (BLAKE2b keyed by the secret): e.g. the
// CSRF token of a session, which the server can recompute from the cookie without storing it.
std::string derived_secret(std::string_view secret, std::string_view purpose);

// Equal length and bytes, in time independent of where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

// argon2id parameters (libsodium's opslimit and memlimit).
struct PasswordCost {
  unsigned long long operations = 2;
  std::size_t memory_bytes = 64u << 20;
  // The default for this server: argon2id t=2, m=64 MiB (libsodium's INTERACTIVE preset): about
  // 60-150 ms of one core per login here (bench/auth/README.md); t=3, m=19 MiB took ~20 ms.
  static PasswordCost standard() { return {}; }
  // libsodium's minimum, for tests that create many users; never for real passwords.
  static PasswordCost minimal();
};

// crypto_pwhash_str of `password` (argon2id, random salt). kInternal when out of memory.
Result<std::string> hash_password(std::string_view password, const PasswordCost& cost);
// True when `password` matches `hash`; false for a wrong password or a malformed hash.
bool verify_password(std::string_view password, const std::string& hash);
// True when `hash` was made with parameters other than `cost` (rehash it at the next login).
bool password_needs_rehash(const std::string& hash, const PasswordCost& cost);

}  // namespace ledgerline::auth
