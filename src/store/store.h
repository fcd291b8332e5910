// The document store: an in-memory, snapshot-isolated document set over a durable Storage
// engine, changed only by transactions that go through one commit pipeline
// (validate -> apply -> persist (group commit) -> publish). Readers never block the writer.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "groq/groq.h"
#include "storage/storage.h"
#include "util/result.h"
#include "util/value.h"

namespace ledgerline::store {

// An immutable view of the whole document set at one log position. Cheap to take and hold.
class Snapshot : public groq::Dataset {
 public:
  virtual std::uint64_t position() const = 0;  // log position of the last transaction it shows
};
using SnapshotPtr = std::shared_ptr<const Snapshot>;

// One document touched by a committed transaction.
struct Change {
  std::string id;
  Value previous;   // document before the transaction, or null when it did not exist
  Value next;       // document after, or null when deleted
  Value mutations;  // array of the request's mutations (normalised JSON) that touched it
};

// A committed transaction as the log and the listen stream see it.
struct CommittedTransaction {
  std::uint64_t position = 0;  // strictly increasing log position (1, 2, 3, ...)
  std::string transaction_id;
  std::string timestamp;        // RFC 3339 UTC
  std::string identity;         // who committed it ("" when unknown)
  std::vector<Change> changes;  // in mutation order, one per document
};
using TransactionPtr = std::shared_ptr<const CommittedTransaction>;

struct CommitOptions {
  bool dry_run = false;  // validate and answer, commit nothing, publish nothing
  bool auto_generate_array_keys = false;
  std::string transaction_id;  // client-chosen id; empty: generated
  std::string identity;        // the committing user's id (for the log and events)
  // Import mode: created documents keep the _rev/_createdAt/_updatedAt they carry (missing
  // ones are filled in as usual). Used by `ledgerline import`; never set from HTTP requests.
  bool preserve_system_fields = false;
  // Set only by the app layer's action path (src/app/shop.h) for transactions it builds; never
  // from HTTP. Validators use it to tell an action's writes from raw data-API mutations.
  bool app_action = false;
};

// One entry of the mutate endpoint's `results`.
struct MutationOutcome {
  std::string id;
  std::string operation;  // "create" | "update" | "delete" | "none"
  Value document;         // the document after the transaction (null for delete)
};

struct CommitResult {
  std::string transaction_id;
  std::vector<MutationOutcome> results;
  TransactionPtr transaction;  // null for dry runs and for transactions that changed nothing
};

// Application rules checked inside the commit pipeline, after a transaction's mutations are
// applied to the working state and before it is persisted. `after` is the working state with
// this transaction applied; `changes` are its changes in mutation order. A non-ok Status
// rejects the transaction alone (its error is returned to the caller unchanged). Validators
// compose: the store runs every one in StoreOptions::validators, in order, each owned by its
// layer (the app's schemas and field protection, auth's write rules, ...); the first error wins.
using TransactionValidator = std::function<Status(
    const groq::Dataset& after, const std::vector<Change>& changes, const CommitOptions& options)>;

// Builds a transaction's mutations from the newest working state, on the commit thread (so
// business actions can read-then-write without races: numbering, stock checks). Returns the
// mutations array, or an error that fails the transaction.
using MutationBuilder = std::function<Result<Value>(const groq::Dataset& working)>;

struct StoreOptions {
  std::size_t memory_log_transactions = 20000;   // recent log kept in memory for resume
  std::vector<TransactionValidator> validators;  // app rules, run in order (see above)
  // Shared storage (several nodes): how often the store looks at the log for other nodes'
  // commits when no notification came (notifications make it look at once).
  std::chrono::milliseconds follow_period{1000};
};

// The storage's state as this node sees it (for /health).
struct StorageHealth {
  bool shared = false;         // several nodes write this storage (PostgreSQL)
  bool reachable = true;       // the last storage call worked
  std::string error;           // why not, when !reachable (never a password)
  std::uint64_t position = 0;  // the newest log position this node shows
};

class Store {
 public:
  virtual ~Store() = default;

  // Opens the store over a storage engine: loads every document and the log tail into memory.
  static Result<std::unique_ptr<Store>> open(std::unique_ptr<storage::Storage> storage,
                                             StoreOptions options = {});

  // The newest committed state. Never blocks on the writer.
  virtual SnapshotPtr snapshot() const = 0;

  // Commits the Sanity mutations array (`[{"create":{..}}, {"patch":{..}}, ...]`) as one
  // all-or-nothing transaction. `done` runs on the store's writer (the commit thread, or on
  // SQLite the notifier, the stage after the persister) once the transaction is durable and
  // visible to snapshot() (or failed). Errors: kInvalidArgument (bad mutation, type "mutationError"
  // with details.items), kConflict (revision mismatch, already exists, missing document),
  // kUnavailable (store closing; storage failed, for it or for a transaction it came after).
  virtual void commit_async(Value mutations, CommitOptions options,
                            std::function<void(Result<CommitResult>)> done) = 0;
  // Blocking convenience wrapper around commit_async.
  Result<CommitResult> commit(Value mutations, CommitOptions options = {});

  // Like commit_async, but the mutations are built by `build` on the commit thread from the
  // working state that the transaction will apply to (nothing can commit in between).
  virtual void commit_built_async(MutationBuilder build, CommitOptions options,
                                  std::function<void(Result<CommitResult>)> done) = 0;

  // Called on the store's writer (see commit_async) with each group of transactions committed
  // together (one storage sync), in log order, after they become visible and before their
  // committers' `done` run. Must be quick and must not commit synchronously. Returns a token for
  // unsubscribe.
  virtual std::uint64_t subscribe(
      std::function<void(const std::vector<TransactionPtr>&)> listener) = 0;
  // After it returns the listener is never called again (it waits for a notification in
  // progress, unless called from inside a listener).
  virtual void unsubscribe(std::uint64_t token) = 0;

  // Committed transactions with position > `after`, oldest first, at most `limit`.
  // kNotFound when `after` is older than the retained log (the caller must reset).
  virtual Result<std::vector<TransactionPtr>> read_log(std::uint64_t after,
                                                       std::size_t limit) const = 0;
  // Finds the log position of a transaction id (for Last-Event-ID), kNotFound if not retained.
  virtual Result<std::uint64_t> position_of(const std::string& transaction_id) const = 0;

  // Whether storage answers (writes fail with kUnavailable while it does not; reads go on).
  virtual StorageHealth health() const = 0;

  // Stops accepting commits, finishes the ones in flight, flushes storage.
  virtual void close() = 0;
};

}  // namespace ledgerline::store
