// Store::open and the Store implementation: storage + in-memory log + commit pipeline.
#include "store/store.h"

#include <future>

#include "store/commit_pipeline.h"
#include "store/log_follower.h"
#include "util/log.h"

namespace ledgerline::store {
namespace {

class StoreImpl final : public Store {
 public:
  StoreImpl(std::unique_ptr<storage::Storage> storage, StoreOptions options,
            std::shared_ptr<const StoreSnapshot> initial)
      : storage_(std::move(storage)),
        log_(*storage_, options.memory_log_transactions),
        pipeline_(*storage_, log_, std::move(initial), std::move(options.validators)) {
    if (storage_->shared()) {
      follower_ = std::make_unique<LogFollower>(*storage_, pipeline_, options.follow_period);
    }
  }
  ~StoreImpl() override { close(); }

  SnapshotPtr snapshot() const override { return pipeline_.snapshot(); }

  void commit_async(Value mutations, CommitOptions options,
                    std::function<void(Result<CommitResult>)> done) override {
    pipeline_.submit(std::move(mutations), nullptr, std::move(options), std::move(done));
  }

  void commit_built_async(MutationBuilder build, CommitOptions options,
                          std::function<void(Result<CommitResult>)> done) override {
    pipeline_.submit(Value(), std::move(build), std::move(options), std::move(done));
  }

  std::uint64_t subscribe(
      std::function<void(const std::vector<TransactionPtr>&)> listener) override {
    return pipeline_.subscribe(std::move(listener));
  }
  void unsubscribe(std::uint64_t token) override { pipeline_.unsubscribe(token); }

  Result<std::vector<TransactionPtr>> read_log(std::uint64_t after,
                                               std::size_t limit) const override {
    return log_.read(after, limit);
  }
  Result<std::uint64_t> position_of(const std::string& transaction_id) const override {
    return log_.position_of(transaction_id);
  }

  StorageHealth health() const override { return pipeline_.health(); }

  void close() override {
    follower_.reset();
    pipeline_.close();
  }

 private:
  std::unique_ptr<storage::Storage> storage_;
  TransactionLog log_;
  CommitPipeline pipeline_;                // its thread stops before the log and storage go away
  std::unique_ptr<LogFollower> follower_;  // shared storage only; stops before the pipeline
};

}  // namespace

Result<std::unique_ptr<Store>> Store::open(std::unique_ptr<storage::Storage> storage,
                                           StoreOptions options) {
  auto last = storage->last_position();
  if (!last.ok()) return std::move(last).error();
  std::vector<Value> documents;
  Status loaded = storage->load_documents([&](Value document) {
    if (document.get("_id").is_string()) documents.push_back(std::move(document));
  });
  if (!loaded) return std::move(loaded).error();
  std::size_t count = documents.size();
  auto initial =
      std::make_shared<const StoreSnapshot>(DocumentSet::build(std::move(documents)), *last);
  spdlog::info("store: {} documents loaded, log position {}", count, *last);
  return std::unique_ptr<Store>(
      std::make_unique<StoreImpl>(std::move(storage), std::move(options), std::move(initial)));
}

Result<CommitResult> Store::commit(Value mutations, CommitOptions options) {
  std::promise<Result<CommitResult>> promise;
  std::future<Result<CommitResult>> future = promise.get_future();
  commit_async(std::move(mutations), std::move(options),
               [&promise](Result<CommitResult> result) { promise.set_value(std::move(result)); });
  return future.get();
}

}  // namespace ledgerline::store
