#include "util/ids.h"

#include <random>

namespace ledgerline {

std::string random_id(std::size_t length) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  thread_local std::mt19937_64 generator{[] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }()};
  std::uniform_int_distribution<int> pick(0, 61);
  std::string id(length, 'x');
  for (char& c : id) c = kAlphabet[pick(generator)];
  return id;
}

}  // namespace ledgerline
