// RFC 3339 timestamps for dateTime(): parsing to epoch milliseconds and formatting back
// (UTC, "Z", milliseconds only when non-zero), as the reference implementation does.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ledgerline::groq {

// YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM); nullopt when the text is not one.
std::optional<double> parse_rfc3339(std::string_view text);
// Epoch milliseconds (whole) to "YYYY-MM-DDTHH:MM:SS[.mmm]Z".
std::string format_datetime(double epoch_ms);
// Epoch milliseconds to "YYYY-MM-DDTHH:MM:SS.mmmZ" (JavaScript's toISOString, used by now()).
std::string format_iso_millis(double epoch_ms);

}  // namespace ledgerline::groq
