// The Storage contract (documents and transaction log), run against every engine: SQLite
// always, PostgreSQL when LEDGERLINE_TEST_POSTGRES names a server.
#include <gtest/gtest.h>

#include <map>

#include "storage/storage_engines.h"
#include "storage/storage_records.h"
#include "util/json.h"

namespace ledgerline::storage {
namespace {

class StorageContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string skip;
    engine_ = testing::make_engine(GetParam(), skip);
    if (!engine_) GTEST_SKIP() << skip;
  }

  std::unique_ptr<Storage> open(std::uint64_t log_retention = 100000) {
    auto storage = engine_->open(log_retention);
    EXPECT_TRUE(storage.ok()) << (storage.ok() ? "" : storage.error().message);
    return storage.ok() ? std::move(*storage) : nullptr;
  }

  static LogRecord record(std::uint64_t position, const std::string& id,
                          std::string_view next_json) {
    return testing::record(position, id, next_json);
  }
  static std::map<std::string, Value> documents(Storage& storage) {
    return testing::documents(storage);
  }

  static std::vector<std::string> scan(Storage& storage, std::size_t stop_after = SIZE_MAX) {
    std::vector<std::string> seen;
    EXPECT_TRUE(storage
                    .scan_documents_json([&](std::string_view id, std::string_view json) {
                      seen.push_back(std::string(id) + "=" + std::string(json));
                      return seen.size() < stop_after;
                    })
                    .ok());
    return seen;
  }

  std::unique_ptr<testing::Engine> engine_;
};

TEST_P(StorageContract, EmptyDatabaseHasNoLogAndNoDocuments) {
  auto storage = open();
  ASSERT_TRUE(storage);
  EXPECT_EQ(*storage->last_position(), 0u);
  EXPECT_EQ(*storage->first_position(), 0u);
  EXPECT_TRUE(documents(*storage).empty());
  EXPECT_TRUE(scan(*storage).empty());
  EXPECT_TRUE(storage->read_log(0, 10)->empty());
  EXPECT_EQ(storage->find_position("tx1").error().code, ErrorCode::kNotFound);
}

TEST_P(StorageContract, PersistedGroupsSurviveReopen) {
  {
    auto storage = open();
    LogRecord a = record(1, "a", R"({"_id":"a","_type":"t","_rev":"r1"})");
    LogRecord b = record(2, "b", R"({"_id":"b","_type":"t","_rev":"r2"})");
    ASSERT_TRUE(storage->persist({&a, &b}).ok());
    LogRecord delete_a = record(3, "a", "");
    ASSERT_TRUE(storage->persist({&delete_a}).ok());
  }
  auto storage = open();
  auto docs = documents(*storage);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs["b"].get("_rev").as_string(), "r2");
  EXPECT_EQ(*storage->last_position(), 3u);
  auto log = storage->read_log(1, 10);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[0].position, 2u);
  EXPECT_EQ((*log)[0].transaction_id, "tx2");
  EXPECT_EQ((*log)[0].timestamp, "2026-01-01T00:00:00.000Z");
  EXPECT_EQ((*log)[0].identity, "me");
  EXPECT_EQ((*log)[0].writes[0].next.get("_id").as_string(), "b");
  EXPECT_EQ((*log)[0].writes[0].next_rev, "r2");
  EXPECT_TRUE((*log)[1].writes[0].next.is_null());
  EXPECT_EQ((*log)[1].writes[0].mutations.to_json(), R"([{"create":{}}])");
  EXPECT_EQ(storage->read_log(0, 1)->size(), 1u);  // the limit holds
}

TEST_P(StorageContract, ScanReturnsTheStoredBytesInIdOrderAndStopsWhenAsked) {
  auto storage = open();
  // Ids whose bytewise order differs from a locale's ("B" < "a" < "b", "é" last).
  const char* ids[] = {"b", "a", "B", "\xc3\xa9", "a.b", "a-c", "drafts.x"};
  std::uint64_t position = 0;
  for (const char* id : ids) {
    std::string json = std::string(R"({"_id":")") + id + R"(","_type":"t","n":1.50,"s":"\u00e9"})";
    LogRecord r = record(++position, id, json);
    ASSERT_TRUE(storage->persist({&r}).ok());
  }
  std::vector<std::string> seen = scan(*storage);
  std::vector<std::string> expected_ids = {"B", "a", "a-c", "a.b", "b", "drafts.x", "\xc3\xa9"};
  ASSERT_EQ(seen.size(), expected_ids.size());
  for (std::size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].substr(0, seen[i].find('=')), expected_ids[i]);
  }
  // What the engine returns is what the store serialized, byte for byte.
  std::string stored;
  parse_json(R"({"_id":"B","_type":"t","n":1.50,"s":"\u00e9"})").value().write_json(stored);
  EXPECT_EQ(seen[0], "B=" + stored);
  EXPECT_EQ(scan(*storage, 3).size(), 3u);
  EXPECT_EQ(documents(*storage).size(), expected_ids.size());
}

TEST_P(StorageContract, RetentionKeepsTheNewestRecords) {
  auto storage = open(5);
  for (std::uint64_t p = 1; p <= 12; ++p) {
    LogRecord r = record(p, std::string("d") + std::to_string(p), R"({"_id":"x","_type":"t"})");
    ASSERT_TRUE(storage->persist({&r}).ok());
  }
  EXPECT_EQ(*storage->first_position(), 8u);
  EXPECT_EQ(*storage->last_position(), 12u);
  EXPECT_EQ(storage->read_log(0, 100)->size(), 5u);
  EXPECT_EQ(*storage->find_position("tx9"), 9u);
  EXPECT_EQ(storage->find_position("tx3").error().code, ErrorCode::kNotFound);
}

TEST_P(StorageContract, TransactionIdsAreFoundAfterReopen) {
  {
    auto storage = open(5);
    for (std::uint64_t p = 1; p <= 8; ++p) {
      LogRecord r = record(p, "x", R"({"_id":"x","_type":"t"})");
      ASSERT_TRUE(storage->persist({&r}).ok());
    }
  }
  auto storage = open(5);
  EXPECT_EQ(*storage->find_position("tx4"), 4u);
  EXPECT_EQ(storage->find_position("tx3").error().code, ErrorCode::kNotFound);
  LogRecord r = record(9, "x", R"({"_id":"x","_type":"t"})");
  ASSERT_TRUE(storage->persist({&r}).ok());
  EXPECT_EQ(storage->find_position("tx4").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(*storage->find_position("tx9"), 9u);
}

TEST_P(StorageContract, AReusedTransactionIdFindsItsNewestRecordUntilThatIsTrimmed) {
  auto storage = open(3);
  auto persist = [&](std::uint64_t position, const std::string& transaction_id) {
    LogRecord r = record(position, "x", R"({"_id":"x","_type":"t"})");
    r.transaction_id = transaction_id;
    ASSERT_TRUE(storage->persist({&r}).ok());
  };
  persist(1, "same");
  persist(2, "other");
  persist(3, "same");
  EXPECT_EQ(*storage->find_position("same"), 3u);
  persist(4, "a");  // trims 1: "same" still answers 3
  EXPECT_EQ(*storage->find_position("same"), 3u);
  persist(5, "b");
  persist(6, "c");  // trims 3
  EXPECT_EQ(storage->find_position("same").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(storage->find_position("other").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(*storage->find_position("c"), 6u);
}

TEST_P(StorageContract, AFailedPersistAddsNoTransactionId) {
  auto storage = open();
  LogRecord first = record(1, "x", R"({"_id":"x","_type":"t"})");
  ASSERT_TRUE(storage->persist({&first}).ok());
  LogRecord duplicate = record(1, "y", R"({"_id":"y","_type":"t"})");  // position taken
  duplicate.transaction_id = "never";
  EXPECT_FALSE(storage->persist({&duplicate}).ok());
  EXPECT_EQ(storage->find_position("never").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(*storage->find_position("tx1"), 1u);
  EXPECT_EQ(documents(*storage).count("y"), 0u);
}

TEST_P(StorageContract, DuplicatePositionRollsBackTheWholeGroup) {
  auto storage = open();
  LogRecord a = record(1, "a", R"({"_id":"a","_type":"t"})");
  ASSERT_TRUE(storage->persist({&a}).ok());
  LogRecord b = record(2, "b", R"({"_id":"b","_type":"t"})");
  LogRecord again = record(1, "c", R"({"_id":"c","_type":"t"})");
  EXPECT_FALSE(storage->persist({&b, &again}).ok());
  auto docs = documents(*storage);
  EXPECT_EQ(docs.size(), 1u);
  EXPECT_EQ(*storage->last_position(), 1u);
  LogRecord b_again = record(2, "b", R"({"_id":"b","_type":"t"})");  // the engine still works
  EXPECT_TRUE(storage->persist({&b_again}).ok());
  EXPECT_EQ(*storage->last_position(), 2u);
}

// A rolled-back group must leave the stored documents (and anything an engine caches about
// them) as it found them, or a later write would add a second row for an id or miss a delete.
TEST_P(StorageContract, RolledBackGroupLeavesOneRowPerDocument) {
  auto storage = open();
  LogRecord a = record(1, "a", R"({"_id":"a","_type":"t","v":1})");
  ASSERT_TRUE(storage->persist({&a}).ok());
  LogRecord update_a = record(2, "a", R"({"_id":"a","_type":"t","v":2})");
  LogRecord create_c = record(3, "c", R"({"_id":"c","_type":"t","v":1})");
  LogRecord delete_a = record(4, "a", "");
  LogRecord taken = record(1, "d", R"({"_id":"d","_type":"t"})");  // position 1 is taken
  EXPECT_FALSE(storage->persist({&update_a, &create_c, &delete_a, &taken}).ok());

  LogRecord create_c_again = record(2, "c", R"({"_id":"c","_type":"t","v":2})");
  LogRecord update_a_again = record(3, "a", R"({"_id":"a","_type":"t","v":3})");
  ASSERT_TRUE(storage->persist({&create_c_again, &update_a_again}).ok());
  std::vector<std::string> ids;
  for (const std::string& row : scan(*storage)) ids.push_back(row.substr(0, row.find('=')));
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "c"}));
  auto docs = documents(*storage);
  EXPECT_EQ(docs["a"].get("v").as_number(), 3);
  EXPECT_EQ(docs["c"].get("v").as_number(), 2);
}

TEST_P(StorageContract, DeleteAndRecreateAcrossReopenKeepsOneRow) {
  {
    auto storage = open();
    LogRecord a = record(1, "a", R"({"_id":"a","_type":"t","v":1})");
    LogRecord b = record(2, "b", R"({"_id":"b","_type":"t","v":1})");
    ASSERT_TRUE(storage->persist({&a, &b}).ok());
  }
  {
    auto storage = open();
    LogRecord delete_a = record(3, "a", "");
    LogRecord update_b = record(4, "b", R"({"_id":"b","_type":"t","v":2})");
    ASSERT_TRUE(storage->persist({&delete_a, &update_b}).ok());
    LogRecord recreate_a = record(5, "a", R"({"_id":"a","_type":"t","v":5})");
    ASSERT_TRUE(storage->persist({&recreate_a}).ok());
  }
  auto storage = open();
  EXPECT_EQ(scan(*storage).size(), 2u);
  auto docs = documents(*storage);
  EXPECT_EQ(docs["a"].get("v").as_number(), 5);
  EXPECT_EQ(docs["b"].get("v").as_number(), 2);
}

TEST_P(StorageContract, ManyDocumentsLoadAndScanCompletely) {
  auto storage = open();
  std::vector<LogRecord> records;
  for (std::uint64_t p = 1; p <= 25; ++p) {
    std::string id = "doc" + std::to_string(p);
    records.push_back(record(p, id, R"({"_id":")" + id + R"(","_type":"t"})"));
  }
  std::vector<const LogRecord*> group;
  for (const LogRecord& r : records) group.push_back(&r);
  ASSERT_TRUE(storage->persist(group).ok());
  EXPECT_EQ(documents(*storage).size(), 25u);
  EXPECT_EQ(scan(*storage).size(), 25u);
  EXPECT_EQ(storage->read_log(10, 100)->size(), 15u);
}

// Large groups (an import's) are all or nothing too, also when the failing write comes late
// (PostgreSQL sends a group's statements in chunks of a few hundred).
TEST_P(StorageContract, ALargeGroupIsAllOrNothing) {
  auto storage = open();
  std::vector<LogRecord> records;
  for (std::uint64_t p = 1; p <= 400; ++p) {
    std::string id = "doc" + std::to_string(p);
    records.push_back(record(p, id, R"({"_id":")" + id + R"(","_type":"t"})"));
  }
  std::vector<const LogRecord*> group;
  for (const LogRecord& r : records) group.push_back(&r);
  LogRecord duplicate = record(1, "late", R"({"_id":"late","_type":"t"})");
  group.push_back(&duplicate);
  EXPECT_FALSE(storage->persist(group).ok());
  EXPECT_EQ(*storage->last_position(), 0u);
  EXPECT_TRUE(documents(*storage).empty());
  group.pop_back();
  ASSERT_TRUE(storage->persist(group).ok());
  EXPECT_EQ(*storage->last_position(), 400u);
  EXPECT_EQ(documents(*storage).size(), 400u);
}

INSTANTIATE_TEST_SUITE_P(Engines, StorageContract, ::testing::Values("sqlite", "postgres"),
                         testing::engine_name);

}  // namespace
}  // namespace ledgerline::storage
