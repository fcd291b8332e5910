// Fuzzes the patch engine (paths, operations, diff-match-patch): input is JSON
// {"doc":{...},"patch":{...}}; any patch must apply or fail with an error, never crash.
#include <cstdint>
#include <string_view>

#include "patch/patch.h"
#include "util/json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto input = ledgerline::parse_json(text);
  if (!input.ok() || !input->is_object()) return 0;
  ledgerline::Value document = input->get("doc");
  if (!document.is_object()) document = ledgerline::Value::empty_object();
  auto patched = ledgerline::patch::apply_patch(document, input->get("patch"), {});
  if (patched.ok()) (void)patched->to_json();
  return 0;
}
