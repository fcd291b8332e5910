// diff_main (Myers bisect with prefix/suffix trimming and half-match speedup) and cleanupMerge,
// mirroring @sanity/diff-match-patch line by line so fuzzy patch results equal JavaScript's.
#include <algorithm>
#include <optional>

#include "patch/diff_match_patch.h"

namespace ledgerline::patch::dmp {
namespace {

using Diffs = std::vector<Diff>;
using Index = std::int64_t;

Index common_prefix(TextView a, TextView b) {
  std::size_t n = std::min(a.size(), b.size()), i = 0;
  while (i < n && a[i] == b[i]) ++i;
  return static_cast<Index>(i);
}

Index common_suffix(TextView a, TextView b) {
  std::size_t n = std::min(a.size(), b.size()), i = 0;
  while (i < n && a[a.size() - 1 - i] == b[b.size() - 1 - i]) ++i;
  return static_cast<Index>(i);
}

TextView sub(TextView s, Index from, Index to) {  // JS substring with clamping, from <= to
  Index len = static_cast<Index>(s.size());
  from = std::clamp<Index>(from, 0, len);
  to = std::clamp<Index>(to, 0, len);
  if (from > to) std::swap(from, to);
  return s.substr(static_cast<std::size_t>(from), static_cast<std::size_t>(to - from));
}

Diffs do_diff(TextView text1, TextView text2, Clock::time_point deadline, int depth);

Diffs bisect_split(TextView text1, TextView text2, Index x, Index y, Clock::time_point deadline,
                   int depth) {
  Diffs diffs = do_diff(sub(text1, 0, x), sub(text2, 0, y), deadline, depth + 1);
  Diffs diffsb = do_diff(text1.substr(static_cast<std::size_t>(x)),
                         text2.substr(static_cast<std::size_t>(y)), deadline, depth + 1);
  diffs.insert(diffs.end(), diffsb.begin(), diffsb.end());
  return diffs;
}

Diffs bisect(TextView text1, TextView text2, Clock::time_point deadline, int depth) {
  const Index len1 = static_cast<Index>(text1.size()), len2 = static_cast<Index>(text2.size());
  const Index max_d = (len1 + len2 + 1) / 2;
  const Index v_offset = max_d, v_length = 2 * max_d;
  std::vector<Index> v1(static_cast<std::size_t>(v_length), -1), v2 = v1;
  auto at = [&](std::vector<Index>& v, Index i) -> Index& {
    return v[static_cast<std::size_t>(i)];
  };
  at(v1, v_offset + 1) = 0;
  at(v2, v_offset + 1) = 0;
  const Index delta = len1 - len2;
  const bool front = delta % 2 != 0;
  Index k1start = 0, k1end = 0, k2start = 0, k2end = 0;
  for (Index d = 0; d < max_d; ++d) {
    if (Clock::now() > deadline) break;
    for (Index k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
      const Index k1_offset = v_offset + k1;
      Index x1;
      if (k1 == -d || (k1 != d && at(v1, k1_offset - 1) < at(v1, k1_offset + 1))) {
        x1 = at(v1, k1_offset + 1);
      } else {
        x1 = at(v1, k1_offset - 1) + 1;
      }
      Index y1 = x1 - k1;
      while (x1 < len1 && y1 < len2 && text1[x1] == text2[y1]) ++x1, ++y1;
      at(v1, k1_offset) = x1;
      if (x1 > len1) {
        k1end += 2;
      } else if (y1 > len2) {
        k1start += 2;
      } else if (front) {
        const Index k2_offset = v_offset + delta - k1;
        if (k2_offset >= 0 && k2_offset < v_length && at(v2, k2_offset) != -1) {
          if (x1 >= len1 - at(v2, k2_offset)) {
            return bisect_split(text1, text2, x1, y1, deadline, depth);
          }
        }
      }
    }
    for (Index k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
      const Index k2_offset = v_offset + k2;
      Index x2;
      if (k2 == -d || (k2 != d && at(v2, k2_offset - 1) < at(v2, k2_offset + 1))) {
        x2 = at(v2, k2_offset + 1);
      } else {
        x2 = at(v2, k2_offset - 1) + 1;
      }
      Index y2 = x2 - k2;
      while (x2 < len1 && y2 < len2 && text1[len1 - x2 - 1] == text2[len2 - y2 - 1]) ++x2, ++y2;
      at(v2, k2_offset) = x2;
      if (x2 > len1) {
        k2end += 2;
      } else if (y2 > len2) {
        k2start += 2;
      } else if (!front) {
        const Index k1_offset = v_offset + delta - k2;
        if (k1_offset >= 0 && k1_offset < v_length && at(v1, k1_offset) != -1) {
          const Index x1 = at(v1, k1_offset);
          const Index y1 = v_offset + x1 - k1_offset;
          if (x1 >= len1 - x2) return bisect_split(text1, text2, x1, y1, deadline, depth);
        }
      }
    }
  }
  return {{Op::kDelete, Text(text1)}, {Op::kInsert, Text(text2)}};
}

struct HalfMatch {
  Text long_a, long_b, short_a, short_b, common;
};

std::optional<HalfMatch> half_match_at(TextView long_text, TextView short_text, Index i) {
  const Index long_len = static_cast<Index>(long_text.size());
  TextView seed = sub(long_text, i, i + long_len / 4);
  std::optional<HalfMatch> best;
  std::size_t best_common = 0;
  std::size_t j = short_text.find(seed, 0);
  while (j != TextView::npos) {
    const Index prefix =
        common_prefix(long_text.substr(static_cast<std::size_t>(i)), short_text.substr(j));
    const Index suffix = common_suffix(sub(long_text, 0, i), short_text.substr(0, j));
    const Index jj = static_cast<Index>(j);
    if (best_common < static_cast<std::size_t>(suffix + prefix)) {
      best =
          HalfMatch{Text(sub(long_text, 0, i - suffix)), Text(sub(long_text, i + prefix, long_len)),
                    Text(sub(short_text, 0, jj - suffix)),
                    Text(sub(short_text, jj + prefix, static_cast<Index>(short_text.size()))),
                    Text(sub(short_text, jj - suffix, jj + prefix))};
      best_common = best->common.size();
    }
    j = short_text.find(seed, j + 1);
  }
  if (best && static_cast<Index>(best_common) * 2 >= long_len) return best;
  return std::nullopt;
}

std::optional<HalfMatch> half_match(TextView text1, TextView text2) {
  const bool first_longer = text1.size() > text2.size();
  TextView long_text = first_longer ? text1 : text2;
  TextView short_text = first_longer ? text2 : text1;
  const Index long_len = static_cast<Index>(long_text.size());
  if (long_len < 4 || static_cast<Index>(short_text.size()) * 2 < long_len) return std::nullopt;
  auto hm1 = half_match_at(long_text, short_text, (long_len + 3) / 4);
  auto hm2 = half_match_at(long_text, short_text, (long_len + 1) / 2);
  std::optional<HalfMatch> hm;
  if (hm1 && hm2) {
    hm = hm1->common.size() > hm2->common.size() ? hm1 : hm2;
  } else if (hm1) {
    hm = hm1;
  } else if (hm2) {
    hm = hm2;
  } else {
    return std::nullopt;
  }
  if (first_longer) return hm;
  return HalfMatch{hm->short_a, hm->short_b, hm->long_a, hm->long_b, hm->common};
}

Diffs compute_diff(TextView text1, TextView text2, Clock::time_point deadline, int depth) {
  if (text1.empty()) return {{Op::kInsert, Text(text2)}};
  if (text2.empty()) return {{Op::kDelete, Text(text1)}};
  const bool first_longer = text1.size() > text2.size();
  TextView long_text = first_longer ? text1 : text2;
  TextView short_text = first_longer ? text2 : text1;
  std::size_t i = long_text.find(short_text);
  if (i != TextView::npos) {
    Op outer = first_longer ? Op::kDelete : Op::kInsert;
    return {{outer, Text(long_text.substr(0, i))},
            {Op::kEqual, Text(short_text)},
            {outer, Text(long_text.substr(i + short_text.size()))}};
  }
  if (short_text.size() == 1) return {{Op::kDelete, Text(text1)}, {Op::kInsert, Text(text2)}};
  // Half-match stores (text1A, text1B, text2A, text2B) as long/short pairs oriented to text1.
  if (auto hm = half_match(text1, text2)) {
    Diffs diffs = do_diff(hm->long_a, hm->short_a, deadline, depth + 1);
    Diffs diffs_b = do_diff(hm->long_b, hm->short_b, deadline, depth + 1);
    diffs.push_back({Op::kEqual, hm->common});
    diffs.insert(diffs.end(), diffs_b.begin(), diffs_b.end());
    return diffs;
  }
  return bisect(text1, text2, deadline, depth);
}

Diffs cleanup_merge(Diffs diffs);

Diffs do_diff(TextView text1, TextView text2, Clock::time_point deadline, int depth) {
  if (text1 == text2) {
    if (text1.empty()) return {};
    return {{Op::kEqual, Text(text1)}};
  }
  if (depth > 200) return {{Op::kDelete, Text(text1)}, {Op::kInsert, Text(text2)}};
  Index prefix_len = common_prefix(text1, text2);
  TextView prefix = text1.substr(0, static_cast<std::size_t>(prefix_len));
  text1.remove_prefix(static_cast<std::size_t>(prefix_len));
  text2.remove_prefix(static_cast<std::size_t>(prefix_len));
  Index suffix_len = common_suffix(text1, text2);
  TextView suffix = text1.substr(text1.size() - static_cast<std::size_t>(suffix_len));
  text1.remove_suffix(static_cast<std::size_t>(suffix_len));
  text2.remove_suffix(static_cast<std::size_t>(suffix_len));
  Diffs diffs = compute_diff(text1, text2, deadline, depth);
  if (!prefix.empty()) diffs.insert(diffs.begin(), {Op::kEqual, Text(prefix)});
  if (!suffix.empty()) diffs.push_back({Op::kEqual, Text(suffix)});
  return cleanup_merge(std::move(diffs));
}

Diffs cleanup_merge_pass(Diffs diffs, bool& changes);

Diffs cleanup_merge(Diffs diffs) {
  for (int round = 0; round < 10000; ++round) {
    bool changes = false;
    diffs = cleanup_merge_pass(std::move(diffs), changes);
    if (!changes) break;
  }
  return diffs;
}

// cleanupMerge's first half: each run of inserts and deletes becomes at most one delete and one
// insert, their common prefix and suffix move into the equalities around them, and adjacent
// equalities join.
void merge_edit_runs(Diffs& diffs) {
  diffs.push_back({Op::kEqual, Text()});
  std::size_t pointer = 0;
  std::size_t count_delete = 0, count_insert = 0;
  Text text_delete, text_insert;
  while (pointer < diffs.size()) {
    switch (diffs[pointer].op) {
      case Op::kInsert:
        ++count_insert;
        text_insert += diffs[pointer].text;
        ++pointer;
        break;
      case Op::kDelete:
        ++count_delete;
        text_delete += diffs[pointer].text;
        ++pointer;
        break;
      case Op::kEqual:
        if (count_delete + count_insert > 1) {
          if (count_delete != 0 && count_insert != 0) {
            Index common = common_prefix(text_insert, text_delete);
            if (common != 0) {
              std::size_t before = pointer - count_delete - count_insert;
              if (before > 0 && diffs[before - 1].op == Op::kEqual) {
                diffs[before - 1].text += text_insert.substr(0, static_cast<std::size_t>(common));
              } else {
                diffs.insert(diffs.begin(),
                             {Op::kEqual, text_insert.substr(0, static_cast<std::size_t>(common))});
                ++pointer;
              }
              text_insert.erase(0, static_cast<std::size_t>(common));
              text_delete.erase(0, static_cast<std::size_t>(common));
            }
            common = common_suffix(text_insert, text_delete);
            if (common != 0) {
              std::size_t cut = text_insert.size() - static_cast<std::size_t>(common);
              diffs[pointer].text = text_insert.substr(cut) + diffs[pointer].text;
              text_insert.resize(cut);
              text_delete.resize(text_delete.size() - static_cast<std::size_t>(common));
            }
          }
          pointer -= count_delete + count_insert;
          diffs.erase(
              diffs.begin() + static_cast<std::ptrdiff_t>(pointer),
              diffs.begin() + static_cast<std::ptrdiff_t>(pointer + count_delete + count_insert));
          if (!text_delete.empty()) {
            diffs.insert(diffs.begin() + static_cast<std::ptrdiff_t>(pointer),
                         {Op::kDelete, text_delete});
            ++pointer;
          }
          if (!text_insert.empty()) {
            diffs.insert(diffs.begin() + static_cast<std::ptrdiff_t>(pointer),
                         {Op::kInsert, text_insert});
            ++pointer;
          }
          ++pointer;
        } else if (pointer != 0 && diffs[pointer - 1].op == Op::kEqual) {
          diffs[pointer - 1].text += diffs[pointer].text;
          diffs.erase(diffs.begin() + static_cast<std::ptrdiff_t>(pointer));
        } else {
          ++pointer;
        }
        count_insert = count_delete = 0;
        text_delete.clear();
        text_insert.clear();
        break;
    }
  }
  if (!diffs.empty() && diffs.back().text.empty()) diffs.pop_back();
}

// cleanupMerge's second half: a single edit between two equalities slides left or right when
// that removes an equality (A<ins>BA</ins>C -> <ins>AB</ins>AC). True when anything moved.
bool shift_single_edits(Diffs& diffs) {
  bool changes = false;
  std::size_t pointer = 1;
  while (diffs.size() >= 2 && pointer < diffs.size() - 1) {
    Diff& prev = diffs[pointer - 1];
    Diff& cur = diffs[pointer];
    Diff& next = diffs[pointer + 1];
    if (prev.op == Op::kEqual && next.op == Op::kEqual) {
      TextView c = cur.text;
      if (sub(c, static_cast<Index>(c.size()) - static_cast<Index>(prev.text.size()),
              static_cast<Index>(c.size())) == TextView(prev.text)) {
        Text shifted =
            prev.text +
            Text(sub(c, 0, static_cast<Index>(c.size()) - static_cast<Index>(prev.text.size())));
        next.text = prev.text + next.text;
        cur.text = std::move(shifted);
        diffs.erase(diffs.begin() + static_cast<std::ptrdiff_t>(pointer - 1));
        changes = true;
      } else if (sub(c, 0, static_cast<Index>(next.text.size())) == TextView(next.text)) {
        prev.text += next.text;
        cur.text =
            Text(sub(c, static_cast<Index>(next.text.size()), static_cast<Index>(c.size()))) +
            next.text;
        diffs.erase(diffs.begin() + static_cast<std::ptrdiff_t>(pointer + 1));
        changes = true;
      }
    }
    ++pointer;
  }
  return changes;
}

// One pass of cleanupMerge; `changes` says whether the JS version would recurse.
Diffs cleanup_merge_pass(Diffs diffs, bool& changes) {
  merge_edit_runs(diffs);
  changes = shift_single_edits(diffs);
  return diffs;
}

}  // namespace

std::vector<Diff> diff_main(TextView text1, TextView text2, Clock::time_point deadline) {
  Diffs diffs = do_diff(text1, text2, deadline, 0);
  adjust_for_surrogate_pairs(diffs);
  return diffs;
}

}  // namespace ledgerline::patch::dmp
