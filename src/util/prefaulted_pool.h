// PrefaultedPool: fresh memory that a background thread has already had the kernel zero and map,
// handed out by address range. Under write load the store grows by tens of MB a second, and
// the first touch of each new huge page stopped the commit thread while the kernel zeroed it
// (a quarter of its time in bench/actions). Taking memory from here moves that work to a
// thread of its own, off the commit path. Linux only (mmap, MADV_POPULATE_WRITE).
#pragma once

#include <array>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>

namespace ledgerline {

class PrefaultedPool {
 public:
  static constexpr std::size_t kRegionBytes = std::size_t{32} << 20;  // one mapping, 2 MiB-aligned

  // Starts the thread that keeps `ahead_bytes` (rounded up to whole regions, the one being
  // handed out included) faulted in.
  explicit PrefaultedPool(std::size_t ahead_bytes);
  // Stops the thread and unmaps what was never taken; memory taken stays with its taker.
  ~PrefaultedPool();
  PrefaultedPool(const PrefaultedPool&) = delete;
  PrefaultedPool& operator=(const PrefaultedPool&) = delete;

  // `size` bytes at a multiple of `alignment` (a power of two up to 2 MiB), zero-filled and
  // already mapped, owned by the caller from now on (release with munmap); nullptr when no
  // region is ready or the request is larger than one. Never allocates from the heap, so an
  // allocator may call it.
  void* take(std::size_t size, std::size_t alignment) noexcept;

  // Bytes ready to be taken without waiting for the thread.
  std::size_t ready_bytes() const;

 private:
  struct Region {
    char* begin = nullptr;
    char* end = nullptr;
  };
  static constexpr std::size_t kMaxReady = 8;

  void run();
  static Region map_region();
  static void unmap(Region region) noexcept;

  mutable std::mutex mutex_;
  std::condition_variable wanted_;
  Region current_;                         // being handed out
  std::array<Region, kMaxReady> ready_{};  // faulted in, waiting
  std::size_t ready_count_ = 0;
  std::size_t target_regions_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ledgerline
