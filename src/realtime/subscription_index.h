// SubscriptionIndex: finds the filter groups a document change can concern, by the `_id` and
// `_type` constraints of their filters (Filter::required_ids/required_types) and, for groups
// whose read rule pins every type they admit to the caller, by the caller's id among the ids
// the change names, so a commit evaluates only candidate filters. Not thread-safe: the hub
// guards it with its mutex.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "realtime/filter_group.h"
#include "store/store.h"

namespace ledgerline::realtime {

class SubscriptionIndex {
 public:
  void add(FilterGroup* group);
  void remove(FilterGroup* group);

  // Calls `visit` once for each group that may match `change` (before or after): groups
  // constrained to its _id, to its previous or next _type, and unconstrained groups.
  // `stamp` must differ from every earlier call's (it deduplicates groups within one call).
  template <class Visit>
  void for_each_candidate(const store::Change& change, std::uint64_t stamp, Visit&& visit) const {
    auto offer = [&](const std::vector<FilterGroup*>* groups) {
      if (groups == nullptr) return;
      for (FilterGroup* group : *groups) {
        if (group->visit_stamp == stamp) continue;
        group->visit_stamp = stamp;
        visit(*group);
      }
    };
    offer(find(by_id_, change.id));
    offer(find(by_type_, change.previous.get("_type").as_string()));
    offer(find(by_type_, change.next.get("_type").as_string()));
    if (!by_identity_.empty()) {
      // Groups pinned to their caller: offered only what names the caller (its id or a _ref).
      offer(find(by_identity_, change.id));
      for_each_reference(change.previous,
                         [&](std::string_view ref) { offer(find(by_identity_, ref)); });
      for_each_reference(change.next,
                         [&](std::string_view ref) { offer(find(by_identity_, ref)); });
    }
    offer(&unconstrained_);
  }

  std::size_t size() const { return size_; }

 private:
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Buckets =
      std::unordered_map<std::string, std::vector<FilterGroup*>, StringHash, std::equal_to<>>;
  static const std::vector<FilterGroup*>* find(const Buckets& buckets, std::string_view key);
  // Every string `_ref` inside `document`, at any depth.
  template <class Visit>
  static void for_each_reference(const Value& value, Visit&& visit) {
    if (value.is_array()) {
      for (const Value& item : value.as_array()) for_each_reference(item, visit);
    } else if (value.is_object()) {
      for (const Member& member : value.as_object()) {
        if (member.key.str() == "_ref" && member.value.is_string()) {
          visit(member.value.as_string());
        } else {
          for_each_reference(member.value, visit);
        }
      }
    }
  }
  // Where a group is filed: under ids, under its caller's id (a rule-bound group whose filter
  // admits only types the rule pins to the caller: every document it can see names the caller,
  // by _id or by a reference), under types, or (not constrained) with every change.
  enum class Kind { kUnconstrained, kById, kByIdentity, kByType };
  struct Placement {
    Kind kind = Kind::kUnconstrained;
    std::vector<std::string> keys;  // sorted, unique
  };
  Buckets& buckets_for(Kind kind);
  static Placement placement_of(const FilterGroup& group);

  Buckets by_id_;
  Buckets by_identity_;
  Buckets by_type_;
  std::vector<FilterGroup*> unconstrained_;
  std::size_t size_ = 0;
};

}  // namespace ledgerline::realtime
