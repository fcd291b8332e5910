// WorkerPool: a few named threads for CPU-heavy request work (GROQ evaluation), so slow
// queries never stall the I/O threads that serve other connections.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ledgerline::http {

class WorkerPool {
 public:
  explicit WorkerPool(std::size_t threads);
  // Runs every task already submitted, then joins the threads.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task` to run on a worker thread. After shutdown began, runs it on the caller.
  void submit(std::function<void()> task);
  std::size_t threads() const { return threads_.size(); }

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace ledgerline::http
