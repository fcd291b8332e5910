#include "store/reference_indexer.h"

#include <pthread.h>

namespace ledgerline::store {

ReferenceIndexer::ReferenceIndexer() {
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "index");
    run();
  });
}

ReferenceIndexer::~ReferenceIndexer() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
    changed_.notify_all();
  }
  thread_.join();
}

void ReferenceIndexer::start(DocumentSet::ReferenceIndex base,
                             const std::vector<ReferenceChange>* changes) {
  std::lock_guard lock(mutex_);
  index_ = std::move(base);
  changes_ = changes;
  done_ = false;
  changed_.notify_all();
}

DocumentSet::ReferenceIndex ReferenceIndexer::finish() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return done_; });
  done_ = false;
  return std::move(index_);
}

void ReferenceIndexer::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(lock, [this] { return changes_ != nullptr || closing_; });
    if (changes_ == nullptr) return;  // closing, nothing pending
    const std::vector<ReferenceChange>* changes = changes_;
    DocumentSet::ReferenceIndex index = std::move(index_);
    lock.unlock();
    DocumentSet::apply_reference_changes(index, *changes);
    lock.lock();
    index_ = std::move(index);
    changes_ = nullptr;
    done_ = true;
    changed_.notify_all();
  }
}

}  // namespace ledgerline::store
