// Fuzzes parse + evaluate over a small fixed dataset with bounded cost and a deadline: any query
// must produce a value or an error, never crash or hang.
#include <chrono>
#include <cstdint>
#include <string_view>

#include "groq/groq.h"
#include "util/json.h"

namespace {

std::shared_ptr<ledgerline::groq::Dataset> fuzz_dataset() {
  static const char* kDocuments[] = {
      R"json({"_id":"a","_type":"product","name":"Tea","price":250,"tags":["hot","drink"],"stock":3})json",
      R"json({"_id":"b","_type":"bill","customer":{"_type":"reference","_ref":"c"},"items":[{"_key":"k1","product":{"_ref":"a"},"quantity":2}],"total":500,"dueDate":"2026-01-01T00:00:00Z"})json",
      R"json({"_id":"c","_type":"user","name":"Alice","email":"alice@demo.test","location":{"lat":59.9,"lng":10.7}})json",
      R"json({"_id":"drafts.a","_type":"product","name":"Tea (draft)","body":[{"_type":"block","children":[{"_type":"span","text":"Hello"}]}]})json",
  };
  std::vector<ledgerline::Value> documents;
  for (const char* text : kDocuments) documents.push_back(*ledgerline::parse_json(text));
  return ledgerline::groq::make_vector_dataset(std::move(documents));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static auto dataset = fuzz_dataset();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = ledgerline::groq::parse(text);
  if (!parsed.ok()) return 0;
  ledgerline::groq::EvalOptions options;
  options.params = *ledgerline::parse_json(R"({"id":"a","n":2,"ids":["a","b"]})");
  options.now = "2026-11-25T12:00:00Z";
  options.max_cost = 200000;
  options.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(200);
  auto result = ledgerline::groq::evaluate(**parsed, *dataset, options);
  if (result.ok()) (void)result->to_json();
  return 0;
}
