// Subscriptions and the filter groups they share. Listeners with the same query, parameters,
// read rule and identity share one FilterGroup, so a commit evaluates each distinct filter
// once per change no matter how many connections listen with it.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "groq/groq.h"
#include "realtime/event_encoding.h"
#include "realtime/sink.h"
#include "store/store.h"

namespace ledgerline::realtime {

struct FilterGroup;

// One open listen stream. Owned by the hub (shared with its Listener handle).
struct Subscription {
  std::uint64_t id = 0;
  std::string listener_name;
  std::string identity;
  std::shared_ptr<Sink> sink;
  std::shared_ptr<FilterGroup> group;
  EventOptions options;
  // Set by Listener destruction (any thread); the fan-out thread then removes it.
  std::atomic<bool> cancelled{false};
  // Fields below belong to the fan-out thread once the subscription is registered.
  bool removed = false;  // taken out of its group (and counted out of its identity)
  // false while catching up from the log: live events are then read back from the log instead.
  bool live = true;
  // Catch-up cursor: the next log position to send, skipping its first `skip_changes` changes.
  std::uint64_t next_position = 0;
  std::size_t skip_changes = 0;
  // The fan-out round that last wrote to the sink quietly (it gets one flush per round).
  std::uint64_t flush_round = 0;
};
using SubscriptionPtr = std::shared_ptr<Subscription>;

// A compiled filter shared by every subscription registered with the same key.
struct FilterGroup {
  std::string key;
  groq::FilterPtr filter;     // the listener's query filter
  groq::FilterPtr read_rule;  // what the identity may read; null: everything
  groq::EvalOptions eval;     // params and identity for evaluation
  std::vector<SubscriptionPtr> subscriptions;
  // Fan-out scratch space (fan-out thread only).
  std::uint64_t visit_stamp = 0;
  std::vector<MatchedChange> matches;
};
using FilterGroupPtr = std::shared_ptr<FilterGroup>;

// The key under which equal filters share a group.
std::string filter_group_key(std::string_view query, const Value& params,
                             const groq::FilterPtr& read_rule, std::string_view identity);

// How `change` (the `change_index`-th of its transaction) looks to the group: evaluates the
// read rule and the filter on the previous and the next version. transition kNone: no event.
MatchedChange match_change(const FilterGroup& group, const store::Change& change,
                           std::size_t change_index, const groq::Dataset& dataset);

// Every event a transaction produces for the group, in change order.
std::vector<MatchedChange> match_transaction(const FilterGroup& group,
                                             const store::CommittedTransaction& transaction,
                                             const groq::Dataset& dataset);

}  // namespace ledgerline::realtime
