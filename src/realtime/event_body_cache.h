// EventBodyCache: serializes each distinct mutation event of one transaction once and hands
// the same immutable bytes to every listener that receives it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "realtime/event_encoding.h"
#include "store/store.h"

namespace ledgerline::realtime {

class EventBodyCache {
 public:
  explicit EventBodyCache(const store::CommittedTransaction& transaction)
      : transaction_(transaction) {}

  // The SSE bytes of `match` as the `current`-th (1-based) of `total` events for a listener
  // with `options`; encoded on first request, shared afterwards.
  const std::shared_ptr<const std::string>& get(const MatchedChange& match, std::size_t total,
                                                std::size_t current, EventOptions options);

  std::size_t distinct_bodies() const { return bodies_.size(); }

 private:
  struct Key {
    std::uint64_t change_and_flags;  // change index << 8 | transition << 5 | readable | options
    std::uint64_t total_and_current;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& key) const {
      return key.change_and_flags * 0x9E3779B97F4A7C15ull ^ key.total_and_current;
    }
  };

  const store::CommittedTransaction& transaction_;
  std::unordered_map<Key, std::shared_ptr<const std::string>, KeyHash> bodies_;
};

}  // namespace ledgerline::realtime
