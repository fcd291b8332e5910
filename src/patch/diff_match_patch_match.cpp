// match_main + the Bitap fuzzy matcher (threshold 0.5, distance 1000), with JavaScript's 32-bit
// integer semantics for the bit arrays.
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "patch/diff_match_patch.h"

namespace ledgerline::patch::dmp {
namespace {

constexpr double kMatchThreshold = 0.5;
constexpr double kMatchDistance = 1000;
constexpr std::size_t kMaxBits = 32;

using Index = std::int64_t;

// JS String.prototype.indexOf(pattern, from).
Index js_index_of(TextView text, TextView pattern, Index from) {
  from = std::clamp<Index>(from, 0, static_cast<Index>(text.size()));
  std::size_t found = text.find(pattern, static_cast<std::size_t>(from));
  return found == TextView::npos ? -1 : static_cast<Index>(found);
}

// JS String.prototype.lastIndexOf(pattern, from).
Index js_last_index_of(TextView text, TextView pattern, Index from) {
  from = std::clamp<Index>(from, 0, static_cast<Index>(text.size()));
  std::size_t found = text.rfind(pattern, static_cast<std::size_t>(from));
  return found == TextView::npos ? -1 : static_cast<Index>(found);
}

class Alphabet {
 public:
  explicit Alphabet(TextView pattern) {
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      std::uint32_t bit = 1u << (pattern.size() - i - 1);
      auto it = std::find(chars_.begin(), chars_.end(), pattern[i]);
      if (it == chars_.end()) {
        chars_.push_back(pattern[i]);
        masks_.push_back(bit);
      } else {
        masks_[static_cast<std::size_t>(it - chars_.begin())] |= bit;
      }
    }
  }
  std::uint32_t mask(char16_t c) const {
    auto it = std::find(chars_.begin(), chars_.end(), c);
    return it == chars_.end() ? 0 : masks_[static_cast<std::size_t>(it - chars_.begin())];
  }

 private:
  std::vector<char16_t> chars_;
  std::vector<std::uint32_t> masks_;
};

Index bitap(TextView text, TextView pattern, Index loc) {
  const Alphabet alphabet(pattern);
  const double pattern_len = static_cast<double>(pattern.size());
  auto score = [&](double errors, double x) {
    return errors / pattern_len + std::abs(static_cast<double>(loc) - x) / kMatchDistance;
  };
  double threshold = kMatchThreshold;
  Index best_loc = js_index_of(text, pattern, loc);
  if (best_loc != -1) {
    threshold = std::min(score(0, static_cast<double>(best_loc)), threshold);
    best_loc = js_last_index_of(text, pattern, loc + static_cast<Index>(pattern.size()));
    if (best_loc != -1) threshold = std::min(score(0, static_cast<double>(best_loc)), threshold);
  }
  const std::uint32_t match_mask = 1u << (pattern.size() - 1);
  best_loc = -1;
  const Index text_len = static_cast<Index>(text.size());
  Index bin_max = static_cast<Index>(pattern.size()) + text_len;
  std::vector<std::uint32_t> last_rd;
  auto read = [](const std::vector<std::uint32_t>& v, Index i) -> std::uint32_t {
    return i >= 0 && static_cast<std::size_t>(i) < v.size() ? v[static_cast<std::size_t>(i)] : 0;
  };
  for (std::size_t d = 0; d < pattern.size(); ++d) {
    Index bin_min = 0, bin_mid = bin_max;
    while (bin_min < bin_mid) {
      if (score(static_cast<double>(d), static_cast<double>(loc + bin_mid)) <= threshold) {
        bin_min = bin_mid;
      } else {
        bin_max = bin_mid;
      }
      bin_mid = (bin_max - bin_min) / 2 + bin_min;
    }
    bin_max = bin_mid;
    Index start = std::max<Index>(1, loc - bin_mid + 1);
    const Index finish = std::min(loc + bin_mid, text_len) + static_cast<Index>(pattern.size());
    std::vector<std::uint32_t> rd(static_cast<std::size_t>(std::max<Index>(finish + 2, 0)), 0);
    rd[static_cast<std::size_t>(finish + 1)] = (1u << d) - 1;
    for (Index j = finish; j >= start; --j) {
      const std::uint32_t char_match =
          j - 1 < text_len ? alphabet.mask(text[static_cast<std::size_t>(j - 1)]) : 0;
      std::uint32_t value = ((read(rd, j + 1) << 1) | 1) & char_match;
      if (d != 0) {
        value |= (((read(last_rd, j + 1) | read(last_rd, j)) << 1) | 1) | read(last_rd, j + 1);
      }
      rd[static_cast<std::size_t>(j)] = value;
      if (value & match_mask) {
        double s = score(static_cast<double>(d), static_cast<double>(j - 1));
        if (s <= threshold) {
          threshold = s;
          best_loc = j - 1;
          if (best_loc > loc) {
            start = std::max<Index>(1, 2 * loc - best_loc);
          } else {
            break;
          }
        }
      }
    }
    if (score(static_cast<double>(d + 1), static_cast<double>(loc)) > threshold) break;
    last_rd = std::move(rd);
  }
  return best_loc;
}

}  // namespace

Index match_main(TextView text, TextView pattern, Index search_location) {
  const Index loc =
      std::max<Index>(0, std::min<Index>(search_location, static_cast<Index>(text.size())));
  if (text == pattern) return 0;
  if (text.empty()) return -1;
  if (text.substr(static_cast<std::size_t>(loc), pattern.size()) == pattern) return loc;
  if (pattern.size() > kMaxBits) return -1;  // the JS throws; callers never pass longer ones
  return bitap(text, pattern, loc);
}

}  // namespace ledgerline::patch::dmp
