// HubCore catch-up: replays the log to listeners that resumed with Last-Event-ID, in bounded
// steps on the fan-out thread, then switches them to live delivery at exactly the processed
// position (so nothing is missed or sent twice). Writes pause while a sink is full, which
// gives a slow client flow control instead of an overflow.
#include <algorithm>

#include "realtime/hub_core.h"

namespace ledgerline::realtime {

bool HubCore::catch_up_pass() {
  std::vector<SubscriptionPtr> pending;
  std::uint64_t target;
  {
    std::lock_guard lock(mutex_);
    pending = catching_up_;
    target = processed_position_;
  }
  if (pending.empty()) return false;
  // Only this thread advances processed_position_, so `target` stays the live boundary.
  const store::SnapshotPtr snapshot = store_.snapshot();
  bool blocked = false;
  std::vector<SubscriptionPtr> caught_up, refused;
  for (const SubscriptionPtr& subscription : pending) {
    if (subscription->cancelled.load(std::memory_order_relaxed)) continue;
    switch (catch_up(*subscription, target, *snapshot)) {
      case CatchUp::kCaughtUp:
        caught_up.push_back(subscription);
        break;
      case CatchUp::kBlocked:
        blocked = true;
        break;
      case CatchUp::kRefused:
        refused.push_back(subscription);
        break;
      case CatchUp::kWaiting:
        break;
    }
  }
  std::lock_guard lock(mutex_);
  for (const SubscriptionPtr& subscription : caught_up) {
    if (subscription->removed) continue;
    subscription->live = true;
    auto it = std::find(catching_up_.begin(), catching_up_.end(), subscription);
    if (it != catching_up_.end()) catching_up_.erase(it);
  }
  for (const SubscriptionPtr& subscription : refused) {
    listeners_dropped_.fetch_add(1, std::memory_order_relaxed);
    drop_locked(subscription, /*close_sink=*/true);
  }
  return blocked;
}

HubCore::CatchUp HubCore::catch_up(Subscription& subscription, std::uint64_t target,
                                   const groq::Dataset& dataset) {
  Sink& sink = *subscription.sink;
  std::uint64_t written = 0;
  auto finish = [&](CatchUp outcome) {
    events_written_.fetch_add(written, std::memory_order_relaxed);
    return outcome;
  };
  while (subscription.next_position <= target) {
    if (sink.queued_bytes() > options_.catch_up_queued_bytes) return finish(CatchUp::kBlocked);
    const std::size_t limit = static_cast<std::size_t>(
        std::min<std::uint64_t>(options_.catch_up_batch, target - subscription.next_position + 1));
    auto batch = store_.read_log(subscription.next_position - 1, limit);
    if (!batch.ok() || batch->empty()) {
      // The log no longer holds the listener's position: tell it to refetch, then go live.
      static const auto reset = std::make_shared<const std::string>(encode_reset());
      if (!sink.write(reset)) return finish(CatchUp::kRefused);
      subscription.next_position = target + 1;
      subscription.skip_changes = 0;
      return finish(CatchUp::kCaughtUp);
    }
    for (const store::TransactionPtr& transaction : *batch) {
      if (transaction->position > target) break;
      const std::vector<MatchedChange> matches =
          match_transaction(*subscription.group, *transaction, dataset);
      for (std::size_t k = 0; k < matches.size(); ++k) {
        if (matches[k].change_index < subscription.skip_changes) continue;
        auto body = std::make_shared<const std::string>(encode_mutation_event(
            *transaction, matches[k], matches.size(), k + 1, subscription.options));
        if (!sink.write(std::move(body))) return finish(CatchUp::kRefused);
        ++written;
      }
      subscription.next_position = transaction->position + 1;
      subscription.skip_changes = 0;
      if (sink.queued_bytes() > options_.catch_up_queued_bytes) break;
    }
  }
  // A cursor inside a transaction this hub has not processed yet waits for it.
  const bool at_boundary =
      subscription.next_position == target + 1 && subscription.skip_changes == 0;
  return finish(at_boundary ? CatchUp::kCaughtUp : CatchUp::kWaiting);
}

}  // namespace ledgerline::realtime
