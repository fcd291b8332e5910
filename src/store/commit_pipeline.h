// CommitPipeline: the store's single writer. One thread takes every queued transaction at
// once, applies each to the working state (each all-or-nothing on its own), persists the
// successful ones with one storage transaction (group commit: one sync for many), publishes
// the new snapshot atomically, then notifies listeners in log order, then answers each caller.
// On storage shared by several nodes it first takes the storage's writer lock and applies what
// other nodes committed since its state (catch-up), so its group continues the one log; between
// writes, request_catch_up() makes it follow the others' commits.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "store/dataset_view.h"
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
  };
  struct Outcome {
    Result<CommitResult> result = Error::internal("not processed");
    TransactionPtr transaction;
  };

  void run();
  void process(std::vector<Pending>& batch);
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
  // Applies one transaction to `working`; on failure leaves `working` unchanged.
  Outcome apply(Pending& pending, DocumentSet& working, std::uint64_t& position,
                std::vector<std::string>& batch_ids);
  std::vector<std::shared_ptr<const Listener>> current_listeners();

  storage::Storage& storage_;
  TransactionLog& log_;
  std::vector<TransactionValidator> validators_;
  std::atomic<std::shared_ptr<const StoreSnapshot>> published_;

  std::mutex queue_mutex_;  // guards queue_, catch_up_requested_ and closing_
  std::condition_variable queue_ready_;
  std::vector<Pending> queue_;
  bool catch_up_requested_ = false;
  bool closing_ = false;

  mutable std::mutex health_mutex_;  // guards storage_error_
  std::string storage_error_;        // "" while storage answers

  std::mutex notify_mutex_;     // held by the commit thread while it calls listeners
  std::mutex listeners_mutex_;  // guards listeners_ and next_token_
  std::map<std::uint64_t, std::shared_ptr<const Listener>> listeners_;
  std::uint64_t next_token_ = 1;

  std::thread thread_;
};

}  // namespace ledgerline::store
