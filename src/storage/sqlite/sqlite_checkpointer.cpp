#include "storage/sqlite/sqlite_checkpointer.h"

#include <pthread.h>

#include "util/log.h"

namespace ledgerline::storage::sqlite {

Status Checkpointer::start(const std::string& path, Connection& writer, int frames_threshold) {
  frames_threshold_ = frames_threshold;
  if (Status s = connection_.open(path, false); !s) return s;
  if (Status s = connection_.exec("PRAGMA synchronous=FULL;"); !s) return s;
  writer_ = writer.handle();
  sqlite3_wal_hook(writer_, &Checkpointer::on_wal_commit, this);  // replaces auto-checkpoints
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "checkpoint");
    run();
  });
  return Status::success();
}

Checkpointer::~Checkpointer() {
  if (writer_ != nullptr) sqlite3_wal_hook(writer_, nullptr, nullptr);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

int Checkpointer::on_wal_commit(void* self, sqlite3* db, const char*, int frames) {
  auto* checkpointer = static_cast<Checkpointer*>(self);
  if (frames >= checkpointer->frames_threshold_ * 10) {
    // Under nonstop commits a background checkpoint never catches up with the end of the WAL,
    // so the writer never restarts it: past this bound the writer checkpoints itself (as
    // SQLite's own auto-checkpoint would), which lets the next commit start a fresh WAL.
    sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  } else if (frames >= checkpointer->frames_threshold_) {
    std::lock_guard lock(checkpointer->mutex_);
    checkpointer->requested_ = true;
    checkpointer->wake_.notify_one();
  }
  return SQLITE_OK;
}

void Checkpointer::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return requested_ || stopping_; });
    if (stopping_) return;
    requested_ = false;
    lock.unlock();
    // PASSIVE: copies what it can without blocking the writer or readers; the writer restarts
    // the WAL from its beginning once everything was copied back.
    int rc = sqlite3_wal_checkpoint_v2(connection_.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                       nullptr, nullptr);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
      spdlog::warn("sqlite checkpoint failed: {}", sqlite3_errmsg(connection_.handle()));
    }
    lock.lock();
  }
}

}  // namespace ledgerline::storage::sqlite
