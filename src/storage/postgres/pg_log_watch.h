// The PostgreSQL LogWatch: a connection of its own that LISTENs on the channel every commit
// notifies with its newest log position, so other nodes catch up at once instead of at their
// next periodic look at the log.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "storage/storage.h"
#include "util/result.h"

namespace ledgerline::storage::postgres {

// The channel persist() notifies (payload: the newest log position, decimal).
inline constexpr std::string_view kLogChannel = "ledgerline_log";

// Connects to `url` and listens on `channel`. kUnavailable when the server cannot be reached.
Result<std::unique_ptr<LogWatch>> open_log_watch(const std::string& url, std::string_view channel);

}  // namespace ledgerline::storage::postgres
