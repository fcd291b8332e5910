// ListenHub: the real-time fan-out behind `GET /data/listen`. It follows the store's commits in
// log order, finds the subscriptions each change concerns (indexed by the _type/_id
// constraints of their filters), derives appear/update/disappear, serializes each distinct
// event once and writes the shared bytes to every listener's Sink without ever blocking. A
// listener that resumes with Last-Event-ID is replayed from the durable log, exactly once and
// in order, before it goes live; one whose sink refuses bytes is dropped (it resumes later).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "groq/groq.h"
#include "realtime/event_encoding.h"
#include "realtime/sink.h"
#include "store/store.h"
#include "util/result.h"
#include "util/value.h"

namespace ledgerline::realtime {

// One listen request, already decoded from HTTP.
struct ListenRequest {
  std::string query;           // GROQ; its top-level filter `*[...]` selects the documents
  Value params;                // object: parameter name (without `$`) -> value
  EventOptions events;         // includeResult / includePreviousRevision / includeMutations
  std::string identity;        // who listens: the per-identity limit key and identity()
  groq::FilterPtr read_rule;   // ANDed with the filter (what the identity may read); null: all
  std::string last_event_id;   // Last-Event-ID of a reconnecting client ("" when none)
  bool enable_resume = false;  // the client asked for resume: answer `welcomeback`
};

struct HubOptions {
  std::size_t max_listeners_per_identity = 1000;
  std::size_t max_listeners = 200000;
  std::chrono::milliseconds retry{500};  // `retry:` sent at the start of every stream
  // A keep-alive comment is written to every stream this often (0: never).
  std::chrono::milliseconds keep_alive{20000};
  // Catch-up writes pause while a sink holds more than this many unsent bytes.
  std::size_t catch_up_queued_bytes = 64 * 1024;
  // Transactions read from the log per catch-up step of one listener.
  std::size_t catch_up_batch = 256;
};

struct HubStats {
  std::size_t listeners = 0;      // registered and not yet removed
  std::size_t catching_up = 0;    // replaying from the log
  std::size_t filter_groups = 0;  // distinct filters
  std::uint64_t processed_position = 0;
  std::uint64_t events_written = 0;     // mutation events accepted by sinks
  std::uint64_t bodies_encoded = 0;     // distinct mutation event bodies serialized
  std::uint64_t listeners_dropped = 0;  // removed because their sink refused bytes
};

class HubCore;
struct Subscription;

// A registered listener. Destroying it stops delivery (asynchronously; never blocks, safe in a
// Sink's disconnect callback); it does not close the sink.
class Listener {
 public:
  ~Listener();
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;
  const std::string& name() const { return name_; }

 private:
  friend class HubCore;
  Listener(std::weak_ptr<HubCore> core, std::weak_ptr<Subscription> subscription, std::string name);
  std::weak_ptr<HubCore> core_;
  std::weak_ptr<Subscription> subscription_;
  std::string name_;
};

class ListenHub {
 public:
  // Subscribes to `store`'s commits; `store` must outlive the hub.
  explicit ListenHub(store::Store& store, HubOptions options = {});
  // Closes every sink and unsubscribes from the store.
  ~ListenHub();
  ListenHub(const ListenHub&) = delete;
  ListenHub& operator=(const ListenHub&) = delete;

  // Registers a listener and writes its stream start to `sink` before returning:
  //   - fresh: `retry:` + `welcome` (carrying an `id:` for the current log position);
  //   - Last-Event-ID found in the retained log: `retry:` + `welcomeback` (or `welcome` when
  //     !enable_resume), then every missed matching event is replayed, then live events;
  //   - Last-Event-ID unknown or too old: `retry:` + `welcome` + `reset`, then live events.
  // Nothing is missed or sent twice between replay and live. Errors (nothing written):
  // kInvalidArgument with type "queryParseError"/"queryError" for a bad query or params;
  // kTooManyRequests (type "tooManyListeners") past a listener limit, kUnavailable
  // ("shuttingDown") once the hub is closed.
  Result<std::unique_ptr<Listener>> listen(ListenRequest request, std::shared_ptr<Sink> sink);

  // Ends every stream (Sink::close) and refuses new listeners. Idempotent.
  void close_all();

  HubStats stats() const;

  // Waits until every commit visible in the store has been delivered, every cancellation
  // applied and every catch-up finished; false on timeout. For tests and benchmarks.
  bool wait_until_idle(std::chrono::milliseconds timeout) const;

 private:
  std::shared_ptr<HubCore> core_;
};

}  // namespace ledgerline::realtime
