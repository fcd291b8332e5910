#include "realtime/event_id.h"

namespace ledgerline::realtime {

std::string format_event_id(std::string_view transaction_id, std::string_view document_id) {
  std::string id;
  id.reserve(transaction_id.size() + 1 + document_id.size());
  id.append(transaction_id).push_back('#');
  id.append(document_id);
  return id;
}

std::optional<EventIdParts> parse_event_id(std::string_view id) {
  const auto hash = id.rfind('#');
  if (hash == std::string_view::npos || hash == 0 || hash + 1 == id.size()) return std::nullopt;
  return EventIdParts{std::string(id.substr(0, hash)), std::string(id.substr(hash + 1))};
}

}  // namespace ledgerline::realtime
