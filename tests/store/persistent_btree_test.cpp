#include "store/persistent_btree.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace ledgerline::store {
namespace {

using IntTree = PersistentBTree<int, int, std::less<>>;

std::map<int, int> contents(const IntTree& tree) {
  std::map<int, int> out;
  int previous = -1;
  tree.for_each([&](int key, int value) {
    EXPECT_LT(previous, key) << "keys must come in ascending order";
    previous = key;
    out[key] = value;
    return true;
  });
  return out;
}

TEST(PersistentBTree, RandomOperationsMatchStdMap) {
  std::mt19937 random(7);
  IntTree tree;
  std::map<int, int> expected;
  for (int step = 0; step < 20000; ++step) {
    int key = static_cast<int>(random() % 3000);
    if (random() % 3 == 0) {
      EXPECT_EQ(tree.erase(key), expected.erase(key) == 1);
    } else {
      EXPECT_EQ(tree.insert_or_assign(key, step), expected.count(key) == 0);
      expected[key] = step;
    }
    ASSERT_EQ(tree.size(), expected.size());
  }
  EXPECT_EQ(contents(tree), expected);
  for (int key = 0; key < 3000; ++key) {
    const int* found = tree.find(key);
    ASSERT_EQ(found != nullptr, expected.count(key) == 1);
    if (found) {
      EXPECT_EQ(*found, expected[key]);
    }
  }
}

TEST(PersistentBTree, OldVersionsAreUnchangedByLaterEdits) {
  IntTree tree;
  for (int i = 0; i < 5000; ++i) tree.insert_or_assign(i, i);
  IntTree old_version = tree;
  std::map<int, int> before = contents(old_version);
  for (int i = 0; i < 5000; i += 2) tree.erase(i);
  for (int i = 5000; i < 6000; ++i) tree.insert_or_assign(i, -i);
  tree.insert_or_assign(1, 100);
  EXPECT_EQ(contents(old_version), before);
  EXPECT_EQ(old_version.size(), 5000u);
  EXPECT_EQ(*old_version.find(1), 1);
  EXPECT_EQ(*tree.find(1), 100);
  EXPECT_EQ(tree.size(), 3500u);
}

// New documents get time-ordered ids, so keys arrive in order: at the end of the tree, or at
// the end of one range of it ((_type, _id), (referenced id, referencing id)). Such inserts
// should leave full nodes behind, not half-full ones.
TEST(PersistentBTree, KeysArrivingInOrderFillTheirNodes) {
  IntTree appended;
  for (int i = 0; i < 6400; ++i) appended.insert_or_assign(i, i);
  EXPECT_LE(appended.leaf_count(), 6400u / IntTree::kMaxEntries + 1);

  // Ten ranges, each growing at its end in turn, the way every product's ledger rows do.
  IntTree ranges;
  for (int i = 0; i < 640; ++i) {
    for (int range = 0; range < 10; ++range) ranges.insert_or_assign(range * 100000 + i, i);
  }
  EXPECT_LE(ranges.leaf_count(), 6400u / IntTree::kMaxEntries + 10 + 1);
  std::map<int, int> expected;
  for (int i = 0; i < 640; ++i) {
    for (int range = 0; range < 10; ++range) expected[range * 100000 + i] = i;
  }
  EXPECT_EQ(contents(ranges), expected);
}

TEST(PersistentBTree, FromSortedBuildsASearchableTree) {
  std::vector<std::pair<int, int>> entries;
  for (int i = 0; i < 100000; ++i) entries.emplace_back(i * 2, i);
  IntTree tree = IntTree::from_sorted(entries);
  EXPECT_EQ(tree.size(), 100000u);
  EXPECT_EQ(*tree.find(1234), 617);
  EXPECT_EQ(tree.find(1235), nullptr);
  tree.insert_or_assign(1235, 9);
  EXPECT_EQ(*tree.find(1235), 9);
}

TEST(PersistentBTree, ForEachFromStartsAtLowerBoundAndStops) {
  IntTree tree;
  for (int i = 0; i < 1000; ++i) tree.insert_or_assign(i * 10, i);
  std::vector<int> seen;
  tree.for_each_from(4995, [&](int key, int) {
    seen.push_back(key);
    return seen.size() < 3;
  });
  EXPECT_EQ(seen, (std::vector<int>{5000, 5010, 5020}));
}

TEST(PersistentBTree, EraseEverythingLeavesAnEmptyTree) {
  IntTree tree;
  for (int i = 0; i < 2000; ++i) tree.insert_or_assign(i, i);
  for (int i = 0; i < 2000; ++i) ASSERT_TRUE(tree.erase(i));
  EXPECT_TRUE(tree.empty());
  EXPECT_FALSE(tree.erase(5));
  int visits = 0;
  tree.for_each([&](int, int) { return ++visits > 0; });
  EXPECT_EQ(visits, 0);
}

}  // namespace
}  // namespace ledgerline::store
