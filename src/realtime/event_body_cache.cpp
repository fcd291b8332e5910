#include "realtime/event_body_cache.h"

namespace ledgerline::realtime {

const std::shared_ptr<const std::string>& EventBodyCache::get(const MatchedChange& match,
                                                              std::size_t total,
                                                              std::size_t current,
                                                              EventOptions options) {
  const Key key{static_cast<std::uint64_t>(match.change_index) << 8 |
                    static_cast<std::uint64_t>(match.transition) << 5 |
                    (match.previous_readable ? 16u : 0u) | (match.next_readable ? 8u : 0u) |
                    options.bits(),
                static_cast<std::uint64_t>(total) << 32 | static_cast<std::uint64_t>(current)};
  auto [it, inserted] = bodies_.try_emplace(key);
  if (inserted) {
    it->second = std::make_shared<const std::string>(
        encode_mutation_event(transaction_, match, total, current, options));
  }
  return it->second;
}

}  // namespace ledgerline::realtime
