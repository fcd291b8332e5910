// Money arithmetic (DOMAIN.md rule 1): half-to-even rounding, discounts, tax, and refusal at the
// limits of 64-bit integers and of exactly storable JSON numbers.
#include <gtest/gtest.h>

#include <limits>

#include "app/money.h"

namespace ledgerline::app {
namespace {

constexpr Money kMax = std::numeric_limits<Money>::max();
constexpr Money kMin = std::numeric_limits<Money>::min();

TEST(RoundHalfEven, TiesGoToTheEvenNeighbour) {
  EXPECT_EQ(divide_half_even(5, 10), 0);     // 0.5 -> 0
  EXPECT_EQ(divide_half_even(15, 10), 2);    // 1.5 -> 2
  EXPECT_EQ(divide_half_even(25, 10), 2);    // 2.5 -> 2
  EXPECT_EQ(divide_half_even(35, 10), 4);    // 3.5 -> 4
  EXPECT_EQ(divide_half_even(-25, 10), -2);  // -2.5 -> -2
  EXPECT_EQ(divide_half_even(-35, 10), -4);
}

TEST(RoundHalfEven, NonTiesGoToTheNearest) {
  EXPECT_EQ(divide_half_even(14, 10), 1);
  EXPECT_EQ(divide_half_even(16, 10), 2);
  EXPECT_EQ(divide_half_even(-16, 10), -2);
  EXPECT_EQ(divide_half_even(10001, 10000), 1);
  EXPECT_EQ(divide_half_even(19999, 10000), 2);
}

TEST(LineTotal, WithoutDiscountIsQuantityTimesPrice) {
  EXPECT_EQ(*line_total(3, 199, 0), 597);
  EXPECT_EQ(*line_total(1, 0, 0), 0);
}

TEST(LineTotal, DiscountRoundsHalfToEven) {
  // 1 × 5 × 9000 / 10000 = 4.5 -> 4 ; 1 × 15 × 9000 / 10000 = 13.5 -> 14
  EXPECT_EQ(*line_total(1, 5, 1000), 4);
  EXPECT_EQ(*line_total(1, 15, 1000), 14);
  // 3 × 333 × 9950 / 10000 = 994.005 -> 994 (not a tie: nearest)
  EXPECT_EQ(*line_total(3, 333, 50), 994);
  // 2 × 125 × 9900 / 10000 = 247.5 -> 248 ; 2 × 25 × 9900 / 10000 = 49.5 -> 50 (even)
  EXPECT_EQ(*line_total(2, 125, 100), 248);
  EXPECT_EQ(*line_total(2, 25, 100), 50);
  // 1 × 45 × 9900 / 10000 = 44.55 -> 45 ; 1 × 250 × 9900/10000 = 247.5 -> 248
  EXPECT_EQ(*line_total(1, 45, 100), 45);
  // 1 × 1 × 5000 / 10000 = 0.5 -> 0 ; 3 × 1 × 5000 / 10000 = 1.5 -> 2
  EXPECT_EQ(*line_total(1, 1, 5000), 0);
  EXPECT_EQ(*line_total(3, 1, 5000), 2);
}

TEST(LineTotal, FullDiscountIsFree) {
  EXPECT_EQ(*line_total(7, 1234, 10000), 0);
}

TEST(LineTotal, HugeIntermediateUses128Bits) {
  // quantity × price overflows int64 but the discounted total still fits: 2^62 × 2 × 5000/10000.
  Money big = Money{1} << 62;
  auto total = line_total(2, big, 5000);
  ASSERT_TRUE(total.ok());
  EXPECT_EQ(*total, big);
}

TEST(LineTotal, ResultBeyond64BitsIsRefusedNotWrapped) {
  auto total = line_total(2, kMax, 0);
  ASSERT_FALSE(total.ok());
  EXPECT_EQ(total.error().code, ErrorCode::kConflict);
  EXPECT_NE(total.error().message.find("line total"), std::string::npos);
  EXPECT_FALSE(line_total(kMax, kMax, 0).ok());
}

TEST(Tax, RoundsHalfToEven) {
  EXPECT_EQ(*tax_for(1000, 825), 82);  // 82.5 -> 82
  EXPECT_EQ(*tax_for(1000, 835), 84);  // 83.5 -> 84
  EXPECT_EQ(*tax_for(1001, 825), 83);  // 82.5825 -> 83
}

TEST(Tax, HalfCentCases) {
  EXPECT_EQ(*tax_for(10, 500), 0);  // 0.5 -> 0
  EXPECT_EQ(*tax_for(30, 500), 2);  // 1.5 -> 2
  EXPECT_EQ(*tax_for(50, 500), 2);  // 2.5 -> 2
  EXPECT_EQ(*tax_for(12345, 0), 0);
  EXPECT_EQ(*tax_for(12345, 10000), 12345);
}

TEST(Tax, BeyondRangeIsRefused) {
  EXPECT_FALSE(tax_for(kMax, 20000).ok());
  EXPECT_EQ(*tax_for(kMax, 10000), kMax);
}

TEST(CheckedArithmetic, AddAndMultiplyRefuseOverflow) {
  EXPECT_EQ(*checked_add(kMax - 1, 1, "sum"), kMax);
  auto over = checked_add(kMax, 1, "the subtotal");
  ASSERT_FALSE(over.ok());
  EXPECT_NE(over.error().message.find("the subtotal"), std::string::npos);
  EXPECT_FALSE(checked_add(kMin, -1, "sum").ok());
  EXPECT_EQ(*checked_mul(kMax / 2, 2, "product"), kMax - 1);
  EXPECT_FALSE(checked_mul(kMax / 2 + 1, 2, "product").ok());
  EXPECT_FALSE(checked_mul(kMin, -1, "product").ok());
}

TEST(StoredInteger, LargestExactJsonIntegerIsTheLimit) {
  EXPECT_TRUE(stored_integer(kMaxStoredInteger, "total").ok());
  EXPECT_EQ(stored_integer(kMaxStoredInteger, "total")->as_number(), 9007199254740991.0);
  auto over = stored_integer(kMaxStoredInteger + 1, "the bill total");
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, ErrorCode::kConflict);
  EXPECT_FALSE(stored_integer(kMax, "x").ok());
}

TEST(FormatMoney, TwoDecimalsAndSign) {
  EXPECT_EQ(format_money(123456, "USD"), "1234.56 USD");
  EXPECT_EQ(format_money(5, "USD"), "0.05 USD");
  EXPECT_EQ(format_money(-150, "EUR"), "-1.50 EUR");
  EXPECT_EQ(format_money(kMin, "USD"), "-92233720368547758.08 USD");
}

}  // namespace
}  // namespace ledgerline::app
