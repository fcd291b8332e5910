// Two-thread parsing of stored document JSON (see document_parsing.h).
#include "storage/document_parsing.h"

#include <thread>

#include "util/json.h"

namespace ledgerline::storage {

Result<std::vector<Value>> parse_in_parallel(const std::vector<std::string>& texts) {
  std::vector<Value> documents(texts.size());
  auto parse_range = [&](std::size_t begin, std::size_t end) -> Status {
    for (std::size_t i = begin; i < end; ++i) {
      auto document = parse_json(texts[i]);
      if (!document.ok()) return Error::internal("corrupt document: " + document.error().message);
      documents[i] = std::move(*document);
    }
    return Status::success();
  };
  std::size_t half = texts.size() / 2;
  Status second_half;
  std::thread helper([&] { second_half = parse_range(half, texts.size()); });
  Status first_half = parse_range(0, half);
  helper.join();
  if (!first_half) return std::move(first_half).error();
  if (!second_half) return std::move(second_half).error();
  return documents;
}

}  // namespace ledgerline::storage
