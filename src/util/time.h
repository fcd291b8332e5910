// Wall-clock time as RFC 3339 UTC strings ("2026-11-25T17:52:10.123Z").
#pragma once

#include <cstdint>
#include <string>

namespace ledgerline {

// Microseconds since the Unix epoch.
std::int64_t now_micros();
// RFC 3339 UTC with millisecond precision and a trailing Z.
std::string format_rfc3339(std::int64_t micros);
inline std::string now_rfc3339() {
  return format_rfc3339(now_micros());
}

}  // namespace ledgerline
