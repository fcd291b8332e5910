// Shared by the storage tests: a one-document log record, and every stored document by _id.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "storage/storage.h"
#include "util/json.h"

namespace ledgerline::storage::testing {

// A record at `position` creating (or, with next_json "", deleting) document `id`.
inline LogRecord record(std::uint64_t position, const std::string& id, std::string_view next_json) {
  Value next = next_json.empty() ? Value() : parse_json(next_json).value();
  return LogRecord{position,
                   std::string("tx") + std::to_string(position),
                   "2026-01-01T00:00:00.000Z",
                   "me",
                   {DocumentWrite{id, "", std::string(next.get("_rev").as_string()), Value(), next,
                                  parse_json(R"([{"create":{}}])").value()}}};
}

inline std::map<std::string, Value> documents(Storage& storage) {
  std::map<std::string, Value> out;
  EXPECT_TRUE(
      storage.load_documents([&](Value d) { out[std::string(d.get("_id").as_string())] = d; })
          .ok());
  return out;
}

}  // namespace ledgerline::storage::testing
