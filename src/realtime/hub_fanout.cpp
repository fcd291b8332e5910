// HubCore's fan-out thread: live delivery of each commit, cancellations and keep-alives.
#include <pthread.h>

#include <algorithm>

#include "realtime/event_body_cache.h"
#include "realtime/hub_core.h"

namespace ledgerline::realtime {

namespace {

constexpr auto kCatchUpPoll = std::chrono::milliseconds(5);
// A fan-out round of one commit wakes the writers of its first event in steps of this many, so
// the I/O threads start sending while it is still being queued. Everything else in a round
// (more events, more commits) wakes them once, at its end: each listener then sends all of
// it in one write.
constexpr std::size_t kFlushEvery = 256;

template <class T>
void erase_one(std::vector<T>& items, const T& item) {
  auto it = std::find(items.begin(), items.end(), item);
  if (it == items.end()) return;
  *it = std::move(items.back());
  items.pop_back();
}

}  // namespace

void HubCore::on_commit(const std::vector<store::TransactionPtr>& group) {
  if (group.empty()) return;
  bool wake;
  {
    std::lock_guard lock(work_mutex_);
    if (stopping_) return;
    // The fan-out thread checks for work under this lock before it sleeps: while it is working,
    // or an earlier commit already woke it, a wake-up here would only cost a futex call.
    wake = !working_ && commits_.empty();
    // Nothing queued or in hand and nobody listening: delivering is only advancing the
    // processed position, done here rather than by waking the fan-out thread for nothing.
    if (wake && advance_unheard(group.back())) return;
    commits_.insert(commits_.end(), group.begin(), group.end());
  }
  if (wake) work_ready_.notify_one();
}

bool HubCore::advance_unheard(const store::TransactionPtr& last) {
  // Never waits: while the registry is busy (a listener registering), the group is queued.
  std::unique_lock registry(mutex_, std::try_to_lock);
  if (!registry.owns_lock() || !subscriptions_.empty()) return false;
  if (last->position > processed_position_) {
    processed_position_ = last->position;
    last_transaction_ = last;
  }
  return true;
}

void HubCore::run() {
  pthread_setname_np(pthread_self(), "listen-fanout");
  using Clock = std::chrono::steady_clock;
  const bool keep_alive = options_.keep_alive.count() > 0;
  auto next_keep_alive = Clock::now() + options_.keep_alive;
  bool catch_up_blocked = false;
  std::deque<store::TransactionPtr> commits;
  std::vector<std::shared_ptr<Subscription>> cancelled;
  for (;;) {
    bool catch_up_now = false;
    {
      std::unique_lock lock(work_mutex_);
      working_ = false;
      auto wake_at = keep_alive ? next_keep_alive : Clock::time_point::max();
      if (catch_up_blocked) wake_at = std::min(wake_at, Clock::now() + kCatchUpPoll);
      work_ready_.wait_until(lock, wake_at, [&] {
        return stopping_ || !commits_.empty() || !cancellations_.empty() || catch_up_requested_;
      });
      if (stopping_) return;
      working_ = true;
      commits.swap(commits_);
      cancelled.swap(cancellations_);
      catch_up_now = catch_up_requested_ || catch_up_blocked || !commits.empty();
      catch_up_requested_ = false;
    }
    {
      std::lock_guard lock(mutex_);
      apply_cancellations_locked(cancelled);
      const bool eager = commits.size() == 1;
      for (const auto& transaction : commits) deliver_live_locked(transaction, eager);
      if (keep_alive && Clock::now() >= next_keep_alive) {
        keep_alive_locked();
        next_keep_alive = Clock::now() + options_.keep_alive;
      }
      catch_up_now = catch_up_now && !catching_up_.empty();
    }
    flush_writers();
    commits.clear();
    cancelled.clear();
    catch_up_blocked = catch_up_now && catch_up_pass();
  }
}

void HubCore::flush_writers() {
  // Each listener then sends everything queued for it since its last wake in one write.
  for (const SubscriptionPtr& subscription : to_flush_) subscription->sink->flush();
  to_flush_.clear();
  ++flush_round_;
}

void HubCore::apply_cancellations_locked(std::vector<std::shared_ptr<Subscription>>& cancelled) {
  for (const auto& subscription : cancelled) drop_locked(subscription, /*close_sink=*/false);
}

void HubCore::deliver_live_locked(const store::TransactionPtr& transaction, bool eager) {
  if (transaction->position <= processed_position_) return;  // already in the start snapshot
  const store::SnapshotPtr snapshot = store_.snapshot();
  std::vector<FilterGroup*> touched;
  for (std::size_t i = 0; i < transaction->changes.size(); ++i) {
    const store::Change& change = transaction->changes[i];
    index_.for_each_candidate(change, ++visit_stamp_, [&](FilterGroup& group) {
      MatchedChange match = match_change(group, change, i, *snapshot);
      if (match.transition == Transition::kNone) return;
      if (group.matches.empty()) touched.push_back(&group);
      group.matches.push_back(match);
    });
  }
  EventBodyCache bodies(*transaction);
  std::vector<SubscriptionPtr> refused;
  std::uint64_t written = 0;
  for (FilterGroup* group : touched) {
    const std::size_t total = group->matches.size();
    for (std::size_t k = 0; k < total; ++k) {
      // Events outer, listeners inner: everyone gets event k before anyone gets event k+1,
      // and each listener still sees the transaction's events in order.
      for (const SubscriptionPtr& subscription : group->subscriptions) {
        if (!subscription->live || subscription->cancelled.load(std::memory_order_relaxed)) {
          continue;
        }
        if (subscription->sink->write_quiet(
                bodies.get(group->matches[k], total, k + 1, subscription->options))) {
          ++written;
          if (subscription->flush_round != flush_round_) {
            subscription->flush_round = flush_round_;
            to_flush_.push_back(subscription);
            if (eager && k == 0 && to_flush_.size() >= kFlushEvery) flush_writers();
          }
        } else {
          subscription->cancelled.store(true, std::memory_order_relaxed);
          refused.push_back(subscription);
        }
      }
    }
    group->matches.clear();
  }
  processed_position_ = transaction->position;
  last_transaction_ = transaction;
  events_written_.fetch_add(written, std::memory_order_relaxed);
  bodies_encoded_.fetch_add(bodies.distinct_bodies(), std::memory_order_relaxed);
  for (const SubscriptionPtr& subscription : refused) {
    listeners_dropped_.fetch_add(1, std::memory_order_relaxed);
    drop_locked(subscription, /*close_sink=*/true);
  }
}

void HubCore::keep_alive_locked() {
  static const auto comment = std::make_shared<const std::string>(encode_keep_alive());
  std::vector<SubscriptionPtr> refused;
  for (const auto& [id, subscription] : subscriptions_) {
    if (!subscription->live || subscription->cancelled.load(std::memory_order_relaxed)) continue;
    if (!subscription->sink->write(comment)) refused.push_back(subscription);
  }
  for (const SubscriptionPtr& subscription : refused) {
    listeners_dropped_.fetch_add(1, std::memory_order_relaxed);
    drop_locked(subscription, /*close_sink=*/true);
  }
}

void HubCore::drop_locked(const SubscriptionPtr& subscription, bool close_sink) {
  if (subscription->removed) return;
  subscription->removed = true;
  subscription->cancelled.store(true, std::memory_order_relaxed);
  const FilterGroupPtr group = subscription->group;
  erase_one(group->subscriptions, subscription);
  if (group->subscriptions.empty()) {
    index_.remove(group.get());
    groups_.erase(group->key);
  }
  if (auto it = per_identity_.find(subscription->identity); it != per_identity_.end()) {
    if (--it->second == 0) per_identity_.erase(it);
  }
  subscriptions_.erase(subscription->id);
  if (!subscription->live) erase_one(catching_up_, subscription);
  if (close_sink) subscription->sink->close();
}

void HubCore::close_all() {
  std::unordered_map<std::uint64_t, SubscriptionPtr> subscriptions;
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    subscriptions.swap(subscriptions_);
    for (auto& [id, subscription] : subscriptions) {
      subscription->removed = true;
      subscription->cancelled.store(true, std::memory_order_relaxed);
    }
    for (auto& [key, group] : groups_) {
      index_.remove(group.get());
      group->subscriptions.clear();  // breaks the group <-> subscription cycle
    }
    groups_.clear();
    per_identity_.clear();
    catching_up_.clear();
  }
  for (auto& [id, subscription] : subscriptions) subscription->sink->close();
}

}  // namespace ledgerline::realtime
