#include "realtime/subscription_index.h"

#include <algorithm>

namespace ledgerline::realtime {

namespace {

void erase_one(std::vector<FilterGroup*>& groups, FilterGroup* group) {
  auto it = std::find(groups.begin(), groups.end(), group);
  if (it == groups.end()) return;
  *it = groups.back();
  groups.pop_back();
}

}  // namespace

const std::vector<FilterGroup*>* SubscriptionIndex::find(const Buckets& buckets,
                                                         std::string_view key) {
  if (buckets.empty()) return nullptr;
  auto it = buckets.find(key);
  return it == buckets.end() ? nullptr : &it->second;
}

SubscriptionIndex::Placement SubscriptionIndex::placement_of(const FilterGroup& group) {
  // Both the filter and the read rule must pass, so either one's constraint is sound; the
  // narrower kind (ids) wins.
  Placement placement;
  for (bool by_id : {true, false}) {
    for (const groq::FilterPtr* filter : {&group.filter, &group.read_rule}) {
      if (*filter == nullptr) continue;
      auto keys = by_id ? (*filter)->required_ids() : (*filter)->required_types();
      if (!keys) continue;
      placement.constrained = true;
      placement.by_id = by_id;
      placement.keys = std::move(*keys);
      std::sort(placement.keys.begin(), placement.keys.end());
      placement.keys.erase(std::unique(placement.keys.begin(), placement.keys.end()),
                           placement.keys.end());
      return placement;
    }
  }
  return placement;
}

void SubscriptionIndex::add(FilterGroup* group) {
  Placement placement = placement_of(*group);
  if (!placement.constrained) {
    unconstrained_.push_back(group);
  } else {
    Buckets& buckets = placement.by_id ? by_id_ : by_type_;
    for (std::string& key : placement.keys) buckets[std::move(key)].push_back(group);
  }
  ++size_;
}

void SubscriptionIndex::remove(FilterGroup* group) {
  Placement placement = placement_of(*group);
  if (!placement.constrained) {
    erase_one(unconstrained_, group);
  } else {
    Buckets& buckets = placement.by_id ? by_id_ : by_type_;
    for (const std::string& key : placement.keys) {
      auto it = buckets.find(key);
      if (it == buckets.end()) continue;
      erase_one(it->second, group);
      if (it->second.empty()) buckets.erase(it);
    }
  }
  --size_;
}

}  // namespace ledgerline::realtime
