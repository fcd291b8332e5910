// StageTimings: where a transaction's time goes in the three-stage commit pipeline, summed by
// the notifier and logged at debug level (`serve --log-level debug`) every few seconds: how
// long it waited in the queue before its apply started, how long from then until the
// persister took its group, each group's persist and publish, and the whole way from submit to
// answered. bench/actions/run.sh --stages prints these lines.
#pragma once

#include <chrono>
#include <cstdint>

namespace ledgerline::store {

class StageTimings {
 public:
  using Clock = std::chrono::steady_clock;
  using Time = Clock::time_point;

  // One transaction of a group, once answered.
  void add_transaction(Time submitted, Time apply_started, Time taken, Time answered);
  // One group, once published: `taken` by the persister, `stored`, `publish_started`.
  void add_group(Time taken, Time stored, Time publish_started, Time published);
  // Logs the sums since the last line (debug level) once `period` has passed; then restarts.
  void maybe_log(Time now, std::chrono::seconds period = std::chrono::seconds(5));

 private:
  static double micros(Time from, Time to);

  Time since_ = Clock::now();
  std::uint64_t transactions_ = 0;
  std::uint64_t groups_ = 0;
  double queued_us_ = 0;       // submit -> apply started
  double open_us_ = 0;         // apply started -> group taken by the persister
  double end_to_end_us_ = 0;   // submit -> answered
  double persist_us_ = 0;      // per group: taken -> stored (write and sync)
  double notice_wait_us_ = 0;  // per group: stored -> the notifier starts on it
  double publish_us_ = 0;      // per group: publish, listeners, answers
};

}  // namespace ledgerline::store
