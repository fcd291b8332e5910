// Shared fixtures for the realtime tests: a real Store over SQLite in a temp dir, a recording
// Sink (the test stands in for the HTTP connection) and a small SSE parser.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "realtime/hub.h"
#include "realtime/sink.h"
#include "storage/sqlite/sqlite_storage.h"
#include "store/store.h"
#include "support/json.h"
#include "support/temp_dir.h"
#include "support/test_storage.h"
#include "util/value.h"

namespace ledgerline::realtime::testing {

struct SseEvent {
  std::string id;     // "" when the event carried no id
  std::string event;  // "message" when no event line
  Value data;         // parsed JSON (null when no data)
};

// Parses complete SSE events (comments and retry lines skipped).
inline std::vector<SseEvent> parse_sse(std::string_view text) {
  std::vector<SseEvent> events;
  SseEvent current;
  bool any = false;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) break;  // incomplete line
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (line.empty()) {
      if (any) {
        if (current.event.empty()) current.event = "message";
        events.push_back(std::move(current));
      }
      current = SseEvent{};
      any = false;
    } else if (line.starts_with(":") || line.starts_with("retry: ")) {
      continue;
    } else if (line.starts_with("id: ")) {
      current.id = std::string(line.substr(4));
      any = true;
    } else if (line.starts_with("event: ")) {
      current.event = std::string(line.substr(7));
      any = true;
    } else if (line.starts_with("data: ")) {
      auto parsed = parse_json(line.substr(6));
      EXPECT_TRUE(parsed.ok()) << line;
      if (parsed.ok()) current.data = *parsed;
      any = true;
    } else {
      ADD_FAILURE() << "unexpected SSE line: " << line;
    }
  }
  return events;
}

// A Sink that keeps everything written to it. `bound_bytes` > 0 makes it behave like a client
// that never reads: once more than that is queued, write() fails and the sink closes itself.
class RecordingSink : public Sink {
 public:
  explicit RecordingSink(std::size_t bound_bytes = 0) : bound_bytes_(bound_bytes) {}

  bool write(std::shared_ptr<const std::string> bytes) override {
    std::lock_guard lock(mutex_);
    if (closed_) return false;
    if (bound_bytes_ > 0 && text_.size() + bytes->size() > bound_bytes_) {
      closed_ = true;
      return false;
    }
    text_ += *bytes;
    pieces_.push_back(std::move(bytes));
    return true;
  }
  void close() override {
    std::lock_guard lock(mutex_);
    closed_ = true;
    closed_by_hub_ = true;
  }
  // Simulates the connection dropping: later writes fail.
  void cut() {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }

  std::string text() const {
    std::lock_guard lock(mutex_);
    return text_;
  }
  std::vector<SseEvent> events() const { return parse_sse(text()); }
  std::vector<SseEvent> events_named(std::string_view name) const {
    std::vector<SseEvent> out;
    for (SseEvent& event : events()) {
      if (event.event == name) out.push_back(std::move(event));
    }
    return out;
  }
  std::vector<std::shared_ptr<const std::string>> pieces() const {
    std::lock_guard lock(mutex_);
    return pieces_;
  }
  bool closed() const {
    std::lock_guard lock(mutex_);
    return closed_;
  }
  bool closed_by_hub() const {
    std::lock_guard lock(mutex_);
    return closed_by_hub_;
  }

 private:
  const std::size_t bound_bytes_;
  mutable std::mutex mutex_;
  std::string text_;
  std::vector<std::shared_ptr<const std::string>> pieces_;
  bool closed_ = false;
  bool closed_by_hub_ = false;
};

using test_support::TempDir;

using test_support::json;

// A store in a fresh directory plus helpers to commit and to build listen requests.
class HubTest : public ::testing::Test {
 protected:
  void SetUp() override { open_store({}, {}); }

  void open_store(store::StoreOptions store_options, storage::SqliteOptions sqlite_options) {
    hub_.reset();
    store_.reset();
    auto storage = test_support::open_test_storage(dir_.path(), sqlite_options);
    ASSERT_TRUE(storage.ok()) << storage.error().message;
    auto opened = store::Store::open(std::move(*storage), store_options);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
  }

  void TearDown() override {
    hub_.reset();
    if (store_) store_->close();
  }

  ListenHub& hub(HubOptions options = {}) {
    if (!hub_) hub_ = std::make_unique<ListenHub>(*store_, options);
    return *hub_;
  }

  store::CommitResult commit(std::string_view mutations, std::string transaction_id = "") {
    store::CommitOptions options;
    options.transaction_id = std::move(transaction_id);
    options.identity = "tester";
    auto result = store_->commit(json(mutations), options);
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message) << " " << mutations;
    return result.ok() ? *result : store::CommitResult{};
  }

  void settle() { ASSERT_TRUE(hub_->wait_until_idle(std::chrono::seconds(10))); }

  static ListenRequest request(std::string query, std::string params = "{}") {
    ListenRequest request;
    request.query = std::move(query);
    request.params = json(params);
    request.identity = "reader";
    return request;
  }

  struct Connection {
    std::shared_ptr<RecordingSink> sink;
    std::unique_ptr<Listener> listener;
  };
  Connection connect(ListenRequest request, std::size_t bound_bytes = 0) {
    Connection connection{std::make_shared<RecordingSink>(bound_bytes), nullptr};
    auto listener = hub().listen(std::move(request), connection.sink);
    EXPECT_TRUE(listener.ok()) << (listener.ok() ? "" : listener.error().message);
    if (listener.ok()) connection.listener = std::move(*listener);
    return connection;
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<ListenHub> hub_;
};

}  // namespace ledgerline::realtime::testing
