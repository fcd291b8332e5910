// SSE event ids for listen: `<transactionId>#<documentId>`, the same text as the event's
// `eventId`. An id names one exact point in the transaction log (the document's change inside
// that transaction), so a client resuming with Last-Event-ID continues right after it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ledgerline::realtime {

struct EventIdParts {
  std::string transaction_id;
  std::string document_id;
};

// The id a `welcome` carries while the log is still empty: resuming from it replays the log
// from its first transaction. '@' is outside the transaction-id alphabet, so it names no event.
inline constexpr std::string_view kLogStartEventId = "@log-start";

// `transaction_id + "#" + document_id`.
std::string format_event_id(std::string_view transaction_id, std::string_view document_id);

// Splits at the last '#' (document ids never contain '#'; transaction ids may). nullopt when
// there is no '#' or either side is empty.
std::optional<EventIdParts> parse_event_id(std::string_view id);

}  // namespace ledgerline::realtime
