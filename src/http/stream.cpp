#include "http/stream.h"

#include <utility>

namespace ledgerline::http {

EventStream::EventStream(std::size_t max_queued_bytes) : max_queued_bytes_(max_queued_bytes) {}

EventStream::~EventStream() = default;

bool EventStream::write(std::shared_ptr<const std::string> bytes) {
  return queue(std::move(bytes), /*wake_now=*/true);
}

bool EventStream::write_quiet(std::shared_ptr<const std::string> bytes) {
  return queue(std::move(bytes), /*wake_now=*/false);
}

void EventStream::flush() {
  bool owed;
  {
    std::lock_guard lock(mutex_);
    owed = wake_owed_;
    wake_owed_ = false;
  }
  if (owed) wake();
}

bool EventStream::queue(std::shared_ptr<const std::string> bytes, bool wake_now) {
  bool overflow = false;
  bool needs_wake = false;
  {
    std::lock_guard lock(mutex_);
    if (ended_ || closing_) return false;
    if (bytes == nullptr || bytes->empty()) return true;
    if (queued_bytes_ + bytes->size() > max_queued_bytes_) {
      overflow = true;
    } else {
      // The session takes everything queued before it sleeps again, so only a piece that
      // finds the queue empty needs to wake it.
      needs_wake = queue_.empty();
      if (needs_wake && !wake_now) {
        wake_owed_ = true;
        needs_wake = false;
      }
      queued_bytes_ += bytes->size();
      queue_.push_back(std::move(bytes));
    }
  }
  if (overflow) {
    end();
    return false;
  }
  if (needs_wake) wake();
  return true;
}

void EventStream::close() {
  {
    std::lock_guard lock(mutex_);
    if (ended_ || closing_) return;
    closing_ = true;
  }
  wake();
}

void EventStream::on_disconnect(std::function<void()> callback) {
  {
    std::lock_guard lock(mutex_);
    if (!ended_) {
      disconnect_callbacks_.push_back(std::move(callback));
      return;
    }
  }
  callback();
}

bool EventStream::ended() const {
  std::lock_guard lock(mutex_);
  return ended_;
}

std::size_t EventStream::queued_bytes() const {
  std::lock_guard lock(mutex_);
  return queued_bytes_;
}

void EventStream::set_waker(std::function<void()> waker) {
  bool pending;
  {
    std::lock_guard lock(mutex_);
    waker_ = std::move(waker);
    pending = !queue_.empty() || closing_ || ended_;
  }
  if (pending) wake();
}

bool EventStream::take(std::vector<std::shared_ptr<const std::string>>& out) {
  std::lock_guard lock(mutex_);
  if (ended_) return false;
  if (out.empty()) {
    out.swap(queue_);
  } else {
    for (auto& piece : queue_) out.push_back(std::move(piece));
    queue_.clear();
  }
  queued_bytes_ = 0;
  wake_owed_ = false;  // everything is taken: no need to wake the taker for it
  return !closing_;
}

void EventStream::end() {
  std::vector<std::function<void()>> callbacks;
  std::function<void()> waker;
  {
    std::lock_guard lock(mutex_);
    if (ended_) return;
    ended_ = true;
    queue_ = {};
    queued_bytes_ = 0;
    callbacks.swap(disconnect_callbacks_);
    waker = waker_;
  }
  if (waker) waker();
  for (auto& callback : callbacks) callback();
}

void EventStream::wake() {
  std::function<void()> waker;
  {
    std::lock_guard lock(mutex_);
    waker = waker_;
  }
  if (waker) waker();
}

}  // namespace ledgerline::http
