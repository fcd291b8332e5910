#include "auth/rate_limiter.h"

#include "util/time.h"

namespace ledgerline::auth {

std::int64_t system_now_ms() {
  return now_micros() / 1000;
}

RateLimiter::RateLimiter(RateLimit limit, Clock now) : limit_(limit), now_(std::move(now)) {}

void RateLimiter::expire(std::deque<std::int64_t>& failures, std::int64_t now) const {
  while (!failures.empty() && failures.front() <= now - limit_.window.count()) {
    failures.pop_front();
  }
}

std::optional<std::chrono::seconds> RateLimiter::blocked(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return std::nullopt;
  std::int64_t now = now_();
  expire(it->second, now);
  if (it->second.size() < limit_.limit) return std::nullopt;
  std::int64_t wait_ms = it->second.front() + limit_.window.count() - now;
  return std::chrono::seconds(std::max<std::int64_t>(1, (wait_ms + 999) / 1000));
}

void RateLimiter::record_failure(const std::string& key) {
  std::lock_guard lock(mutex_);
  std::int64_t now = now_();
  // Keys whose failures all expired are dropped now and then, so the map stays small.
  if (now - last_sweep_ms_ > limit_.window.count()) {
    for (auto it = failures_.begin(); it != failures_.end();) {
      expire(it->second, now);
      it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
    last_sweep_ms_ = now;
  }
  auto& failures = failures_[key];
  expire(failures, now);
  failures.push_back(now);
  // Never more than needed to decide: older entries past the limit add nothing.
  while (failures.size() > limit_.limit) failures.pop_front();
}

void RateLimiter::forget(const std::string& key) {
  std::lock_guard lock(mutex_);
  failures_.erase(key);
}

}  // namespace ledgerline::auth
