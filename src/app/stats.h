// The dashboard's figures (GET /api/v1/stats/dashboard), computed in one pass over ONE
// snapshot so every figure describes the same moment: bill counts per status (overdue derived:
// pending or partially paid with dueDate before now), revenue (money received on bills not
// cancelled), outstanding (still owed on them), revenue per day for the last 30 days (by
// payment date), top products by units sold, low-stock and out-of-stock lists, and a stock
// summary. Money is integer minor units.
#pragma once

#include <cstdint>

#include "groq/groq.h"
#include "util/result.h"

namespace ledgerline::app {

// The dashboard object; `now_micros` decides "overdue" and the 30-day window.
Result<Value> dashboard_stats(const groq::Dataset& snapshot, std::int64_t now_micros);

}  // namespace ledgerline::app
