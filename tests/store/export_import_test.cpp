// NDJSON import (validation, all-or-nothing, --replace) and export round trips.
#include <sstream>

#include "store/export.h"
#include "store/ndjson_import.h"
#include "store_fixture.h"

namespace ledgerline::store {
namespace {

using ImportExport = StoreTest;

std::string export_all(const groq::Dataset& snapshot, std::size_t chunk_bytes = 64) {
  std::string out;
  std::size_t chunks = 0;
  EXPECT_TRUE(export_ndjson(
      snapshot,
      [&](std::string_view chunk) {
        out += chunk;
        ++chunks;
        return true;
      },
      chunk_bytes));
  if (out.size() > chunk_bytes * 2) {
    EXPECT_GT(chunks, 1u) << "export must be chunked";
  }
  return out;
}

TEST_F(ImportExport, ImportKeepsSystemFieldsAndFillsMissingOnes) {
  std::istringstream input(
      R"({"_id":"a","_type":"post","_rev":"r1","_createdAt":"2020-01-01T00:00:00Z","_updatedAt":"2021-01-01T00:00:00Z","t":1})"
      "\n\n"
      R"({"_type":"post","t":2})"
      "\n");
  ImportOptions options;
  std::vector<std::size_t> progress;
  options.progress = [&](const ImportProgress& p) { progress.push_back(p.committed); };
  options.batch_documents = 1;
  auto summary = import_ndjson(*store_, input, options);
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(summary->documents, 2u);
  EXPECT_EQ(summary->created, 2u);
  EXPECT_EQ(summary->transactions, 2u);
  EXPECT_EQ(progress, (std::vector<std::size_t>{1, 2}));
  Value a = get("a");
  EXPECT_EQ(a.get("_rev").as_string(), "r1");
  EXPECT_EQ(a.get("_createdAt").as_string(), "2020-01-01T00:00:00Z");
  EXPECT_EQ(a.get("_updatedAt").as_string(), "2021-01-01T00:00:00Z");
  EXPECT_EQ(store_->snapshot()->size(), 2u);
}

TEST_F(ImportExport, BadLineIsNamedAndNothingIsApplied) {
  const char* files[] = {
      "{\"_id\":\"a\",\"_type\":\"t\"}\n{\"_id\":\"b\",\"_type\":\"t\"\n",
      "{\"_id\":\"a\",\"_type\":\"t\"}\n[1,2]\n",
      "{\"_id\":\"a\",\"_type\":\"t\"}\n{\"_id\":\"b\"}\n",
      "{\"_id\":\"a\",\"_type\":\"t\"}\n{\"_id\":\"b c\",\"_type\":\"t\"}\n",
      "{\"_id\":\"a\",\"_type\":\"t\"}\n{\"_id\":\"a\",\"_type\":\"t\"}\n",
  };
  for (const char* file : files) {
    std::istringstream input(file);
    auto summary = import_ndjson(*store_, input, {});
    ASSERT_FALSE(summary.ok()) << file;
    EXPECT_EQ(summary.error().message.rfind("line 2: ", 0), 0u) << summary.error().message;
    EXPECT_EQ(store_->snapshot()->size(), 0u);
  }
}

TEST_F(ImportExport, ExistingIdsFailWithoutReplaceAndAreReplacedWithIt) {
  commit_ok(R"([{"create":{"_id":"a","_type":"post","v":1}}])");
  std::string file =
      "{\"_id\":\"b\",\"_type\":\"post\"}\n{\"_id\":\"a\",\"_type\":\"post\",\"v\":2}\n";
  std::istringstream first(file);
  auto refused = import_ndjson(*store_, first, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_NE(refused.error().message.find("line 2"), std::string::npos);
  EXPECT_TRUE(get("b").is_null());
  std::istringstream second(file);
  auto replaced = import_ndjson(*store_, second, ImportOptions{.replace = true});
  ASSERT_TRUE(replaced.ok());
  EXPECT_EQ(replaced->replaced, 1u);
  EXPECT_EQ(replaced->created, 1u);
  EXPECT_EQ(get("a").get("v").as_number(), 2);
}

TEST_F(ImportExport, ExportThenImportIntoAFreshStoreRoundTrips) {
  for (int i = 0; i < 200; ++i) {
    commit_ok(R"([{"create":{"_id":"d)" + std::to_string(i) + R"(","_type":"item","n":)" +
              std::to_string(i) +
              R"(,"nested":{"list":[1,"two",{"_ref":"d0"}],"s":"ünïcødé \"q\""}}}])");
  }
  SnapshotPtr snapshot = store_->snapshot();
  std::string exported = export_all(*snapshot);
  EXPECT_EQ(std::count(exported.begin(), exported.end(), '\n'), 200);

  std::string original_dir = dir_;
  dir_ = original_dir + "-copy";
  reopen();
  std::istringstream input(exported);
  auto summary = import_ndjson(*store_, input, {});
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(export_all(*store_->snapshot()), exported);
  store_.reset();
  std::filesystem::remove_all(dir_);
  dir_ = original_dir;
}

TEST_F(ImportExport, ExportStopsWhenTheWriterRefuses) {
  for (int i = 0; i < 50; ++i)
    commit_ok(R"([{"create":{"_type":"item","pad":"xxxxxxxxxxxxxxxxxxxx"}}])");
  int calls = 0;
  bool finished = export_ndjson(
      *store_->snapshot(), [&](std::string_view) { return ++calls < 2; }, 100);
  EXPECT_FALSE(finished);
  EXPECT_EQ(calls, 2);
}

}  // namespace
}  // namespace ledgerline::store
