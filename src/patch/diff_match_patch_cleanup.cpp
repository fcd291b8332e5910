// Diff post-processing used by patch_apply: the Sanity library's surrogate-pair "deisolation"
// and Google's cleanupSemanticLossless, ported literally (quirks included) from the JS sources.
#include <algorithm>
#include <optional>

#include "patch/diff_match_patch.h"

namespace ledgerline::patch::dmp {
namespace {

using Diffs = std::vector<Diff>;

bool is_high(char16_t c) {
  return c >= 0xD800 && c <= 0xDBFF;
}
bool is_low(char16_t c) {
  return c >= 0xDC00 && c <= 0xDFFF;
}

// JS `data[i]` yields undefined for an empty string; concatenating it gives "undefined".
using Char = std::optional<char16_t>;

Text char_text(Char c) {
  return c ? Text(1, *c) : Text(u"undefined");
}

Text combine_char(const Text& data, Char c, int dir) {
  return dir == 1 ? data + char_text(c) : char_text(c) + data;
}

std::pair<Text, Char> split_char(const Text& data, int dir) {
  if (data.empty()) return {Text(), std::nullopt};
  if (dir == 1) return {data.substr(0, data.size() - 1), data.back()};
  return {data.substr(1), data.front()};
}

bool has_shared_char(const Diffs& diffs, std::size_t i, std::size_t j, int dir) {
  const Text& a = diffs[i].text;
  const Text& b = diffs[j].text;
  Char ca = a.empty() ? Char() : Char(dir == 1 ? a.back() : a.front());
  Char cb = b.empty() ? Char() : Char(dir == 1 ? b.back() : b.front());
  return ca == cb;
}

// JS Array.prototype.splice(start, 0, item) start normalisation.
void splice_insert(Diffs& diffs, std::ptrdiff_t start, Diff item) {
  std::ptrdiff_t len = static_cast<std::ptrdiff_t>(diffs.size());
  if (start < 0) start = std::max<std::ptrdiff_t>(len + start, 0);
  start = std::min(start, len);
  diffs.insert(diffs.begin() + start, std::move(item));
}

void deisolate_char(Diffs& diffs, std::size_t i, int dir) {
  const int inv = -dir;
  std::optional<std::size_t> insert_idx, delete_idx;
  std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + dir;
  for (; j >= 0 && j < static_cast<std::ptrdiff_t>(diffs.size()) && (!insert_idx || !delete_idx);
       j += dir) {
    const Diff& d = diffs[static_cast<std::size_t>(j)];
    if (d.text.empty()) continue;
    if (d.op == Op::kInsert) {
      if (!insert_idx) insert_idx = static_cast<std::size_t>(j);
      continue;
    }
    if (d.op == Op::kDelete) {
      if (!delete_idx) delete_idx = static_cast<std::size_t>(j);
      continue;
    }
    if (!insert_idx && !delete_idx) {  // two consecutive equalities
      auto [rest, c] = split_char(diffs[i].text, dir);
      diffs[i].text = rest;
      diffs[static_cast<std::size_t>(j)].text =
          combine_char(diffs[static_cast<std::size_t>(j)].text, c, inv);
      return;
    }
    break;
  }
  if (insert_idx && delete_idx && has_shared_char(diffs, *insert_idx, *delete_idx, dir)) {
    auto [insert_text, insert_char] = split_char(diffs[*insert_idx].text, inv);
    auto delete_text = split_char(diffs[*delete_idx].text, inv).first;
    diffs[*insert_idx].text = insert_text;
    diffs[*delete_idx].text = delete_text;
    diffs[i].text = combine_char(diffs[i].text, insert_char, dir);
    return;
  }
  auto [text, c] = split_char(diffs[i].text, dir);
  diffs[i].text = text;
  if (!insert_idx) {
    splice_insert(diffs, j, {Op::kInsert, char_text(c)});
    if (delete_idx && static_cast<std::ptrdiff_t>(*delete_idx) >= j) ++*delete_idx;
  } else {
    diffs[*insert_idx].text = combine_char(diffs[*insert_idx].text, c, inv);
  }
  if (!delete_idx) {
    splice_insert(diffs, j, {Op::kDelete, char_text(c)});
  } else {
    diffs[*delete_idx].text = combine_char(diffs[*delete_idx].text, c, inv);
  }
}

bool is_js_whitespace(char16_t c) {
  switch (c) {
    case u'\t':
    case u'\n':
    case u'\v':
    case u'\f':
    case u'\r':
    case u' ':
    case 0x00A0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

bool is_alphanumeric(char16_t c) {
  return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}

bool ends_with_blank_line(const Text& s) {  // /\n\r?\n$/
  TextView v = s;
  return v.ends_with(u"\n\n") || v.ends_with(u"\n\r\n");
}

bool starts_with_blank_line(const Text& s) {  // /^\r?\n\r?\n/
  TextView v = s;
  return v.starts_with(u"\n\n") || v.starts_with(u"\n\r\n") || v.starts_with(u"\r\n\n") ||
         v.starts_with(u"\r\n\r\n");
}

int semantic_score(const Text& one, const Text& two) {
  if (one.empty() || two.empty()) return 6;
  char16_t c1 = one.back(), c2 = two.front();
  bool non_alnum1 = !is_alphanumeric(c1), non_alnum2 = !is_alphanumeric(c2);
  bool space1 = non_alnum1 && is_js_whitespace(c1), space2 = non_alnum2 && is_js_whitespace(c2);
  bool break1 = space1 && (c1 == u'\r' || c1 == u'\n');
  bool break2 = space2 && (c2 == u'\r' || c2 == u'\n');
  bool blank1 = break1 && ends_with_blank_line(one);
  bool blank2 = break2 && starts_with_blank_line(two);
  if (blank1 || blank2) return 5;
  if (break1 || break2) return 4;
  if (non_alnum1 && !space1 && space2) return 3;
  if (space1 || space2) return 2;
  if (non_alnum1 || non_alnum2) return 1;
  return 0;
}

std::size_t common_suffix(const Text& a, const Text& b) {
  std::size_t n = std::min(a.size(), b.size()), i = 0;
  while (i < n && a[a.size() - 1 - i] == b[b.size() - 1 - i]) ++i;
  return i;
}

}  // namespace

void adjust_for_surrogate_pairs(Diffs& diffs) {
  for (std::size_t i = 0; i < diffs.size(); ++i) {
    if (diffs[i].text.empty()) continue;
    const char16_t first = diffs[i].text.front(), last = diffs[i].text.back();
    const bool equal = diffs[i].op == Op::kEqual;
    if (is_high(last) && equal) deisolate_char(diffs, i, 1);
    if (is_low(first) && equal) deisolate_char(diffs, i, -1);
  }
  // Like the JS loop, an empty entry right after a removed one survives.
  for (std::size_t i = 0; i < diffs.size(); ++i) {
    if (diffs[i].text.empty()) diffs.erase(diffs.begin() + static_cast<std::ptrdiff_t>(i));
  }
}

Diffs cleanup_semantic_lossless(Diffs diffs) {
  std::ptrdiff_t pointer = 1;
  while (pointer >= 1 && pointer < static_cast<std::ptrdiff_t>(diffs.size()) - 1) {
    const std::size_t p = static_cast<std::size_t>(pointer);
    if (diffs[p - 1].op == Op::kEqual && diffs[p + 1].op == Op::kEqual) {
      Text equality1 = diffs[p - 1].text, edit = diffs[p].text, equality2 = diffs[p + 1].text;
      if (std::size_t common = common_suffix(equality1, edit)) {
        Text common_string = edit.substr(edit.size() - common);
        equality1.resize(equality1.size() - common);
        edit = common_string + edit.substr(0, edit.size() - common);
        equality2 = common_string + equality2;
      }
      Text best_equality1 = equality1, best_edit = edit, best_equality2 = equality2;
      int best_score = semantic_score(equality1, edit) + semantic_score(edit, equality2);
      while (!(edit.empty() && equality2.empty()) && !edit.empty() && !equality2.empty() &&
             edit.front() == equality2.front()) {
        equality1 += edit.front();
        edit = edit.substr(1) + equality2.front();
        equality2.erase(0, 1);
        int score = semantic_score(equality1, edit) + semantic_score(edit, equality2);
        if (score >= best_score) {
          best_score = score;
          best_equality1 = equality1;
          best_edit = edit;
          best_equality2 = equality2;
        }
      }
      if (diffs[p - 1].text != best_equality1) {
        if (!best_equality1.empty()) {
          diffs[p - 1].text = best_equality1;
        } else {
          diffs.erase(diffs.begin() + pointer - 1);
          --pointer;
        }
        diffs[static_cast<std::size_t>(pointer)].text = best_edit;
        if (!best_equality2.empty()) {
          diffs[static_cast<std::size_t>(pointer) + 1].text = best_equality2;
        } else {
          diffs.erase(diffs.begin() + pointer + 1);
          --pointer;
        }
      }
    }
    ++pointer;
  }
  return diffs;
}

}  // namespace ledgerline::patch::dmp
