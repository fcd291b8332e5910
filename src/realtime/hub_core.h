// HubCore: the state behind ListenHub (private to the realtime layer). One fan-out thread
// ("listen-fanout") follows the store's commits, delivers live events, replays catching-up
// listeners from the log and writes keep-alives; other threads only register listeners
// (under `mutex_`) or queue cancellations (under `work_mutex_`, never blocking on delivery).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "realtime/filter_group.h"
#include "realtime/hub.h"
#include "realtime/subscription_index.h"

namespace ledgerline::realtime {

class HubCore : public std::enable_shared_from_this<HubCore> {
 public:
  HubCore(store::Store& store, HubOptions options);
  ~HubCore();

  void start();  // subscribes to the store and starts the fan-out thread
  void stop();   // unsubscribes, joins the thread, closes every sink

  Result<std::unique_ptr<Listener>> listen(ListenRequest request, std::shared_ptr<Sink> sink);
  // Queues the removal of a subscription (from any thread, never blocks on delivery).
  void cancel(const std::shared_ptr<Subscription>& subscription);
  void close_all();
  HubStats stats() const;
  bool wait_until_idle(std::chrono::milliseconds timeout) const;

 private:
  // Where a resuming listener continues: log position `next_position`, skipping the first
  // `skip_changes` changes of that transaction.
  struct Cursor {
    std::uint64_t next_position = 0;
    std::size_t skip_changes = 0;
  };
  enum class CatchUp { kCaughtUp, kWaiting, kBlocked, kRefused };

  // --- registration (hub_registration.cpp) ---
  Result<Cursor> resolve_event_id(const std::string& event_id) const;
  std::string resume_id_locked() const;  // the `id:` naming the processed position
  FilterGroupPtr group_for_locked(const std::string& key, groq::FilterPtr filter,
                                  const ListenRequest& request, const Value& params);

  // --- fan-out (hub_fanout.cpp) ---
  // A group committed together (the store's writer): one wake-up, one fan-out round.
  void on_commit(const std::vector<store::TransactionPtr>& group);
  // With no listeners, records the group as delivered; false when the registry is busy or
  // has listeners (then the fan-out thread must deliver it). Caller holds work_mutex_.
  bool advance_unheard(const store::TransactionPtr& last);
  void run();
  void apply_cancellations_locked(std::vector<std::shared_ptr<Subscription>>& cancelled);
  // `eager`: wake writers of the first event in steps (see kFlushEvery), not at round end.
  void deliver_live_locked(const store::TransactionPtr& transaction, bool eager);
  void flush_writers();  // wakes the sinks written quietly since the last flush
  void keep_alive_locked();
  void drop_locked(const SubscriptionPtr& subscription, bool close_sink);

  // --- catch-up from the log (hub_catch_up.cpp) ---
  // One bounded step for every catching-up listener; true when some wait on a full sink.
  bool catch_up_pass();
  CatchUp catch_up(Subscription& subscription, std::uint64_t target, const groq::Dataset& dataset);

  store::Store& store_;
  const HubOptions options_;
  std::uint64_t store_token_ = 0;
  bool subscribed_ = false;

  // Registry: guarded by mutex_ (the fan-out thread holds it while delivering live events).
  mutable std::mutex mutex_;
  std::unordered_map<std::uint64_t, SubscriptionPtr> subscriptions_;
  std::unordered_map<std::string, FilterGroupPtr> groups_;
  SubscriptionIndex index_;
  std::unordered_map<std::string, std::size_t> per_identity_;
  std::vector<SubscriptionPtr> catching_up_;
  std::uint64_t processed_position_ = 0;  // every commit up to here is delivered
  store::TransactionPtr last_transaction_;
  std::uint64_t next_subscription_id_ = 1;
  std::uint64_t visit_stamp_ = 0;
  // Fan-out thread only: sinks written quietly this round, flushed when it ends.
  std::uint64_t flush_round_ = 1;  // a new subscription (flush_round 0) is never current
  std::vector<SubscriptionPtr> to_flush_;
  bool closed_ = false;

  // Work for the fan-out thread: guarded by work_mutex_.
  mutable std::mutex work_mutex_;
  std::condition_variable work_ready_;
  std::deque<store::TransactionPtr> commits_;
  std::vector<std::shared_ptr<Subscription>> cancellations_;
  bool catch_up_requested_ = false;
  bool stopping_ = false;
  bool working_ = false;  // the fan-out thread is between taking work and finishing it

  std::atomic<std::uint64_t> events_written_{0};
  std::atomic<std::uint64_t> bodies_encoded_{0};
  std::atomic<std::uint64_t> listeners_dropped_{0};

  std::thread thread_;
};

}  // namespace ledgerline::realtime
