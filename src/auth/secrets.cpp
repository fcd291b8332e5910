#include "auth/secrets.h"

#include <sodium.h>

#include <array>

namespace ledgerline::auth {
namespace {

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

}  // namespace

bool crypto_ready() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

std::string random_secret(std::string_view prefix) {
  crypto_ready();
  std::array<unsigned char, 32> bytes;
  randombytes_buf(bytes.data(), bytes.size());
  std::string secret(prefix);
  secret += to_hex(bytes.data(), bytes.size());
  sodium_memzero(bytes.data(), bytes.size());
  return secret;
}

std::string secret_hash(std::string_view secret) {
  crypto_ready();
  std::array<unsigned char, 32> digest;
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), nullptr,
                     0);
  return to_hex(digest.data(), digest.size());
}

std::string derived_secret(std::string_view secret, std::string_view purpose) {
  crypto_ready();
  std::array<unsigned char, 32> digest;
  // BLAKE2b keys are 16..64 bytes; hash longer or shorter secrets down to a key first.
  std::array<unsigned char, 32> key;
  crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char*>(secret.data()),
                     secret.size(), nullptr, 0);
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(purpose.data()), purpose.size(),
                     key.data(), key.size());
  sodium_memzero(key.data(), key.size());
  return to_hex(digest.data(), digest.size());
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

PasswordCost PasswordCost::minimal() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

Result<std::string> hash_password(std::string_view password, const PasswordCost& cost) {
  crypto_ready();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str(out.data(), password.data(), password.size(), cost.operations,
                        cost.memory_bytes) != 0) {
    return Error::internal("password hashing failed (out of memory)");
  }
  return std::string(out.data());
}

bool verify_password(std::string_view password, const std::string& hash) {
  crypto_ready();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool password_needs_rehash(const std::string& hash, const PasswordCost& cost) {
  crypto_ready();
  return crypto_pwhash_str_needs_rehash(hash.c_str(), cost.operations, cost.memory_bytes) != 0;
}

}  // namespace ledgerline::auth
