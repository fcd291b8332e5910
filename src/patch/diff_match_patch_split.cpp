// patch_splitMax: breaks hunks longer than the 32-unit Bitap window into smaller ones with
// `margin` units of context, as @sanity/diff-match-patch does before applying.
#include "patch/diff_match_patch.h"

namespace ledgerline::patch::dmp {
namespace {

using Index = std::int64_t;
constexpr Index kPatchSize = 32;
constexpr Index kMargin = 4;

Text source_text(const std::vector<Diff>& diffs) {
  Text text;
  for (const Diff& d : diffs) {
    if (d.op != Op::kInsert) text += d.text;
  }
  return text;
}

Text destination_text(const std::vector<Diff>& diffs) {
  Text text;
  for (const Diff& d : diffs) {
    if (d.op != Op::kDelete) text += d.text;
  }
  return text;
}

// Moves the diffs of a too-long patch, from diffs[head] on, into `patch` until it spans about
// kPatchSize - kMargin characters, advancing the positions; true when it took an edit.
bool fill_patch(Patch& patch, std::vector<Diff>& diffs, std::size_t& head, Index& start1,
                Index& start2) {
  bool empty = true;
  while (head < diffs.size() && patch.length1 < kPatchSize - kMargin) {
    Diff& next = diffs[head];
    const Index next_len = static_cast<Index>(next.text.size());
    if (next.op == Op::kInsert) {
      patch.length2 += next_len;
      start2 += next_len;
      patch.diffs.push_back(std::move(next));
      ++head;
      empty = false;
    } else if (next.op == Op::kDelete && patch.diffs.size() == 1 &&
               patch.diffs.front().op == Op::kEqual && next_len > 2 * kPatchSize) {
      patch.length1 += next_len;
      start1 += next_len;
      empty = false;
      patch.diffs.push_back(std::move(next));
      ++head;
    } else {
      Index take = std::max<Index>(0, std::min(next_len, kPatchSize - patch.length1 - kMargin));
      Text piece = next.text.substr(0, static_cast<std::size_t>(take));
      const Index piece_len = static_cast<Index>(piece.size());
      patch.length1 += piece_len;
      start1 += piece_len;
      if (next.op == Op::kEqual) {
        patch.length2 += piece_len;
        start2 += piece_len;
      } else {
        empty = false;
      }
      const Op op = next.op;
      if (piece == next.text) {
        ++head;
      } else {
        next.text.erase(0, piece.size());
      }
      patch.diffs.push_back({op, std::move(piece)});
    }
  }
  return !empty;
}

// Appends up to kMargin characters of what follows diffs[head] as the patch's trailing context.
void add_post_context(Patch& patch, const std::vector<Diff>& diffs, std::size_t head) {
  std::vector<Diff> rest(diffs.begin() + static_cast<std::ptrdiff_t>(head), diffs.end());
  Text post_context = source_text(rest).substr(0, static_cast<std::size_t>(kMargin));
  if (!post_context.empty()) {
    patch.length1 += static_cast<Index>(post_context.size());
    patch.length2 += static_cast<Index>(post_context.size());
    if (!patch.diffs.empty() && patch.diffs.back().op == Op::kEqual) {
      patch.diffs.back().text += post_context;
    } else {
      patch.diffs.push_back({Op::kEqual, post_context});
    }
  }
}

}  // namespace

void split_max(std::vector<Patch>& patches);

void split_max(std::vector<Patch>& patches) {
  for (std::size_t x = 0; x < patches.size(); ++x) {
    if (patches[x].length1 <= kPatchSize) continue;
    Patch big = std::move(patches[x]);
    patches.erase(patches.begin() + static_cast<std::ptrdiff_t>(x));
    std::size_t insert_at = x;  // JS: splice(x--, 1) ... splice(++x, 0, patch)
    Index start1 = big.start1, start2 = big.start2;
    Text pre_context;
    std::size_t head = 0;  // big.diffs[head..] are still to be consumed
    while (head < big.diffs.size()) {
      Patch patch;
      patch.start1 = start1 - static_cast<Index>(pre_context.size());
      patch.start2 = start2 - static_cast<Index>(pre_context.size());
      if (!pre_context.empty()) {
        patch.length1 = patch.length2 = static_cast<Index>(pre_context.size());
        patch.diffs.push_back({Op::kEqual, pre_context});
      }
      const bool has_edit = fill_patch(patch, big.diffs, head, start1, start2);
      pre_context = destination_text(patch.diffs);
      if (static_cast<Index>(pre_context.size()) > kMargin) {
        pre_context.erase(0, pre_context.size() - static_cast<std::size_t>(kMargin));
      }
      add_post_context(patch, big.diffs, head);
      if (has_edit) {
        patches.insert(patches.begin() + static_cast<std::ptrdiff_t>(insert_at), std::move(patch));
        ++insert_at;
      }
    }
    // The JS loop resumes after the last inserted piece (x-- then ++x per insertion).
    x = insert_at;
    if (x == 0) {
      // Nothing was inserted at the very front: re-examine index 0 (JS x is -1, then ++ -> 0).
      x = static_cast<std::size_t>(-1);
    } else {
      --x;
    }
  }
}

}  // namespace ledgerline::patch::dmp
