#include "util/prefaulted_pool.h"

#include <gtest/gtest.h>

#include <sys/mman.h>

#include <chrono>
#include <cstdint>
#include <thread>
#include <vector>

namespace ledgerline {
namespace {

constexpr std::size_t kPage = 4096;

// Waits (up to a generous deadline, not a timing assertion) until `bytes` are ready.
bool wait_ready(const PrefaultedPool& pool, std::size_t bytes) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (pool.ready_bytes() < bytes) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

TEST(PrefaultedPool, HandsOutAlignedZeroedMemoryThatIsAlreadyMapped) {
  PrefaultedPool pool(PrefaultedPool::kRegionBytes);
  ASSERT_TRUE(wait_ready(pool, PrefaultedPool::kRegionBytes));
  auto* memory = static_cast<unsigned char*>(pool.take(4 * kPage, kPage));
  ASSERT_NE(memory, nullptr);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(memory) % kPage, 0u);
  // mincore: every page is resident before anyone touched it here.
  std::vector<unsigned char> resident(4);
  ASSERT_EQ(mincore(memory, 4 * kPage, resident.data()), 0);
  for (unsigned char page : resident) EXPECT_TRUE(page & 1);
  for (std::size_t i = 0; i < 4 * kPage; ++i) ASSERT_EQ(memory[i], 0) << i;
  memory[0] = 1;  // writable, and the caller's from now on
  munmap(memory, 4 * kPage);
}

TEST(PrefaultedPool, PiecesDoNotOverlapAndHonourAlignment) {
  PrefaultedPool pool(PrefaultedPool::kRegionBytes);
  ASSERT_TRUE(wait_ready(pool, PrefaultedPool::kRegionBytes));
  auto* small = static_cast<char*>(pool.take(kPage, kPage));
  auto* huge_aligned = static_cast<char*>(pool.take(2 * kPage, std::size_t{2} << 20));
  auto* next = static_cast<char*>(pool.take(kPage, kPage));
  ASSERT_NE(small, nullptr);
  ASSERT_NE(huge_aligned, nullptr);
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(huge_aligned) % (std::size_t{2} << 20), 0u);
  EXPECT_GE(huge_aligned, small + kPage);
  EXPECT_GE(next, huge_aligned + 2 * kPage);
}

TEST(PrefaultedPool, RefusesWhatItCannotServe) {
  PrefaultedPool pool(PrefaultedPool::kRegionBytes);
  ASSERT_TRUE(wait_ready(pool, PrefaultedPool::kRegionBytes));
  EXPECT_EQ(pool.take(PrefaultedPool::kRegionBytes + kPage, kPage), nullptr);
  EXPECT_EQ(pool.take(0, kPage), nullptr);
  EXPECT_EQ(pool.take(kPage, 3 * kPage), nullptr);  // not a power of two
  EXPECT_EQ(pool.take(kPage, std::size_t{4} << 20), nullptr);
}

TEST(PrefaultedPool, RefillsAfterRegionsAreTaken) {
  PrefaultedPool pool(2 * PrefaultedPool::kRegionBytes);
  ASSERT_TRUE(wait_ready(pool, 2 * PrefaultedPool::kRegionBytes));
  // Whole regions, one after another: each empties the current one and moves to the next.
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(wait_ready(pool, PrefaultedPool::kRegionBytes)) << i;
    void* region = pool.take(PrefaultedPool::kRegionBytes, kPage);
    ASSERT_NE(region, nullptr) << i;
    munmap(region, PrefaultedPool::kRegionBytes);
  }
  EXPECT_TRUE(wait_ready(pool, 2 * PrefaultedPool::kRegionBytes));
}

TEST(PrefaultedPool, TakesFromManyThreadsAtOnce) {
  PrefaultedPool pool(4 * PrefaultedPool::kRegionBytes);
  ASSERT_TRUE(wait_ready(pool, 4 * PrefaultedPool::kRegionBytes));
  std::vector<std::vector<char*>> taken(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < taken.size(); ++t) {
    threads.emplace_back([&pool, &taken, t] {
      for (int i = 0; i < 200; ++i) {
        if (auto* piece = static_cast<char*>(pool.take(kPage, kPage))) {
          *piece = static_cast<char>(t + 1);
          taken[t].push_back(piece);
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::vector<char*> all;
  for (std::size_t t = 0; t < taken.size(); ++t) {
    for (char* piece : taken[t]) {
      EXPECT_EQ(*piece, static_cast<char>(t + 1));  // nobody else got the same page
      all.push_back(piece);
    }
  }
  EXPECT_EQ(all.size(), 800u);
}

}  // namespace
}  // namespace ledgerline
