// PostgreSQL-only storage behaviour: the writer lock between nodes, snapshot scans, schema
// migrations, and errors that name the server but never its password. Tests that need a
// server skip unless LEDGERLINE_TEST_POSTGRES is set.
#include "storage/postgres/postgres_storage.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "storage/postgres/pg_connection.h"
#include "support/postgres_schema.h"
#include "util/json.h"

namespace ledgerline::storage {
namespace {

LogRecord record(std::uint64_t position, const std::string& id, bool deleted = false) {
  Value next = deleted ? Value()
                       : parse_json(R"({"_id":")" + id + R"(","_type":"t","at":)" +
                                    std::to_string(position) + "}")
                             .value();
  return LogRecord{position,
                   "tx" + std::to_string(position),
                   "2026-01-01T00:00:00.000Z",
                   "me",
                   {DocumentWrite{id, "", "", Value(), next, parse_json("[]").value()}}};
}

TEST(PostgresUrl, PasswordsAreMaskedInEveryForm) {
  using postgres::redact_url;
  using postgres::url_password;
  EXPECT_EQ(redact_url("postgresql://ll:s3cret@db.example:5432/app"),
            "postgresql://ll:***@db.example:5432/app");
  EXPECT_EQ(url_password("postgresql://ll:s3cret@db.example:5432/app"), "s3cret");
  EXPECT_EQ(redact_url("postgres://ll@h/app?sslmode=require&password=s3cret&x=1"),
            "postgres://ll@h/app?sslmode=require&password=***&x=1");
  EXPECT_EQ(redact_url("host=h user=ll password=s3cret dbname=app"),
            "host=h user=ll password=*** dbname=app");
  EXPECT_EQ(redact_url("host=h password='s 3' dbname=app"), "host=h password=*** dbname=app");
  EXPECT_EQ(redact_url("postgresql://h/app"), "postgresql://h/app");
  EXPECT_EQ(url_password("postgresql://h/app"), "");
}

TEST(PostgresStorage, AnUnreachableServerIsUnavailableAndTheMessageHidesThePassword) {
  // Port 1 on loopback: nothing listens there, the connection is refused at once.
  auto storage = open_postgres("postgresql://ll:Sup3rSecret@127.0.0.1:1/app?connect_timeout=5");
  ASSERT_FALSE(storage.ok());
  EXPECT_EQ(storage.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(storage.error().message.find("127.0.0.1"), std::string::npos)
      << storage.error().message;
  EXPECT_EQ(storage.error().message.find("Sup3rSecret"), std::string::npos)
      << storage.error().message;
}

class PostgresStorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (test_support::PostgresSchema::server_url().empty()) {
      GTEST_SKIP() << test_support::PostgresSchema::kSkipMessage;
    }
    schema_ = std::make_unique<test_support::PostgresSchema>();
  }

  std::unique_ptr<Storage> open(PostgresOptions options = {}) {
    auto storage = open_postgres(schema_->url(), options);
    EXPECT_TRUE(storage.ok()) << (storage.ok() ? "" : storage.error().message);
    return storage.ok() ? std::move(*storage) : nullptr;
  }

  std::string single(const std::string& sql) {
    auto rows = schema_->admin().query(sql);
    EXPECT_TRUE(rows.ok()) << (rows.ok() ? "" : rows.error().message);
    return rows.ok() && rows->rows() > 0 ? std::string(rows->text(0, 0)) : "";
  }

  std::unique_ptr<test_support::PostgresSchema> schema_;
};

// Two nodes on one database: a group that does not continue the stored log (the other node
// wrote first) is refused whole, and the log stays one sequence.
TEST_F(PostgresStorageTest, AGroupThatDoesNotContinueTheLogIsAConflict) {
  auto node_a = open();
  auto node_b = open();
  LogRecord first = record(1, "a");
  ASSERT_TRUE(node_a->persist({&first}).ok());
  LogRecord stale = record(1, "b");
  LogRecord stale_next = record(2, "b");
  Status refused = node_b->persist({&stale, &stale_next});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  LogRecord gap = record(5, "c");
  EXPECT_EQ(node_b->persist({&gap}).error().code, ErrorCode::kConflict);
  LogRecord next = record(2, "b");
  ASSERT_TRUE(node_b->persist({&next}).ok());
  EXPECT_EQ(*node_a->last_position(), 2u);
  EXPECT_EQ(node_a->read_log(0, 10)->size(), 2u);
}

// Writers on two nodes racing: each takes last_position()+1 and retries on conflict; the
// advisory lock and the check under it leave one gap-free log with every record once.
TEST_F(PostgresStorageTest, RacingNodesLeaveOneGapFreeLog) {
  constexpr int kEach = 15;
  std::atomic<int> conflicts{0};
  auto writer = [&](std::string node) {
    auto storage = open();
    ASSERT_TRUE(storage);
    for (int written = 0; written < kEach;) {
      std::uint64_t position = *storage->last_position() + 1;
      LogRecord r = record(position, node + std::to_string(written));
      Status s = storage->persist({&r});
      if (s.ok()) {
        ++written;
      } else {
        ASSERT_EQ(s.error().code, ErrorCode::kConflict) << s.error().message;
        ++conflicts;
      }
    }
  };
  std::thread a(writer, "a"), b(writer, "b");
  a.join();
  b.join();
  auto storage = open();
  auto log = storage->read_log(0, 100);
  ASSERT_EQ(log->size(), 2u * kEach);
  for (std::size_t i = 0; i < log->size(); ++i) EXPECT_EQ((*log)[i].position, i + 1);
  std::size_t documents = 0;
  ASSERT_TRUE(storage->load_documents([&](Value) { ++documents; }).ok());
  EXPECT_EQ(documents, 2u * kEach);
}

// A scan sees one snapshot across all its pages, even while another node commits.
TEST_F(PostgresStorageTest, ScanPagesComeFromOneSnapshot) {
  auto storage = open(PostgresOptions{.page_rows = 2});
  auto other = open();
  std::vector<LogRecord> records;
  for (std::uint64_t p = 1; p <= 7; ++p) records.push_back(record(p, "d" + std::to_string(p)));
  std::vector<const LogRecord*> group;
  for (const LogRecord& r : records) group.push_back(&r);
  ASSERT_TRUE(storage->persist(group).ok());
  std::vector<std::string> seen;
  bool wrote = false;
  ASSERT_TRUE(storage
                  ->scan_documents_json([&](std::string_view id, std::string_view) {
                    seen.emplace_back(id);
                    if (!wrote) {
                      wrote = true;
                      LogRecord remove_d7 = record(8, "d7", true);
                      LogRecord add_d9 = record(9, "d9");
                      EXPECT_TRUE(other->persist({&remove_d7, &add_d9}).ok());
                    }
                    return true;
                  })
                  .ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"d1", "d2", "d3", "d4", "d5", "d6", "d7"}));
  std::size_t now = 0;
  ASSERT_TRUE(storage->scan_documents_json([&](auto, auto) { return ++now, true; }).ok());
  EXPECT_EQ(now, 7u);  // d7 gone, d9 added
}

TEST_F(PostgresStorageTest, TheSchemaIsMigratedOnceAndRecorded) {
  {
    auto storage = open();
    ASSERT_TRUE(storage);
    ASSERT_TRUE(storage->open_auth_storage().ok());
  }
  auto again = open();
  ASSERT_TRUE(again);
  ASSERT_TRUE(again->open_auth_storage().ok());
  std::string table = schema_->name() + ".schema_migrations";
  EXPECT_EQ(single("SELECT string_agg(component || ' ' || version, ',' ORDER BY component) FROM " +
                   table),
            "auth 1,documents 1");
  EXPECT_EQ(single("SELECT collation_name FROM information_schema.columns WHERE table_schema = '" +
                   schema_->name() + "' AND table_name = 'documents' AND column_name = 'id'"),
            "C");
}

TEST_F(PostgresStorageTest, ASchemaNewerThanTheBuildIsRefused) {
  { ASSERT_TRUE(open()); }
  ASSERT_TRUE(schema_->admin()
                  .exec("INSERT INTO " + schema_->name() +
                        ".schema_migrations VALUES('documents', 99, 'from the future')")
                  .ok());
  auto storage = open_postgres(schema_->url());
  ASSERT_FALSE(storage.ok());
  EXPECT_NE(storage.error().message.find("newer"), std::string::npos) << storage.error().message;
}

// A connection the server dropped (restart, failover, idle kill) fails the call that finds it
// gone with kUnavailable; the next call reconnects. No write is retried behind the caller's back.
TEST_F(PostgresStorageTest, ALostConnectionIsUnavailableOnceAndThenReconnects) {
  std::string tag = "ll_" + schema_->name();
  auto storage = open_postgres(schema_->url() + "&application_name=" + tag);
  ASSERT_TRUE(storage.ok()) << storage.error().message;
  LogRecord first = record(1, "a");
  ASSERT_TRUE((*storage)->persist({&first}).ok());
  EXPECT_EQ(single("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE "
                   "application_name = '" +
                   tag + "'"),
            "2");  // the writer and the reader
  auto attempt = [&](auto call) {
    for (int i = 0; i < 2; ++i) {
      Status s = call();
      if (s.ok()) return true;
      EXPECT_EQ(s.error().code, ErrorCode::kUnavailable) << s.error().message;
    }
    return false;
  };
  LogRecord second = record(2, "b");
  EXPECT_TRUE(attempt([&]() -> Status { return (*storage)->persist({&second}); }));
  EXPECT_TRUE(attempt([&]() -> Status {
    auto last = (*storage)->last_position();
    if (!last.ok()) return std::move(last).error();
    EXPECT_EQ(*last, 2u);
    return Status::success();
  }));
}

TEST_F(PostgresStorageTest, CommitsAreDurable) {
  auto storage = open();
  ASSERT_TRUE(storage);
  postgres::Connection connection;
  ASSERT_TRUE(connection.open(schema_->url()).ok());
  auto setting = connection.query("SHOW synchronous_commit");
  ASSERT_TRUE(setting.ok());
  EXPECT_EQ(setting->text(0, 0), "on");
}

}  // namespace
}  // namespace ledgerline::storage
