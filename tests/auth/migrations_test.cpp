// The versioned migration mechanism the auth tables use (storage/migrations.h).
#include "storage/migrations.h"

#include <gtest/gtest.h>

#include <map>
#include <vector>

namespace ledgerline::storage {
namespace {

class RecordingTarget final : public MigrationTarget {
 public:
  Result<int> applied_version(std::string_view component) override {
    return versions[std::string(component)];
  }
  Status apply(std::string_view component, const Migration& migration) override {
    if (migration.sql == "fail") return Error::internal("boom");
    applied.push_back(migration.version);
    versions[std::string(component)] = migration.version;
    return Status::success();
  }
  std::map<std::string, int> versions;
  std::vector<int> applied;
};

constexpr Migration kThree[] = {{1, "one", "a"}, {2, "two", "b"}, {3, "three", "c"}};

TEST(Migrations, AppliesOnlyWhatIsNewerInOrder) {
  RecordingTarget target;
  target.versions["auth"] = 1;
  ASSERT_TRUE(migrate(target, "auth", kThree).ok());
  EXPECT_EQ(target.applied, (std::vector<int>{2, 3}));
  ASSERT_TRUE(migrate(target, "auth", kThree).ok());  // nothing left to do
  EXPECT_EQ(target.applied, (std::vector<int>{2, 3}));
}

TEST(Migrations, RefusesADatabaseNewerThanTheBuild) {
  RecordingTarget target;
  target.versions["auth"] = 4;
  Status status = migrate(target, "auth", kThree);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("newer"), std::string::npos);
}

TEST(Migrations, StopsAtAFailingMigrationAndNamesIt) {
  RecordingTarget target;
  constexpr Migration failing[] = {{1, "one", "a"}, {2, "broken", "fail"}, {3, "three", "c"}};
  Status status = migrate(target, "auth", failing);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("broken"), std::string::npos);
  EXPECT_EQ(target.applied, (std::vector<int>{1}));
  EXPECT_EQ(target.versions["auth"], 1);
}

}  // namespace
}  // namespace ledgerline::storage
