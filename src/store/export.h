// NDJSON export of a snapshot (Sanity's export format: one document per line, _id order),
// streamed in chunks so no copy of the dataset is built in memory.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

#include "store/store.h"

namespace ledgerline::store {

// Writes every document of `snapshot` as one JSON line, passing chunks of about
// `chunk_bytes` to `write`. Stops early and returns false when `write` returns false.
bool export_ndjson(const groq::Dataset& snapshot,
                   const std::function<bool(std::string_view chunk)>& write,
                   std::size_t chunk_bytes = 64 * 1024);

}  // namespace ledgerline::store
