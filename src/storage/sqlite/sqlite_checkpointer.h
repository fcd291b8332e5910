// Checkpointer: copies the WAL back into the database on its own thread and connection, so the
// commit thread never pays for checkpoints (each costs two fsyncs) while it holds up commits.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "storage/sqlite/sqlite_connection.h"

namespace ledgerline::storage::sqlite {

class Checkpointer {
 public:
  // Opens its own connection to `path`, then installs a WAL hook on `writer` that asks for a
  // checkpoint once the WAL holds `frames_threshold` frames (the writer's own automatic
  // checkpoints are switched off; at ten times that the writer checkpoints itself, bounding the
  // WAL under nonstop commits). `writer` must outlive the Checkpointer.
  Status start(const std::string& path, Connection& writer, int frames_threshold = 1000);
  ~Checkpointer();  // stops the thread (the last connection to close checkpoints anyway)

 private:
  static int on_wal_commit(void* self, sqlite3* db, const char* name, int frames);
  void run();

  Connection connection_;
  int frames_threshold_ = 1000;
  std::mutex mutex_;  // guards requested_ and stopping_
  std::condition_variable wake_;
  bool requested_ = false;
  bool stopping_ = false;
  std::thread thread_;
  sqlite3* writer_ = nullptr;
};

}  // namespace ledgerline::storage::sqlite
