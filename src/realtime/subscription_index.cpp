#include "realtime/subscription_index.h"

#include <algorithm>

#include "groq/rule_view.h"

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
  // narrowest kind wins: ids, then the caller's id, then types.
  Placement placement;
  auto take = [&](Kind kind, std::vector<std::string> keys) {
    placement.kind = kind;
    placement.keys = std::move(keys);
    std::sort(placement.keys.begin(), placement.keys.end());
    placement.keys.erase(std::unique(placement.keys.begin(), placement.keys.end()),
                         placement.keys.end());
    return placement;
  };
  for (const groq::FilterPtr* filter : {&group.filter, &group.read_rule}) {
    if (*filter == nullptr) continue;
    if (auto ids = (*filter)->required_ids()) return take(Kind::kById, std::move(*ids));
  }
  if (group.read_rule != nullptr && group.filter != nullptr && group.eval.identity.is_string()) {
    // The rule admits a document of a pinned type only if it names the caller (its _id, or a
    // reference to the caller: groq::identity_access_by_type); if the listen filter admits
    // nothing else, only changes that name the caller can concern the group.
    auto types = group.filter->required_types();
    if (types && !types->empty()) {
      const auto pinned = groq::identity_access_by_type(*group.read_rule);
      if (std::all_of(types->begin(), types->end(),
                      [&](const std::string& type) { return pinned.count(type) > 0; })) {
        return take(Kind::kByIdentity, {std::string(group.eval.identity.as_string())});
      }
    }
  }
  for (const groq::FilterPtr* filter : {&group.filter, &group.read_rule}) {
    if (*filter == nullptr) continue;
    if (auto types = (*filter)->required_types()) return take(Kind::kByType, std::move(*types));
  }
  return placement;
}

SubscriptionIndex::Buckets& SubscriptionIndex::buckets_for(Kind kind) {
  return kind == Kind::kById ? by_id_ : kind == Kind::kByIdentity ? by_identity_ : by_type_;
}

void SubscriptionIndex::add(FilterGroup* group) {
  Placement placement = placement_of(*group);
  if (placement.kind == Kind::kUnconstrained) {
    unconstrained_.push_back(group);
  } else {
    Buckets& buckets = buckets_for(placement.kind);
    for (std::string& key : placement.keys) buckets[std::move(key)].push_back(group);
  }
  ++size_;
}

void SubscriptionIndex::remove(FilterGroup* group) {
  Placement placement = placement_of(*group);
  if (placement.kind == Kind::kUnconstrained) {
    erase_one(unconstrained_, group);
  } else {
    Buckets& buckets = buckets_for(placement.kind);
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
