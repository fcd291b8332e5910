// The dashboard kept up to date: aggregates of every bill and product (counts per status, open
// bills' due dates in order, money, payments per day, units sold per product, the products),
// derived in memory from the store's committed changes instead of a pass over every bill per
// request. Derived state only, never stored: it is rebuilt from a snapshot at start and then
// follows each committed group (Store::subscribe), so every node that follows one log derives
// the same figures. render() gives exactly what dashboard_stats (stats.h, the one-pass
// reference) gives on the snapshot at the same log position.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "groq/groq.h"
#include "store/store.h"
#include "util/value.h"

namespace ledgerline::app {

// The aggregates alone (no store, no locking): fold documents in and out, render at a time.
class DashboardAggregates {
 public:
  DashboardAggregates();
  ~DashboardAggregates();
  DashboardAggregates(DashboardAggregates&&) noexcept;
  DashboardAggregates& operator=(DashboardAggregates&&) noexcept;

  // Adds (sign +1) or removes (sign -1) a document's part; documents other than bills and
  // products are ignored. A change is remove(previous) then add(next).
  void fold(const Value& document, int sign);
  void change(const Value& previous, const Value& next) {
    fold(previous, -1);
    fold(next, +1);
  }
  // Every bill and product of a snapshot.
  static DashboardAggregates of(const groq::Dataset& snapshot);

  // The dashboard object at `now_micros` (same shape and figures as dashboard_stats).
  Value render(std::int64_t now_micros) const;

 private:
  struct Sold {
    std::int64_t quantity = 0, revenue = 0, lines = 0;
  };
  struct DueDates;  // open bills' due dates, ordered with ranks (count below a time: O(log n))

  void fold_bill(const Value& bill, int sign);

  std::int64_t pending_ = 0, partially_paid_ = 0, paid_ = 0, cancelled_ = 0;
  std::int64_t revenue_ = 0, billed_ = 0;
  std::unique_ptr<DueDates> due_;
  std::unordered_map<std::string, std::int64_t> paid_by_day_;  // "YYYY-MM-DD" -> amount
  std::unordered_map<std::string, Sold> sold_;                 // product id -> sales
  std::map<std::string, Value, std::less<>> products_;         // id -> product, in _id order
};

// The aggregates of one store, following its commits. Figures always describe one log position
// (each committed group is folded in whole under the lock).
class LiveDashboard {
 public:
  // Subscribes to `store` (which must outlive this), then builds from its newest snapshot.
  explicit LiveDashboard(store::Store& store);
  ~LiveDashboard();
  LiveDashboard(const LiveDashboard&) = delete;
  LiveDashboard& operator=(const LiveDashboard&) = delete;

  Value render(std::int64_t now_micros) const;
  std::uint64_t position() const;  // the log position the figures describe

 private:
  void follow(const std::vector<store::TransactionPtr>& group);

  store::Store& store_;
  mutable std::mutex mutex_;
  DashboardAggregates aggregates_;
  std::uint64_t position_ = 0;
  std::uint64_t token_ = 0;
};

}  // namespace ledgerline::app
