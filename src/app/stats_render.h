// Internal to src/app: turns the dashboard's figures into the answer object. Shared by the
// one-pass reference (stats.cpp) and the live aggregates (dashboard.cpp), which differ only in
// how they get the figures.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/value.h"

namespace ledgerline::app::detail {

inline constexpr std::int64_t kStatsDay = 24LL * 3600 * 1000 * 1000;
inline constexpr int kStatsDays = 30;

// Units and money sold of one product (bills not cancelled).
struct SoldFigures {
  std::int64_t quantity = 0, revenue = 0;
};

struct DashboardFigures {
  std::int64_t pending = 0, partially_paid = 0, paid = 0, cancelled = 0, overdue = 0;
  std::int64_t revenue = 0, billed = 0;
  // The 30 days ending today ("YYYY-MM-DD"), oldest first, with the money paid on each.
  std::vector<std::pair<std::string, std::int64_t>> days;
  std::vector<const Value*> products;  // every product, in _id order
  // What a product sold, or nullopt when no bill line names it.
  std::function<std::optional<SoldFigures>(std::string_view product_id)> sold;
};

// The 30 day keys of the window ending on `now_micros`'s day, oldest first.
std::vector<std::string> window_days(std::int64_t now_micros);

Value render_dashboard(const DashboardFigures& figures, std::int64_t now_micros);

}  // namespace ledgerline::app::detail
