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
                               std::vector<TransactionValidator> validators)
    : storage_(storage),
      log_(log),
      validators_(std::move(validators)),
      published_(initial),
      stored_(initial) {
  if (!storage_.shared()) {
    working_ = initial->document_set();
    working_.defer_references(&open_references_, [this] { return working_references(); });
    working_position_ = initial->position();
    indexer_ = std::make_unique<ReferenceIndexer>();
    notifier_ = std::thread([this] {
      pthread_setname_np(pthread_self(), "notify");
      run_notifier();
    });
    persister_ = std::thread([this] {
      pthread_setname_np(pthread_self(), "persist");
      run_persister();
    });
  }
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
      queue_.push_back(Pending{std::move(mutations),
                               std::move(build),
                               std::move(options),
                               std::move(done),
                               StageTimings::Clock::now(),
                               {}});
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
  auto self = std::this_thread::get_id();
  if (self != thread_.get_id() && self != notifier_.get_id()) std::lock_guard wait(notify_mutex_);
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
  {
    std::lock_guard lock(handover_mutex_);
    persister_closing_ = true;
    handover_changed_.notify_all();
  }
  if (persister_.joinable()) persister_.join();
  {
    std::lock_guard lock(notices_mutex_);
    notifier_closing_ = true;
    notices_changed_.notify_all();
  }
  if (notifier_.joinable()) notifier_.join();
}

void CommitPipeline::request_catch_up() {
  std::lock_guard lock(queue_mutex_);
  catch_up_requested_ = true;
  queue_ready_.notify_one();
}

StorageHealth CommitPipeline::health() const {
  StorageHealth health;
  health.shared = storage_.shared();
  health.position = published_.load()->position();
  std::lock_guard lock(health_mutex_);
  health.reachable = storage_error_.empty();
  health.error = storage_error_;
  return health;
}

std::string CommitPipeline::failure() const {
  std::lock_guard lock(failure_mutex_);
  return failure_;
}

void CommitPipeline::note_storage(const Status& status) {
  std::lock_guard lock(health_mutex_);
  if (status.ok()) {
    if (!storage_error_.empty()) spdlog::info("commit: storage answers again");
    storage_error_.clear();
  } else {
    if (storage_error_.empty()) spdlog::warn("commit: storage failed: {}", status.error().message);
    storage_error_ = status.error().message;
  }
}

void CommitPipeline::run() {
  if (persister_.joinable()) return run_staged();
  std::vector<Pending> batch;
  while (true) {
    {
      std::unique_lock lock(queue_mutex_);
      queue_ready_.wait(lock,
                        [this] { return !queue_.empty() || catch_up_requested_ || closing_; });
      if (queue_.empty() && !catch_up_requested_) return;  // closing, everything committed
      batch.swap(queue_);
      catch_up_requested_ = false;
    }
    process(batch);
    batch.clear();
  }
}

void CommitPipeline::process(std::vector<Pending>& batch) {
  std::shared_ptr<const StoreSnapshot> base = published_.load();
  DocumentSet working = base->document_set();
  std::uint64_t position = base->position();
  if (std::optional<Group> group = prepare(batch, working, position)) {
    store(*group);
    publish(*group);
  }
}

bool CommitPipeline::in_flight(const std::string& transaction_id) {
  std::lock_guard lock(in_flight_mutex_);
  return in_flight_ids_.count(transaction_id) > 0;
}

void CommitPipeline::forget_in_flight(const Group& group) {
  if (group.explicit_ids.empty()) return;
  std::lock_guard lock(in_flight_mutex_);
  for (const std::string& id : group.explicit_ids) {
    if (auto found = in_flight_ids_.find(id); found != in_flight_ids_.end()) {
      in_flight_ids_.erase(found);
    }
  }
}

void CommitPipeline::reject(Group& group, const std::string& why) {
  forget_in_flight(group);
  for (std::size_t i = 0; i < group.batch.size(); ++i) {
    Result<CommitResult>& result = group.outcomes[i].result;
    // Failures stand; anything that worked was worked out on state that was never stored.
    if (result.ok()) {
      result = Error::unavailable(
          "the transaction could not be stored: an earlier one it was applied after failed: " + why,
          "storageError");
    }
    if (group.batch[i].done) group.batch[i].done(std::move(result));
  }
}

Result<std::vector<storage::LogRecord>> CommitPipeline::others_after(std::uint64_t position,
                                                                     bool writing) {
  if (writing) return storage_.begin_write(position);
  std::vector<storage::LogRecord> others;
  if (!storage_.shared()) return others;
  constexpr std::size_t kPage = 1000;
  while (true) {
    auto page = storage_.read_log(position + others.size(), kPage);
    if (!page.ok()) return std::move(page).error();
    bool last_page = page->size() < kPage;
    if (others.empty() && !page->empty() && page->front().position > position + 1) {
      return Error::internal("the log no longer holds position " + std::to_string(position + 1) +
                             " (its retention passed this node by); restart the node");
    }
    for (storage::LogRecord& record : *page) {
      if (record.position != position + others.size() + 1) return others;  // not there yet
      others.push_back(std::move(record));
    }
    if (last_page) return others;
  }
}

void CommitPipeline::apply_others(std::vector<storage::LogRecord> records, DocumentSet& working,
                                  std::uint64_t& position, std::vector<TransactionPtr>& committed) {
  for (storage::LogRecord& record : records) {
    TransactionPtr transaction = from_log_record(std::move(record));
    for (const Change& change : transaction->changes) {
      if (change.next.is_null()) {
        working.remove(change.id);
      } else {
        working.put(change.next);
      }
    }
    position = transaction->position;
    committed.push_back(std::move(transaction));
  }
}

bool CommitPipeline::committed_despite(const Error& error,
                                       const std::vector<storage::LogRecord>& records) {
  if (!storage_.shared() || error.code != ErrorCode::kUnavailable) return false;
  auto found = storage_.find_position(records.back().transaction_id);
  return found.ok() && *found == records.back().position;
}

std::optional<CommitPipeline::Group> CommitPipeline::prepare(std::vector<Pending>& batch,
                                                             DocumentSet& working,
                                                             std::uint64_t& position) {
  Group group;
  group.writing = !batch.empty();

  // What other nodes committed comes first: this group continues the log after it.
  auto others = others_after(position, group.writing);
  note_storage(others.ok() ? Status::success() : Status(others.error()));
  if (!others.ok()) {
    for (Pending& pending : batch) {
      if (pending.done) {
        pending.done(Error::unavailable(
            "the transaction could not be stored: " + others.error().message, "storageError"));
      }
    }
    return std::nullopt;
  }
  apply_others(std::move(*others), working, position, group.others);

  group.outcomes.reserve(batch.size());
  std::vector<std::string> batch_ids;
  for (Pending& pending : batch) {
    group.outcomes.push_back(apply(pending, working, position, batch_ids));
    if (group.outcomes.back().transaction && !pending.options.transaction_id.empty()) {
      group.explicit_ids.push_back(pending.options.transaction_id);
    }
  }
  group.batch = std::move(batch);
  group.after = std::make_shared<const StoreSnapshot>(working, position);
  return group;
}

void CommitPipeline::store(Group& group) {
  std::vector<storage::LogRecord> records;
  for (const Outcome& outcome : group.outcomes) {
    if (outcome.transaction) records.push_back(to_log_record(*outcome.transaction));
  }
  group.durable = true;
  if (records.empty()) {
    if (group.writing) storage_.abandon_write();
  } else {
    std::vector<const storage::LogRecord*> pointers;
    for (const storage::LogRecord& record : records) pointers.push_back(&record);
    Status persisted = storage_.persist(pointers);
    if (!persisted && committed_despite(persisted.error(), records)) persisted = Status::success();
    note_storage(persisted);
    if (!persisted) {
      storage_.abandon_write();  // in case the engine left it open
      group.durable = false;
      {
        std::lock_guard lock(failure_mutex_);
        failure_ = persisted.error().message;
      }
      // Before any caller hears of it, so a retry is applied to what was stored.
      failed_generation_.store(group.generation + 1);
      spdlog::error("commit: storage failed, {} transaction(s) rejected: {}", records.size(),
                    persisted.error().message);
      for (Outcome& outcome : group.outcomes) {
        if (!outcome.transaction) continue;
        outcome.transaction.reset();
        outcome.result = Error::unavailable(
            "the transaction could not be stored: " + persisted.error().message, "storageError");
      }
    }
  }
}

void CommitPipeline::publish(Group& group) {
  // A failed group publishes nothing, not even the others' records: they are read again next
  // time, with the position unchanged.
  std::vector<TransactionPtr> committed;
  std::shared_ptr<const StoreSnapshot> superseded;
  std::vector<TransactionPtr> evicted;  // fell out of the in-memory log
  bool any = !group.others.empty() || std::any_of(group.outcomes.begin(), group.outcomes.end(),
                                                  [](const Outcome& o) { return o.transaction; });
  if (group.durable && any) {
    committed = std::move(group.others);
    for (const Outcome& outcome : group.outcomes) {
      if (outcome.transaction) committed.push_back(outcome.transaction);
    }
    superseded = published_.exchange(std::move(group.after));
    for (const TransactionPtr& transaction : committed) {
      if (TransactionPtr old = log_.append(transaction)) evicted.push_back(std::move(old));
    }
  }
  group.after.reset();

  // Stored or not, the group's transaction ids are no longer in flight when callers hear.
  forget_in_flight(group);
  // Listeners first: when a caller gets its answer, its events are already handed out.
  if (!committed.empty()) {
    std::lock_guard notifying(notify_mutex_);
    for (const auto& listener : current_listeners()) (*listener)(committed);
  }
  for (std::size_t i = 0; i < group.batch.size(); ++i) {
    if (group.batch[i].done) group.batch[i].done(std::move(group.outcomes[i].result));
  }
  // The superseded snapshot and the transactions the log let go of are freed last (on the
  // notifier when there are three stages): what only they held can be many tree nodes and old
  // document versions, and the callers need not wait for that.
  superseded.reset();
  evicted.clear();
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
      (storage_.find_position(transaction_id).ok() || in_flight(transaction_id) ||
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
  for (const TransactionValidator& validator : validators_) {
    if (!applied.ok()) break;
    if (Status valid = validator(DocumentSetView(working), applied->changes, options); !valid) {
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
