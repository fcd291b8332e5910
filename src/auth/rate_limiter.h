// Counts failed attempts per key (an account's email, a client address) in a sliding window.
// Once a key has `limit` failures inside `window`, it is blocked until the oldest of them
// leaves the window; blocked() says for how long, for a 429 with Retry-After. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace ledgerline::auth {

// Milliseconds since the Unix epoch; injectable so tests can move time.
using Clock = std::function<std::int64_t()>;
std::int64_t system_now_ms();

struct RateLimit {
  std::size_t limit = 5;
  std::chrono::milliseconds window{std::chrono::minutes(1)};
};

class RateLimiter {
 public:
  RateLimiter(RateLimit limit, Clock now);
  // When `key` is blocked now: how long until it may try again (at least one second).
  std::optional<std::chrono::seconds> blocked(const std::string& key);
  void record_failure(const std::string& key);
  void forget(const std::string& key);  // e.g. after a successful login

 private:
  void expire(std::deque<std::int64_t>& failures, std::int64_t now) const;

  RateLimit limit_;
  Clock now_;
  std::mutex mutex_;  // guards failures_
  std::unordered_map<std::string, std::deque<std::int64_t>> failures_;
  std::int64_t last_sweep_ms_ = 0;
};

}  // namespace ledgerline::auth
