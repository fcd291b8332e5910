// LogFollower: on storage shared by several nodes, a thread that keeps this node's store up
// with the others' commits. It waits on the storage's LogWatch (a notification per commit) and
// asks the commit pipeline to catch up on each one that is news, and once per period anyway
// (a notification may be lost, e.g. while the database was unreachable).
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "storage/storage.h"
#include "store/commit_pipeline.h"

namespace ledgerline::store {

class LogFollower {
 public:
  // `storage` and `pipeline` must outlive the follower.
  LogFollower(storage::Storage& storage, CommitPipeline& pipeline,
              std::chrono::milliseconds period);
  ~LogFollower();  // stops and joins the thread

 private:
  void run();
  // Sleeps `duration` unless stopped first; false when stopped.
  bool pause(std::chrono::milliseconds duration);

  storage::Storage& storage_;
  CommitPipeline& pipeline_;
  std::chrono::milliseconds period_;
  std::mutex mutex_;  // guards stopping_ and watch_
  std::condition_variable stopped_;
  bool stopping_ = false;
  std::shared_ptr<storage::LogWatch> watch_;
  std::thread thread_;
};

}  // namespace ledgerline::store
