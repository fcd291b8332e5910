// CommitPipeline: the store's single writer. The commit thread takes every queued transaction
// at once and applies each to the working state (each all-or-nothing on its own); the group's
// successful ones are persisted with one storage transaction (group commit: one sync for many),
// the new snapshot is published atomically, listeners are notified in log order, then each
// caller is answered.
// On storage of its own (SQLite) the stages run on three threads (commit_stages.cpp), in log
// order: the commit thread applies transactions as they arrive to an open group, on top of
// the one being persisted, and hands it over as soon as the persister is free; the persister
// writes and syncs it, while a helper thread brings the group's reverse-reference index up to
// date (the commit thread only records its changes: see ReferenceIndexer); the notifier
// publishes it, notifies listeners, answers its callers and frees the superseded snapshot. So
// applying overlaps persisting, and the group gathers what arrives while the one before it is
// persisted. If a persist fails, that group and every group applied on top of it are rejected
// and the commit thread starts again from the last stored snapshot.
// On storage shared by several nodes both stages run on the commit thread: it first takes the
// storage's writer lock and applies what other nodes committed since its state (catch-up), so
// its group continues the one log; between writes, request_catch_up() makes it follow the
// others' commits.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "store/dataset_view.h"
#include "store/reference_indexer.h"
#include "store/stage_timings.h"
#include "store/transaction_log.h"

namespace ledgerline::store {

class CommitPipeline {
 public:
  using Done = std::function<void(Result<CommitResult>)>;
  using Listener = std::function<void(const std::vector<TransactionPtr>&)>;  // one group

  // Starts the commit thread over `initial`. `storage` and `log` must outlive the pipeline.
  CommitPipeline(storage::Storage& storage, TransactionLog& log,
                 std::shared_ptr<const StoreSnapshot> initial,
                 std::vector<TransactionValidator> validators);
  ~CommitPipeline();  // close()s

  std::shared_ptr<const StoreSnapshot> snapshot() const { return published_.load(); }

  // Queues a transaction: `mutations`, or (when `build` is set) what `build` returns.
  void submit(Value mutations, MutationBuilder build, CommitOptions options, Done done);

  // Makes the commit thread apply other writers' newer log records soon (shared storage).
  void request_catch_up();
  // Whether the last storage call worked, and the position shown.
  StorageHealth health() const;

  std::uint64_t subscribe(Listener listener);
  void unsubscribe(std::uint64_t token);

  // Refuses new work, commits what is queued, stops the thread. Idempotent.
  void close();

 private:
  struct Pending {
    Value mutations;
    MutationBuilder build;
    CommitOptions options;
    Done done;
    StageTimings::Time submitted{};
    StageTimings::Time apply_started{};
  };
  struct Outcome {
    Result<CommitResult> result = Error::internal("not processed");
    TransactionPtr transaction;
  };
  // One group between the stages: applied to a working state, not yet persisted.
  struct Group {
    std::vector<Pending> batch;
    std::vector<Outcome> outcomes;               // one per batch entry
    std::vector<TransactionPtr> others;          // other writers' records, applied first
    std::shared_ptr<const StoreSnapshot> after;  // the state with the whole group applied
    // Three stages: the state as the commit thread handed it over (its reference index not
    // yet brought up to date), its position, and the changes that index still needs.
    DocumentSet set;
    std::uint64_t position = 0;
    std::vector<ReferenceChange> reference_changes;
    bool writing = false;                   // holds the shared storage's writer lock
    std::uint64_t generation = 0;           // see failed_generation_
    std::vector<std::string> explicit_ids;  // caller-chosen transaction ids in it
    std::vector<std::string> ids;           // every transaction id in it
    bool durable = false;                   // set by store(): persisted (or nothing to)
    StageTimings::Time taken{};             // by the persister
    StageTimings::Time stored{};
  };

  void run();
  void run_persister();
  void run_notifier();
  // Both stages on the commit thread, from the published snapshot (shared storage).
  void process(std::vector<Pending>& batch);
  // Applies `batch` on top of `working` (at `position`): the first stage. Empty when storage
  // failed before anything was applied (every caller is then answered).
  std::optional<Group> prepare(std::vector<Pending>& batch, DocumentSet& working,
                               std::uint64_t& position);
  // Persists the group (the second stage); on failure its transactions become errors.
  void store(Group& group);
  // Publishes a stored group, notifies listeners, answers its callers (the third stage).
  void publish(Group& group);
  // Answers a group applied on top of one whose persist failed: nothing of it is stored.
  void reject(Group& group, const std::string& why);
  // The commit thread's loop on storage of its own: apply what arrives to the open group.
  void run_staged();
  // Applies `batch` to the open group on top of working_. After a failed persist it first
  // moves the open group to `rejected` and starts again from the stored snapshot.
  void add_to_open(std::vector<Pending>& batch, Group& rejected);
  // The open group, sealed with its snapshot, for the persister; a new one is opened.
  Group take_open();
  // The working state's whole reference index (the commit thread defers it; a query mutation
  // can need it): once the persister has stored what it took, the stored one with the open
  // group's changes. Called by the commit thread while it applies.
  DocumentSet::ReferenceIndex working_references();
  void end_persisting();  // the persister has stored (or rejected) the group it took
  // Other writers' records after `position`: under the writer lock when `writing` (the lock
  // stays held for this batch's persist), else read without it. None on unshared storage.
  Result<std::vector<storage::LogRecord>> others_after(std::uint64_t position, bool writing);
  // Applies other writers' records to `working`, appending them to `committed`.
  static void apply_others(std::vector<storage::LogRecord> records, DocumentSet& working,
                           std::uint64_t& position, std::vector<TransactionPtr>& committed);
  // After a failed persist on shared storage: true when the group committed all the same (the
  // connection broke while COMMIT was answered), found by its last transaction id.
  bool committed_despite(const Error& error, const std::vector<storage::LogRecord>& records);
  void note_storage(const Status& status);
  std::string failure() const;
  // Applies one transaction to `working`; on failure leaves `working` unchanged.
  Outcome apply(Pending& pending, DocumentSet& working, std::uint64_t& position,
                std::vector<std::string>& batch_ids);
  // Whether a caller-chosen transaction id is in a group handed over but not yet finished.
  bool in_flight(const std::string& transaction_id);
  void forget_in_flight(const Group& group);
  std::vector<std::shared_ptr<const Listener>> current_listeners();

  storage::Storage& storage_;
  TransactionLog& log_;
  std::vector<TransactionValidator> validators_;
  std::atomic<std::shared_ptr<const StoreSnapshot>> published_;
  // Unshared storage: the newest persisted snapshot, ahead of published_ while the notifier
  // catches up. After a failed persist the commit thread starts again from it.
  std::atomic<std::shared_ptr<const StoreSnapshot>> stored_;

  std::mutex queue_mutex_;  // guards queue_, catch_up_requested_ and closing_
  std::condition_variable queue_ready_;
  std::vector<Pending> queue_;
  bool catch_up_requested_ = false;
  bool closing_ = false;

  mutable std::mutex health_mutex_;  // guards storage_error_
  std::string storage_error_;        // "" while storage answers

  std::mutex notify_mutex_;     // held by the thread that calls listeners, while it does
  std::mutex listeners_mutex_;  // guards listeners_ and next_token_
  std::map<std::uint64_t, std::shared_ptr<const Listener>> listeners_;
  std::uint64_t next_token_ = 1;

  // The commit thread's state on unshared storage: where the open group applies. It defers
  // its reference index: the open group's changes to it are recorded in open_references_.
  DocumentSet working_;
  std::vector<ReferenceChange> open_references_;
  std::uint64_t working_position_ = 0;
  std::uint64_t working_generation_ = 0;

  // Guards open_, working_* (on unshared storage) and persister_closing_: the commit thread
  // applies under it, the persister takes the open group under it.
  std::mutex handover_mutex_;
  std::condition_variable handover_changed_;  // the open group got work, or closing
  bool persister_closing_ = false;
  Group open_;                        // the commit thread's: applied, not yet handed over
  mutable std::mutex failure_mutex_;  // guards failure_
  std::string failure_;               // why the last failed persist failed
  // Groups of an older generation were applied on top of a failed one and are rejected; the
  // commit thread starts again from stored_ when it sees a newer generation.
  std::atomic<std::uint64_t> failed_generation_{0};

  std::mutex notices_mutex_;  // guards notices_ and notifier_closing_
  std::condition_variable notices_changed_;
  std::deque<Group> notices_;  // stored groups the notifier has yet to publish
  bool notifier_closing_ = false;
  StageTimings timings_;  // the notifier's

  std::mutex in_flight_mutex_;  // guards in_flight_ids_
  std::unordered_multiset<std::string> in_flight_ids_;

  std::unique_ptr<ReferenceIndexer> indexer_;  // the persister's helper (unshared storage)
  std::mutex persisting_mutex_;  // guards persisting_ (taken after handover_mutex_ when both)
  std::condition_variable persisting_changed_;
  bool persisting_ = false;  // the persister holds a group it has not yet stored
  std::thread thread_;
  std::thread persister_;  // only on unshared storage
  std::thread notifier_;   // only on unshared storage
};

}  // namespace ledgerline::store
