// Fuzzes the GROQ parser: any text must parse or fail with a positioned queryParseError.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "groq/groq.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = ledgerline::groq::parse(text);
  if (!parsed.ok()) {
    const auto& details = parsed.error().details;
    if (parsed.error().type == "queryParseError" && !details.get("start").is_number()) std::abort();
  }
  return 0;
}
