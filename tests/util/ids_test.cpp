#include "util/ids.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

namespace ledgerline {
namespace {

bool alphanumeric(const std::string& id) {
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
      return false;
    }
  }
  return true;
}

TEST(Ids, RandomIdsHaveTheAskedLengthAndAlphabet) {
  for (std::size_t length : {1u, 12u, 22u}) {
    std::string id = random_id(length);
    EXPECT_EQ(id.size(), length);
    EXPECT_TRUE(alphanumeric(id)) << id;
  }
}

TEST(Ids, TimeOrderedIdsSortInTheOrderTheyWereMade) {
  std::string previous = time_ordered_id();
  for (int i = 0; i < 20000; ++i) {
    std::string next = time_ordered_id();
    ASSERT_EQ(next.size(), 22u);
    ASSERT_TRUE(alphanumeric(next)) << next;
    ASSERT_LT(previous, next) << "made later, must sort later";
    previous = next;
  }
}

TEST(Ids, TimeOrderedIdsFromManyThreadsAreDistinctAndStillUnguessable) {
  std::vector<std::vector<std::string>> made(4);
  std::vector<std::thread> threads;
  for (auto& ids : made) {
    threads.emplace_back([&ids] {
      for (int i = 0; i < 5000; ++i) ids.push_back(time_ordered_id());
    });
  }
  for (auto& thread : threads) thread.join();
  std::set<std::string> all;
  std::set<std::string> random_parts;
  for (const auto& ids : made) {
    for (const std::string& id : ids) {
      all.insert(id);
      random_parts.insert(id.substr(9));
    }
  }
  EXPECT_EQ(all.size(), 20000u);
  EXPECT_EQ(random_parts.size(), 20000u) << "the last 13 characters are random";
}

}  // namespace
}  // namespace ledgerline
