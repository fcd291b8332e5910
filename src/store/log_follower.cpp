#include "store/log_follower.h"

#include <pthread.h>

#include "util/log.h"

namespace ledgerline::store {

LogFollower::LogFollower(storage::Storage& storage, CommitPipeline& pipeline,
                         std::chrono::milliseconds period)
    : storage_(storage), pipeline_(pipeline), period_(period) {
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "log-follower");
    run();
  });
}

LogFollower::~LogFollower() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    if (watch_) watch_->stop();
  }
  stopped_.notify_all();
  thread_.join();
}

bool LogFollower::pause(std::chrono::milliseconds duration) {
  std::unique_lock lock(mutex_);
  return !stopped_.wait_for(lock, duration, [this] { return stopping_; });
}

void LogFollower::run() {
  std::shared_ptr<storage::LogWatch> watch;
  while (!watch) {
    auto opened = storage_.watch_log();
    if (opened.ok()) {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      watch_ = std::move(*opened);
      watch = watch_;
    } else {
      spdlog::warn("log follower: cannot watch the log yet: {}", opened.error().message);
      pipeline_.request_catch_up();
      if (!pause(period_)) return;
    }
  }
  bool was_unreachable = false;
  while (true) {
    auto announced = watch->wait(period_);
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    if (!announced.ok()) {
      if (!was_unreachable) {
        spdlog::warn("log follower: lost the log's notifications: {}", announced.error().message);
      }
      was_unreachable = true;
      pipeline_.request_catch_up();
      if (!pause(period_)) return;
      continue;
    }
    // Nothing announced (the period passed), a first wait after an outage, or news.
    if (*announced == 0 || was_unreachable || *announced > pipeline_.snapshot()->position()) {
      pipeline_.request_catch_up();
    }
    was_unreachable = false;
  }
}

}  // namespace ledgerline::store
