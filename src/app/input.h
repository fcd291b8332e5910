// Parsing the application API's JSON bodies (INTERFACES.md) into action inputs. Strict: a
// missing required field, a wrong type, a number out of range or not an integer, an over-long
// string, or an unknown extra field is a 400 (kInvalidArgument, type "validationError") whose
// message names the field (also in details.field). Path ids (bill, product) come separately.
#pragma once

#include "app/actions.h"
#include "util/result.h"
#include "util/value.h"

namespace ledgerline::app {

Result<NewProduct> parse_new_product(const Value& body);
Result<ProductChanges> parse_product_changes(const Value& body, std::string product_id);
Result<StockChange> parse_stock_change(const Value& body);
Result<NewBill> parse_new_bill(const Value& body);
Result<NewPayment> parse_new_payment(const Value& body, std::string bill_id);
Result<Cancellation> parse_cancellation(const Value& body, std::string bill_id);

// Limits on input strings (characters of UTF-8).
inline constexpr std::size_t kMaxNameLength = 200;
inline constexpr std::size_t kMaxTextLength = 2000;
inline constexpr std::size_t kMaxBillLines = 500;

}  // namespace ledgerline::app
