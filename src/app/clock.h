// The shop's clock: what "now" is for an action (issue dates, due dates, payment times). Real
// time in the server; tests and the demo seed set it to back-date history.
#pragma once

#include <cstdint>
#include <functional>

namespace ledgerline::app {

// Microseconds since the Unix epoch.
using Clock = std::function<std::int64_t()>;

Clock system_clock();

}  // namespace ledgerline::app
