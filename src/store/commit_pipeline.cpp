#include "store/commit_pipeline.h"

#include <pthread.h>

#include <algorithm>

#include "store/mutation_validation.h"
#include "store/transaction_apply.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/time.h"

namespace ledgerline::store {

CommitPipeline::CommitPipeline(storage::Storage& storage, TransactionLog& log,
                               std::shared_ptr<const StoreSnapshot> initial,
                               TransactionValidator validator)
    : storage_(storage),
      log_(log),
      validator_(std::move(validator)),
      published_(std::move(initial)) {
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "commit");
    run();
  });
}

CommitPipeline::~CommitPipeline() {
  close();
}

void CommitPipeline::submit(Value mutations, MutationBuilder build, CommitOptions options,
                            Done done) {
  {
    std::lock_guard lock(queue_mutex_);
    if (!closing_) {
      queue_.push_back(
          Pending{std::move(mutations), std::move(build), std::move(options), std::move(done)});
      queue_ready_.notify_one();
      return;
    }
  }
  done(Error::unavailable("the store is closing"));
}

std::uint64_t CommitPipeline::subscribe(Listener listener) {
  std::lock_guard lock(listeners_mutex_);
  std::uint64_t token = next_token_++;
  listeners_.emplace(token, std::make_shared<const Listener>(std::move(listener)));
  return token;
}

void CommitPipeline::unsubscribe(std::uint64_t token) {
  {
    std::lock_guard lock(listeners_mutex_);
    listeners_.erase(token);
  }
  // Wait out a notification round in progress, so the listener is never called afterwards.
  if (std::this_thread::get_id() != thread_.get_id()) std::lock_guard wait(notify_mutex_);
}

std::vector<std::shared_ptr<const CommitPipeline::Listener>> CommitPipeline::current_listeners() {
  std::lock_guard lock(listeners_mutex_);
  std::vector<std::shared_ptr<const Listener>> out;
  out.reserve(listeners_.size());
  for (const auto& [token, listener] : listeners_) out.push_back(listener);
  return out;
}

void CommitPipeline::close() {
  {
    std::lock_guard lock(queue_mutex_);
    closing_ = true;
    queue_ready_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
}

void CommitPipeline::run() {
  std::vector<Pending> batch;
  while (true) {
    {
      std::unique_lock lock(queue_mutex_);
      queue_ready_.wait(lock, [this] { return !queue_.empty() || closing_; });
      if (queue_.empty()) return;  // closing, and everything queued is committed
      batch.swap(queue_);
    }
    process(batch);
    batch.clear();
  }
}

void CommitPipeline::process(std::vector<Pending>& batch) {
  std::shared_ptr<const StoreSnapshot> base = published_.load();
  DocumentSet working = base->document_set();
  std::uint64_t position = base->position();
  std::vector<Outcome> outcomes;
  outcomes.reserve(batch.size());
  std::vector<std::string> batch_ids;
  for (Pending& pending : batch) outcomes.push_back(apply(pending, working, position, batch_ids));

  std::vector<storage::LogRecord> records;
  for (const Outcome& outcome : outcomes) {
    if (outcome.transaction) records.push_back(to_log_record(*outcome.transaction));
  }
  if (!records.empty()) {
    std::vector<const storage::LogRecord*> pointers;
    for (const storage::LogRecord& record : records) pointers.push_back(&record);
    Status persisted = storage_.persist(pointers);
    if (!persisted) {
      spdlog::error("commit: storage failed, {} transaction(s) rejected: {}", records.size(),
                    persisted.error().message);
      for (Outcome& outcome : outcomes) {
        if (!outcome.transaction) continue;
        outcome.transaction.reset();
        outcome.result = Error::unavailable(
            "the transaction could not be stored: " + persisted.error().message, "storageError");
      }
    } else {
      published_.store(std::make_shared<const StoreSnapshot>(std::move(working), position));
      for (const Outcome& outcome : outcomes) {
        if (outcome.transaction) log_.append(outcome.transaction);
      }
    }
  }

  // Listeners first: when a caller gets its answer, its events are already handed out.
  {
    std::lock_guard notifying(notify_mutex_);
    std::vector<TransactionPtr> committed;
    for (const Outcome& outcome : outcomes) {
      if (outcome.transaction) committed.push_back(outcome.transaction);
    }
    if (!committed.empty()) {
      for (const auto& listener : current_listeners()) (*listener)(committed);
    }
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (batch[i].done) batch[i].done(std::move(outcomes[i].result));
  }
}

CommitPipeline::Outcome CommitPipeline::apply(Pending& pending, DocumentSet& working,
                                              std::uint64_t& position,
                                              std::vector<std::string>& batch_ids) {
  const CommitOptions& options = pending.options;
  std::string transaction_id =
      options.transaction_id.empty() ? random_id() : options.transaction_id;
  if (!options.transaction_id.empty() && !is_valid_document_id(transaction_id)) {
    // It becomes every written document's _rev: same alphabet and length as ids.
    return Outcome{Error::invalid("transactionId must be 1-128 characters of [A-Za-z0-9._-]"),
                   nullptr};
  }
  if (!options.transaction_id.empty() &&
      (storage_.find_position(transaction_id).ok() ||
       std::find(batch_ids.begin(), batch_ids.end(), transaction_id) != batch_ids.end())) {
    return Outcome{Error::conflict("transaction id \"" + transaction_id + "\" was already used",
                                   "transactionIdConflict"),
                   nullptr};
  }
  TransactionContext context{transaction_id, now_rfc3339(), &options};
  Value mutations = std::move(pending.mutations);
  if (pending.build) {
    auto built = pending.build(DocumentSetView(working));
    if (!built.ok()) return Outcome{std::move(built).error(), nullptr};
    mutations = std::move(*built);
  }
  auto applied = apply_transaction(working, mutations, context);  // undone by itself on error
  if (applied.ok() && validator_) {
    if (Status valid = validator_(DocumentSetView(working), applied->changes, options); !valid) {
      undo_changes(working, applied->changes);
      applied = std::move(valid).error();
    }
  }
  if (!applied.ok()) return Outcome{std::move(applied).error(), nullptr};
  CommitResult result{transaction_id, std::move(applied->results), nullptr};
  if (options.dry_run) {
    undo_changes(working, applied->changes);
    return Outcome{std::move(result), nullptr};
  }
  if (!applied->changes.empty()) {
    auto transaction = std::make_shared<CommittedTransaction>();
    transaction->position = ++position;
    transaction->transaction_id = transaction_id;
    transaction->timestamp = context.timestamp;
    transaction->identity = options.identity;
    transaction->changes = std::move(applied->changes);
    result.transaction = transaction;
    batch_ids.push_back(transaction_id);
    return Outcome{std::move(result), std::move(transaction)};
  }
  return Outcome{std::move(result), nullptr};
}

}  // namespace ledgerline::store
