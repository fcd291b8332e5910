#include "util/ids.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <random>

namespace ledgerline {
namespace {

std::mt19937_64& generator() {
  thread_local std::mt19937_64 generator{[] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }()};
  return generator;
}

// In ASCII order, so fixed-width numbers written with it sort like the numbers.
constexpr char kOrderedAlphabet[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::size_t kTimeDigits = 9;  // 62^9 microseconds: until the year 2398

// Microseconds since the epoch, never the same or smaller twice in this process.
std::uint64_t next_tick() {
  static std::atomic<std::uint64_t> last{0};
  auto now = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                            std::chrono::system_clock::now().time_since_epoch())
                                            .count());
  std::uint64_t previous = last.load(std::memory_order_relaxed);
  std::uint64_t next;
  do {
    next = now > previous ? now : previous + 1;
  } while (!last.compare_exchange_weak(previous, next, std::memory_order_relaxed));
  return next;
}

}  // namespace

std::string random_id(std::size_t length) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::uniform_int_distribution<int> pick(0, 61);
  std::string id(length, 'x');
  for (char& c : id) c = kAlphabet[pick(generator())];
  return id;
}

std::string time_ordered_id() {
  std::string id(22, '0');
  std::uint64_t tick = next_tick();
  for (std::size_t i = kTimeDigits; i-- > 0;) {
    id[i] = kOrderedAlphabet[tick % 62];
    tick /= 62;
  }
  std::uniform_int_distribution<int> pick(0, 61);
  for (std::size_t i = kTimeDigits; i < id.size(); ++i) id[i] = kOrderedAlphabet[pick(generator())];
  return id;
}

}  // namespace ledgerline
