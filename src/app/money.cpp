#include "app/money.h"

#include <fmt/format.h>

#include <limits>

namespace ledgerline::app {

namespace {

Error out_of_range(std::string_view what) {
  return Error::conflict(fmt::format("{} is too large: it does not fit in a 64-bit amount", what),
                         "amountOutOfRange");
}

Result<Money> fit(__int128 value, std::string_view what) {
  if (value > std::numeric_limits<Money>::max() || value < std::numeric_limits<Money>::min()) {
    return out_of_range(what);
  }
  return static_cast<Money>(value);
}

}  // namespace

Result<Money> checked_add(Money a, Money b, std::string_view what) {
  Money sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) return out_of_range(what);
  return sum;
}

Result<Money> checked_mul(Money a, std::int64_t b, std::string_view what) {
  Money product = 0;
  if (__builtin_mul_overflow(a, b, &product)) return out_of_range(what);
  return product;
}

Result<Value> stored_integer(std::int64_t amount, std::string_view what) {
  if (amount > kMaxStoredInteger || amount < -kMaxStoredInteger) {
    return Error::conflict(
        fmt::format("{} ({}) is larger than the largest amount stored exactly (2^53 - 1)", what,
                    amount),
        "amountOutOfRange");
  }
  return Value::number(static_cast<double>(amount));
}

__int128 divide_half_even(__int128 numerator, __int128 denominator) {
  __int128 quotient = numerator / denominator;  // truncates toward zero
  __int128 remainder = numerator % denominator;
  if (remainder == 0) return quotient;
  __int128 twice = remainder < 0 ? -2 * remainder : 2 * remainder;
  int direction = (numerator < 0) ? -1 : 1;
  if (twice > denominator || (twice == denominator && (quotient % 2 != 0))) {
    quotient += direction;
  }
  return quotient;
}

Result<Money> line_total(std::int64_t quantity, Money unit_price, std::int64_t discount_rate) {
  // |quantity × unitPrice| < 2^126 and × 10000 could exceed 2^127: check the first product fits
  // 64 bits' worth of headroom before scaling (a line worth more than int64 is refused anyway).
  __int128 gross = static_cast<__int128>(quantity) * unit_price;
  if (gross > static_cast<__int128>(std::numeric_limits<Money>::max()) * kBasisPoints) {
    return out_of_range("the line total");
  }
  __int128 scaled = gross * (kBasisPoints - discount_rate);
  return fit(divide_half_even(scaled, kBasisPoints), "the line total");
}

Result<Money> tax_for(Money subtotal, std::int64_t tax_rate) {
  __int128 scaled = static_cast<__int128>(subtotal) * tax_rate;
  return fit(divide_half_even(scaled, kBasisPoints), "the tax");
}

std::string format_money(Money amount, std::string_view currency) {
  bool negative = amount < 0;
  unsigned long long magnitude = negative ? 0ULL - static_cast<unsigned long long>(amount)
                                          : static_cast<unsigned long long>(amount);
  return fmt::format("{}{}.{:02} {}", negative ? "-" : "", magnitude / 100, magnitude % 100,
                     currency);
}

}  // namespace ledgerline::app
