// ReferenceIndexer: brings the reverse-reference index up to date for one group of the commit
// pipeline, on a thread of its own, while the persister writes and syncs that group. The
// commit thread only records each document change (DocumentSet::defer_references): changing
// the index copies a path of tree nodes for every referenced id a group touches, about a
// quarter of the commit thread's time when it did it itself.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "store/document_set.h"

namespace ledgerline::store {

class ReferenceIndexer {
 public:
  ReferenceIndexer();
  ~ReferenceIndexer();  // waits for a group in progress

  ReferenceIndexer(const ReferenceIndexer&) = delete;
  ReferenceIndexer& operator=(const ReferenceIndexer&) = delete;

  // Starts applying `changes` (kept alive by the caller until finish()) to `base`. One group at
  // a time: finish() must come before the next start().
  void start(DocumentSet::ReferenceIndex base, const std::vector<ReferenceChange>* changes);
  // Waits for the group started last and returns its index.
  DocumentSet::ReferenceIndex finish();

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable changed_;
  DocumentSet::ReferenceIndex index_;
  const std::vector<ReferenceChange>* changes_ = nullptr;  // set while a group is pending
  bool done_ = false;
  bool closing_ = false;
  std::thread thread_;
};

}  // namespace ledgerline::store
