// The shop's invariants recomputed from the documents alone (`ledgerline check`): every
// document fits its schema; each product's stock is the end of an unbroken stockBefore ->
// stockAfter chain of its ledger rows starting at 0; each bill's line totals, subtotal, tax,
// total, amountPaid and status follow from its lines and payments (rule 1-4), and its sale and
// cancellation rows match its lines; bill numbers are unique and gap-free and the counter
// matches; SKUs and emails are unique; references resolve.
#pragma once

#include <string>
#include <vector>

#include "groq/groq.h"

namespace ledgerline::app {

// One line per breach, for people (empty: the shop is consistent).
std::vector<std::string> check_shop(const groq::Dataset& documents);

}  // namespace ledgerline::app
