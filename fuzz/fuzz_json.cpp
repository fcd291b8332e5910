// Fuzzes the JSON parser: any input must parse or fail cleanly, and what parses must round-trip.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "util/json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = ledgerline::parse_json(text);
  if (!parsed.ok()) return 0;
  auto again = ledgerline::parse_json(parsed->to_json());
  if (!again.ok() || !(*again == *parsed)) std::abort();
  return 0;
}
