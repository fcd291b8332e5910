// CommitPipeline's three stages on storage of its own (SQLite), each on its thread, in log
// order: the commit thread applies what arrives to the open group (run_staged), the persister
// takes that group whenever it is free and stores it while the ReferenceIndexer brings the
// group's reference index up to date (run_persister), and the notifier publishes it and
// answers (run_notifier). The shared-storage path and the steps both paths use are in
// commit_pipeline.cpp.
#include "store/commit_pipeline.h"

namespace ledgerline::store {

void CommitPipeline::run_staged() {
  std::vector<Pending> batch;
  while (true) {
    {
      std::unique_lock lock(queue_mutex_);
      queue_ready_.wait(lock, [this] { return !queue_.empty() || closing_; });
      if (queue_.empty()) return;  // closing, and everything queued is applied
      batch.swap(queue_);
    }
    Group rejected;
    {
      std::lock_guard lock(handover_mutex_);
      add_to_open(batch, rejected);
      handover_changed_.notify_all();
    }
    if (!rejected.batch.empty()) reject(rejected, failure());
    batch.clear();
  }
}

void CommitPipeline::add_to_open(std::vector<Pending>& batch, Group& rejected) {
  std::uint64_t failed = failed_generation_.load();
  if (working_generation_ < failed) {
    // The open group and working_ build on a group that was never stored: reject it and go on
    // from what was stored.
    rejected = std::move(open_);
    open_ = Group{};
    open_references_.clear();
    std::shared_ptr<const StoreSnapshot> base = stored_.load();
    working_ = base->document_set();
    working_.defer_references(&open_references_, [this] { return working_references(); });
    working_position_ = base->position();
    working_generation_ = failed;
  }
  open_.outcomes.reserve(open_.outcomes.size() + batch.size());
  for (Pending& pending : batch) {
    pending.apply_started = StageTimings::Clock::now();
    open_.outcomes.push_back(apply(pending, working_, working_position_, open_.ids));
    if (open_.outcomes.back().transaction && !pending.options.transaction_id.empty()) {
      open_.explicit_ids.push_back(pending.options.transaction_id);
    }
    open_.batch.push_back(std::move(pending));
  }
}

CommitPipeline::Group CommitPipeline::take_open() {
  Group group = std::move(open_);
  open_ = Group{};
  group.generation = working_generation_;
  // The snapshot is made once the persister's helper has brought its reference index up to date.
  group.set = working_;
  group.position = working_position_;
  group.reference_changes = std::move(open_references_);
  open_references_.clear();
  if (!group.explicit_ids.empty()) {
    std::lock_guard lock(in_flight_mutex_);
    in_flight_ids_.insert(group.explicit_ids.begin(), group.explicit_ids.end());
  }
  return group;
}

void CommitPipeline::end_persisting() {
  std::lock_guard lock(persisting_mutex_);
  persisting_ = false;
  persisting_changed_.notify_all();
}

DocumentSet::ReferenceIndex CommitPipeline::working_references() {
  {
    std::unique_lock lock(persisting_mutex_);
    persisting_changed_.wait(lock, [this] { return !persisting_; });
  }
  // working_ is the stored state with the open group applied. (After a failed persist it is
  // not, but then the open group is rejected whatever it reads.)
  DocumentSet::ReferenceIndex index = stored_.load()->document_set().references();
  DocumentSet::apply_reference_changes(index, open_references_);
  return index;
}

void CommitPipeline::run_persister() {
  while (true) {
    Group group;
    {
      // The persister takes the open group itself as soon as it is free: the commit thread
      // goes on applying to a new one without waiting to be woken.
      std::unique_lock lock(handover_mutex_);
      handover_changed_.wait(lock, [this] { return !open_.batch.empty() || persister_closing_; });
      if (open_.batch.empty()) return;  // closing, and the commit thread has stopped
      group = take_open();
      std::lock_guard persisting(persisting_mutex_);
      persisting_ = true;
    }
    group.taken = StageTimings::Clock::now();
    if (group.generation < failed_generation_.load()) {
      end_persisting();
      reject(group, failure());
      continue;
    }
    // The group applies on top of the last stored one (a group on top of a failed one was
    // rejected above), so its reference index is that one's with the group's changes.
    indexer_->start(stored_.load()->document_set().references(), &group.reference_changes);
    store(group);
    group.after = std::make_shared<const StoreSnapshot>(
        group.set.with_references(indexer_->finish()), group.position);
    group.set = DocumentSet{};
    group.reference_changes.clear();
    if (group.durable) stored_.store(group.after);
    end_persisting();
    group.stored = StageTimings::Clock::now();
    std::unique_lock lock(notices_mutex_);
    // A bound, should listeners fall behind: the persister then waits for them.
    constexpr std::size_t kMaxNotices = 8;
    notices_changed_.wait(lock, [this] { return notices_.size() < kMaxNotices; });
    notices_.push_back(std::move(group));
    notices_changed_.notify_all();
  }
}

void CommitPipeline::run_notifier() {
  while (true) {
    Group group;
    {
      std::unique_lock lock(notices_mutex_);
      notices_changed_.wait(lock, [this] { return !notices_.empty() || notifier_closing_; });
      if (notices_.empty()) return;  // closing, and the persister has stopped
      group = std::move(notices_.front());
      notices_.pop_front();
      notices_changed_.notify_all();
    }
    StageTimings::Time publish_started = StageTimings::Clock::now();
    publish(group);
    StageTimings::Time published = StageTimings::Clock::now();
    timings_.add_group(group.taken, group.stored, publish_started, published);
    for (const Pending& pending : group.batch) {
      timings_.add_transaction(pending.submitted, pending.apply_started, group.taken, published);
    }
    timings_.maybe_log(published);
  }
}

}  // namespace ledgerline::store
