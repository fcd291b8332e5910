#include "store/stage_timings.h"

#include "util/log.h"

namespace ledgerline::store {

double StageTimings::micros(Time from, Time to) {
  return std::chrono::duration<double, std::micro>(to - from).count();
}

void StageTimings::add_transaction(Time submitted, Time apply_started, Time taken, Time answered) {
  ++transactions_;
  queued_us_ += micros(submitted, apply_started);
  open_us_ += micros(apply_started, taken);
  end_to_end_us_ += micros(submitted, answered);
}

void StageTimings::add_group(Time taken, Time stored, Time publish_started, Time published) {
  ++groups_;
  persist_us_ += micros(taken, stored);
  notice_wait_us_ += micros(stored, publish_started);
  publish_us_ += micros(publish_started, published);
}

void StageTimings::maybe_log(Time now, std::chrono::seconds period) {
  if (now - since_ < period) return;
  if (groups_ > 0 && transactions_ > 0) {
    auto per_group = [this](double sum) { return sum / static_cast<double>(groups_); };
    auto per_transaction = [this](double sum) { return sum / static_cast<double>(transactions_); };
    spdlog::debug(
        "commit stages: {} groups, {:.1f} transactions/group; per transaction (µs): queued "
        "{:.0f}, applied and waiting for the persister {:.0f}, submit to answered {:.0f}; per "
        "group (µs): persist {:.0f}, wait for the notifier {:.0f}, publish and answer {:.0f}",
        groups_, static_cast<double>(transactions_) / static_cast<double>(groups_),
        per_transaction(queued_us_), per_transaction(open_us_), per_transaction(end_to_end_us_),
        per_group(persist_us_), per_group(notice_wait_us_), per_group(publish_us_));
  }
  *this = StageTimings{};
  since_ = now;
}

}  // namespace ledgerline::store
