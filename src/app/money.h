// Money arithmetic for the shop (DOMAIN.md rule 1): integer minor units in int64, never floating
// point. Every operation that would leave the 64-bit range is refused (an Error naming what
// overflowed), never wrapped. Rates are basis points (1/100 of a percent, 0..10000); products of
// a rate are rounded half to even with 128-bit intermediates.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/result.h"

namespace ledgerline::app {

using Money = std::int64_t;  // minor units (cents)

constexpr std::int64_t kBasisPoints = 10000;
// Documents hold JSON numbers (IEEE doubles): integers beyond 2^53 − 1 (JavaScript's
// Number.MAX_SAFE_INTEGER) cannot be stored exactly, so no stored amount, quantity or count
// may exceed it. Arithmetic stays in int64 and is checked; results are checked against this.
constexpr std::int64_t kMaxStoredInteger = (std::int64_t{1} << 53) - 1;

// a + b, or a conflict naming `what` when the sum leaves int64.
Result<Money> checked_add(Money a, Money b, std::string_view what);
// a × b, or a conflict naming `what` when the product leaves int64.
Result<Money> checked_mul(Money a, std::int64_t b, std::string_view what);

// `amount` as a JSON number, or a conflict naming `what` when |amount| > kMaxStoredInteger.
Result<Value> stored_integer(std::int64_t amount, std::string_view what);

// numerator / denominator rounded half to even (denominator > 0), on 128-bit integers.
__int128 divide_half_even(__int128 numerator, __int128 denominator);

// round_half_even(quantity × unitPrice × (10000 − discountRate) / 10000) — rule 1.
// quantity > 0, unitPrice ≥ 0, 0 ≤ discountRate ≤ 10000 (callers validate); the result must fit.
Result<Money> line_total(std::int64_t quantity, Money unit_price, std::int64_t discount_rate);
// round_half_even(subtotal × taxRate / 10000); taxRate ≥ 0 basis points.
Result<Money> tax_for(Money subtotal, std::int64_t tax_rate);

// "12.34 USD"-style text for messages (minor units with two decimals).
std::string format_money(Money amount, std::string_view currency);

}  // namespace ledgerline::app
