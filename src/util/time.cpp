#include "util/time.h"

#include <fmt/format.h>

#include <chrono>
#include <ctime>

namespace ledgerline {

std::int64_t now_micros() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

std::string format_rfc3339(std::int64_t micros) {
  std::int64_t seconds = micros / 1000000;
  std::int64_t rem = micros % 1000000;
  if (rem < 0) {
    rem += 1000000;
    --seconds;
  }
  // The date and time to the second, kept per thread: a commit stamps many documents within
  // one second, and gmtime_r plus formatting cost more than the rest of this function.
  thread_local std::int64_t cached_seconds = 0;
  thread_local std::string cached;  // "YYYY-MM-DDTHH:MM:SS." of cached_seconds
  if (cached.empty() || seconds != cached_seconds) {
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    cached = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.", tm.tm_year + 1900, tm.tm_mon + 1,
                         tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    cached_seconds = seconds;
  }
  int millis = static_cast<int>(rem / 1000);
  std::string out;
  out.reserve(cached.size() + 4);
  out += cached;
  out.push_back(static_cast<char>('0' + millis / 100));
  out.push_back(static_cast<char>('0' + millis / 10 % 10));
  out.push_back(static_cast<char>('0' + millis % 10));
  out.push_back('Z');
  return out;
}

}  // namespace ledgerline
