// Remembers the last few parsed geo values per thread, by identity or equal contents (see
// geometry_of).
#include <array>
#include <cstddef>

#include "groq/geo_shapes.h"

namespace ledgerline::groq::geo {
namespace {

constexpr std::size_t kCacheSize = 8;

struct CacheEntry {
  Value key;  // holds a reference, so the node cannot be freed and its address reused
  std::shared_ptr<const Geometry> geometry;  // nullptr: the key is not a valid geo value
};

struct Cache {
  std::array<CacheEntry, kCacheSize> entries;
  std::size_t next = 0;  // round-robin eviction
};

// Points are cheap to parse: only values with coordinate arrays or members are worth caching.
bool worth_caching(const Value& value) {
  if (!value.same_node(value)) return false;  // no heap node, no identity
  const Value& type = value.get("type");
  return type.is_string() && type.as_string() != "Point";
}

std::shared_ptr<const Geometry> parse_shared(const Value& value) {
  auto parsed = parse_geometry(value);
  if (!parsed) return nullptr;
  return std::make_shared<const Geometry>(std::move(*parsed));
}

}  // namespace

std::shared_ptr<const Geometry> geometry_of(const Value& value) {
  if (!worth_caching(value)) return parse_shared(value);
  thread_local Cache cache;
  for (const CacheEntry& entry : cache.entries) {
    if (entry.key.same_node(value)) return entry.geometry;
  }
  // An object literal in a query is rebuilt for every document: compare contents too (a
  // mismatch usually shows in the first coordinates; a full match costs microseconds).
  for (const CacheEntry& entry : cache.entries) {
    if (entry.key == value) return entry.geometry;
  }
  CacheEntry& slot = cache.entries[cache.next];
  cache.next = (cache.next + 1) % kCacheSize;
  slot.key = value;
  slot.geometry = parse_shared(value);
  return slot.geometry;
}

}  // namespace ledgerline::groq::geo
