#include "http/message.h"

namespace ledgerline::http {

const std::string* Request::header(std::string_view name) const {
  for (const auto& h : headers) {
    if (h.name == name) return &h.value;
  }
  return nullptr;
}

const std::string* Request::query_param(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return &value;
  }
  return nullptr;
}

std::string_view Request::param(std::string_view name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string_view() : std::string_view(it->second);
}

bool Request::flag(std::string_view name) const {
  const std::string* value = query_param(name);
  return value != nullptr && (value->empty() || *value == "true" || *value == "1");
}

}  // namespace ledgerline::http
