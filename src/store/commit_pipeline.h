// CommitPipeline: the store's single writer. One thread takes every queued transaction at
// once, applies each to the working state (each all-or-nothing on its own), persists the
// successful ones with one storage transaction (group commit: one sync for many), publishes
// the new snapshot atomically, then notifies listeners in log order, then answers each caller.
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
  // Applies one transaction to `working`; on failure leaves `working` unchanged.
  Outcome apply(Pending& pending, DocumentSet& working, std::uint64_t& position,
                std::vector<std::string>& batch_ids);
  std::vector<std::shared_ptr<const Listener>> current_listeners();

  storage::Storage& storage_;
  TransactionLog& log_;
  std::vector<TransactionValidator> validators_;
  std::atomic<std::shared_ptr<const StoreSnapshot>> published_;

  std::mutex queue_mutex_;  // guards queue_ and closing_
  std::condition_variable queue_ready_;
  std::vector<Pending> queue_;
  bool closing_ = false;

  std::mutex notify_mutex_;     // held by the commit thread while it calls listeners
  std::mutex listeners_mutex_;  // guards listeners_ and next_token_
  std::map<std::uint64_t, std::shared_ptr<const Listener>> listeners_;
  std::uint64_t next_token_ = 1;

  std::thread thread_;
};

}  // namespace ledgerline::store
