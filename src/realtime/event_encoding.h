// Server-Sent Events framing for listen (docs/http-api.md §7): `welcome`, `welcomeback`,
// `reset`, `channelError`, `disconnect` and `mutation` events, `retry:` and keep-alive
// comments. Every function returns complete SSE bytes (ending in a blank line).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "realtime/transition.h"
#include "store/store.h"
#include "util/result.h"

namespace ledgerline::realtime {

// What a listener asked to see in its mutation events.
struct EventOptions {
  bool include_result = true;              // `result`: the document after the transaction
  bool include_previous_revision = false;  // `previous`: the document before (null if none)
  bool include_mutations = true;           // `mutations`: the mutations that touched it

  unsigned bits() const {
    return (include_result ? 1u : 0u) | (include_previous_revision ? 2u : 0u) |
           (include_mutations ? 4u : 0u);
  }
};

// One change of a transaction as one listener sees it.
struct MatchedChange {
  std::size_t change_index = 0;  // into CommittedTransaction::changes
  Transition transition = Transition::kNone;
  bool previous_readable = true;  // the read rule lets the listener see the version before
  bool next_readable = true;      // ... and the version after
};

// `id: <transactionId>#<documentId>`, `event: mutation`, one `data:` line of JSON with
// documentId, eventId, transactionId, transition, identity, mutations, previousRev, resultRev,
// result, previous, timestamp, visibility ("query"), transactionTotalEvents and
// transactionCurrentEvent (`current` is 1-based).
std::string encode_mutation_event(const store::CommittedTransaction& transaction,
                                  const MatchedChange& match, std::size_t total,
                                  std::size_t current, EventOptions options);

// `retry: <ms>` then `event: welcome` (`{"listenerName":…}`); with `id: <resume_id>` when
// resume_id is not empty, so a client that reconnects before any mutation event resumes here.
std::string encode_welcome(std::chrono::milliseconds retry, std::string_view listener_name,
                           std::string_view resume_id);
// `retry:` then `event: welcomeback` (a resumed stream; replayed events follow).
std::string encode_welcomeback(std::chrono::milliseconds retry, std::string_view listener_name);
// `event: reset` with `{}`: the client's position is unknown or no longer retained; refetch.
std::string encode_reset();
// `event: channelError` with `{"message":…, "error":{type, description, …details}}`.
std::string encode_channel_error(const Error& error);
// `event: disconnect` with `{"reason":…}` (the client stops without reconnecting).
std::string encode_disconnect(std::string_view reason);
// An SSE comment line that keeps idle connections alive.
std::string encode_keep_alive();

}  // namespace ledgerline::realtime
