#include "util/time.h"

#include <gtest/gtest.h>

#include <thread>

namespace ledgerline {
namespace {

constexpr std::int64_t kSecond = 1000000;

TEST(FormatRfc3339, GivesUtcWithMillisecondsAndAZ) {
  EXPECT_EQ(format_rfc3339(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_rfc3339(1764950400 * kSecond + 7000), "2025-12-05T16:00:00.007Z");
  EXPECT_EQ(format_rfc3339(951782400 * kSecond + 59999), "2000-02-29T00:00:00.059Z");
  EXPECT_EQ(format_rfc3339(4102444799 * kSecond + 999999), "2099-12-31T23:59:59.999Z");
}

TEST(FormatRfc3339, TimesBeforeTheEpochRoundDown) {
  EXPECT_EQ(format_rfc3339(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(format_rfc3339(-kSecond), "1969-12-31T23:59:59.000Z");
}

// The second is kept per thread: calls that go back and forth between seconds, and calls on
// another thread, each get their own second.
TEST(FormatRfc3339, ConsecutiveCallsInAndAcrossSecondsAgree) {
  std::int64_t base = 1764950400 * kSecond;
  EXPECT_EQ(format_rfc3339(base + 1000), "2025-12-05T16:00:00.001Z");
  EXPECT_EQ(format_rfc3339(base + 999000), "2025-12-05T16:00:00.999Z");
  EXPECT_EQ(format_rfc3339(base + kSecond), "2025-12-05T16:00:01.000Z");
  EXPECT_EQ(format_rfc3339(base + 123000), "2025-12-05T16:00:00.123Z");
  EXPECT_EQ(format_rfc3339(base + 86400 * kSecond), "2025-12-06T16:00:00.000Z");
  std::string other;
  std::thread([&] { other = format_rfc3339(base + 2 * kSecond + 5000); }).join();
  EXPECT_EQ(other, "2025-12-05T16:00:02.005Z");
  EXPECT_EQ(format_rfc3339(base + 86400 * kSecond + 42000), "2025-12-06T16:00:00.042Z");
}

}  // namespace
}  // namespace ledgerline
