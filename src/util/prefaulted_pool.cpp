#include "util/prefaulted_pool.h"

#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14; older kernels answer EINVAL and pages are touched
#endif

namespace ledgerline {
namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;

std::uintptr_t align_up(std::uintptr_t address, std::size_t alignment) {
  return (address + alignment - 1) & ~(static_cast<std::uintptr_t>(alignment) - 1);
}

}  // namespace

PrefaultedPool::PrefaultedPool(std::size_t ahead_bytes)
    : target_regions_(
          std::clamp<std::size_t>((ahead_bytes + kRegionBytes - 1) / kRegionBytes, 1, kMaxReady)) {
  thread_ = std::thread([this] { run(); });
}

PrefaultedPool::~PrefaultedPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wanted_.notify_all();
  thread_.join();
  unmap(current_);
  for (std::size_t i = 0; i < ready_count_; ++i) unmap(ready_[i]);
}

void* PrefaultedPool::take(std::size_t size, std::size_t alignment) noexcept {
  if (size == 0 || size > kRegionBytes || alignment == 0 || alignment > kHugePage ||
      (alignment & (alignment - 1)) != 0) {
    return nullptr;
  }
  std::lock_guard lock(mutex_);
  while (true) {
    if (current_.begin != nullptr) {
      auto start = align_up(reinterpret_cast<std::uintptr_t>(current_.begin), alignment);
      if (start + size <= reinterpret_cast<std::uintptr_t>(current_.end)) {
        current_.begin = reinterpret_cast<char*>(start + size);
        return reinterpret_cast<void*>(start);
      }
    }
    if (ready_count_ == 0) {
      wanted_.notify_one();
      return nullptr;
    }
    // The rest of the current region is too small for this request: give it back to the
    // kernel and go on with the oldest ready region.
    unmap(current_);
    current_ = ready_[0];
    std::move(ready_.begin() + 1, ready_.begin() + static_cast<long>(ready_count_), ready_.begin());
    --ready_count_;
    wanted_.notify_one();
  }
}

std::size_t PrefaultedPool::ready_bytes() const {
  std::lock_guard lock(mutex_);
  return ready_count_ * kRegionBytes + static_cast<std::size_t>(current_.end - current_.begin);
}

void PrefaultedPool::run() {
  pthread_setname_np(pthread_self(), "prefault");
  std::unique_lock lock(mutex_);
  while (true) {
    // The region being handed out counts: `ahead` bounds all the memory mapped but not taken.
    wanted_.wait(lock, [this] {
      return stopping_ || ready_count_ + (current_.begin < current_.end ? 1 : 0) < target_regions_;
    });
    if (stopping_) return;
    lock.unlock();
    Region region = map_region();
    lock.lock();
    if (region.begin == nullptr) {
      // Out of memory or address space: takers fall back to ordinary faults; try again later.
      wanted_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; });
      continue;
    }
    ready_[ready_count_++] = region;
  }
}

PrefaultedPool::Region PrefaultedPool::map_region() {
  // Map one huge page more than needed and trim both ends to a 2 MiB boundary, so the kernel
  // can back the whole region with huge pages.
  std::size_t length = kRegionBytes + kHugePage;
  void* mapped = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) return {};
  auto first = reinterpret_cast<std::uintptr_t>(mapped);
  auto begin = align_up(first, kHugePage);
  auto end = begin + kRegionBytes;
  if (begin > first) munmap(mapped, begin - first);
  if (first + length > end) munmap(reinterpret_cast<void*>(end), first + length - end);
  Region region{reinterpret_cast<char*>(begin), reinterpret_cast<char*>(end)};
  madvise(region.begin, kRegionBytes, MADV_HUGEPAGE);
  if (madvise(region.begin, kRegionBytes, MADV_POPULATE_WRITE) != 0) {
    if (errno != EINVAL) {  // ENOMEM and the like: not now
      unmap(region);
      return {};
    }
    auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    for (char* p = region.begin; p < region.end; p += page) {
      *static_cast<volatile char*>(p) = 0;
    }
  }
  return region;
}

void PrefaultedPool::unmap(Region region) noexcept {
  if (region.begin == nullptr) return;
  // A remainder starts where the last piece taken ended; munmap wants a page boundary.
  auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  auto begin = align_up(reinterpret_cast<std::uintptr_t>(region.begin), page);
  auto end = reinterpret_cast<std::uintptr_t>(region.end);
  if (end > begin) munmap(reinterpret_cast<void*>(begin), end - begin);
}

}  // namespace ledgerline
