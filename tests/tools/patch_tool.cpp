// patch_tool: reads NDJSON lines {"doc":{...},"patches":[{...},...],"autoKeys":false} and prints
// one line per input: the document after applying the patches in order, or {"error":"..."}.
// Used by tests/differential/run.mjs to compare the patch engine with @sanity/mutator.
#include <iostream>
#include <string>

#include "patch/patch.h"
#include "util/json.h"

namespace {

std::string error_line(const std::string& message) {
  std::string out = "{\"error\":";
  ledgerline::write_json_string(out, message);
  return out + "}";
}

std::string run_case(const std::string& line) {
  using namespace ledgerline;
  auto input = parse_json(line);
  if (!input.ok()) return error_line("bad input line: " + input.error().message);
  const Value& patches = input->get("patches");
  if (!patches.is_array()) return error_line("bad input line: patches must be an array");
  patch::PatchOptions options;
  options.auto_generate_array_keys = input->get("autoKeys").as_bool();
  Value doc = input->get("doc");
  for (const Value& patch : patches.as_array()) {
    auto next = patch::apply_patch(doc, patch, options);
    if (!next.ok()) return error_line(next.error().message);
    doc = std::move(*next);
  }
  return doc.to_json();
}

}  // namespace

int main() {
  std::ios::sync_with_stdio(false);
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    std::cout << run_case(line) << '\n';
  }
  return 0;
}
