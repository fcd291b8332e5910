#include "auth/rate_limiter.h"

#include <gtest/gtest.h>

namespace ledgerline::auth {
namespace {

TEST(RateLimiter, BlocksAfterTheLimitUntilTheOldestFailureLeavesTheWindow) {
  std::int64_t now = 1'000'000;
  RateLimiter limiter({3, std::chrono::seconds(60)}, [&] { return now; });
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(limiter.blocked("k"));
    limiter.record_failure("k");
    now += 1000;
  }
  auto wait = limiter.blocked("k");
  ASSERT_TRUE(wait);
  EXPECT_EQ(wait->count(), 57);  // the first failure was 3 s ago
  EXPECT_FALSE(limiter.blocked("other"));
  now += 57'000;
  EXPECT_FALSE(limiter.blocked("k"));
}

TEST(RateLimiter, ForgetClearsAKey) {
  std::int64_t now = 0;
  RateLimiter limiter({1, std::chrono::seconds(60)}, [&] { return now; });
  limiter.record_failure("k");
  EXPECT_TRUE(limiter.blocked("k"));
  limiter.forget("k");
  EXPECT_FALSE(limiter.blocked("k"));
}

TEST(RateLimiter, RetryAfterIsAtLeastOneSecond) {
  std::int64_t now = 0;
  RateLimiter limiter({1, std::chrono::milliseconds(100)}, [&] { return now; });
  limiter.record_failure("k");
  now += 50;
  ASSERT_TRUE(limiter.blocked("k"));
  EXPECT_EQ(limiter.blocked("k")->count(), 1);
}

}  // namespace
}  // namespace ledgerline::auth
