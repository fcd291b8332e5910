// patch_fromText and patch_apply of @sanity/diff-match-patch: hunk headers in UTF-8 bytes are
// mapped to UTF-16 positions of the base text, then each hunk is placed by fuzzy matching.
#include <algorithm>

#include "patch/diff_match_patch.h"

namespace ledgerline::patch::dmp {
namespace {

using Index = std::int64_t;
constexpr Index kMaxBits = 32;
constexpr Index kMargin = 4;
constexpr double kDeleteThreshold = 0.4;
constexpr Index kMaxHeaderNumber = 1'000'000'000'000;  // JS would use doubles; we saturate

Error parse_error(std::string message) {
  return Error::invalid(std::move(message), "invalidPatch");
}

// Matches /^@@ -(\d+),?(\d*) \+(\d+),?(\d*) @@$/; digit groups may be empty where optional.
struct Header {
  Index start1, start2;
  std::u16string_view len1, len2;
};

bool read_digits(TextView line, std::size_t& at, std::u16string_view& out) {
  std::size_t begin = at;
  while (at < line.size() && line[at] >= u'0' && line[at] <= u'9') ++at;
  out = line.substr(begin, at - begin);
  return at > begin;
}

Index to_int(std::u16string_view digits) {
  Index n = 0;
  for (char16_t c : digits) n = std::min<Index>(n * 10 + (c - u'0'), kMaxHeaderNumber);
  return n;
}

bool parse_header(TextView line, Header& header) {
  std::size_t at = 0;
  std::u16string_view a, b, c, d;
  auto expect = [&](std::u16string_view lit) {
    if (line.substr(at, lit.size()) != lit) return false;
    at += lit.size();
    return true;
  };
  if (!expect(u"@@ -") || !read_digits(line, at, a)) return false;
  if (at < line.size() && line[at] == u',') ++at;
  read_digits(line, at, b);
  if (!expect(u" +") || !read_digits(line, at, c)) return false;
  if (at < line.size() && line[at] == u',') ++at;
  read_digits(line, at, d);
  if (!expect(u" @@") || at != line.size()) return false;
  header = Header{to_int(a), to_int(c), b, d};
  return true;
}

Text diff_text1(const std::vector<Diff>& diffs) {
  Text text;
  for (const Diff& d : diffs) {
    if (d.op != Op::kInsert) text += d.text;
  }
  return text;
}

Text diff_text2(const std::vector<Diff>& diffs) {
  Text text;
  for (const Diff& d : diffs) {
    if (d.op != Op::kDelete) text += d.text;
  }
  return text;
}

Index x_index(const std::vector<Diff>& diffs, Index location) {
  Index chars1 = 0, chars2 = 0, last1 = 0, last2 = 0;
  std::size_t x = 0;
  for (; x < diffs.size(); ++x) {
    if (diffs[x].op != Op::kInsert) chars1 += static_cast<Index>(diffs[x].text.size());
    if (diffs[x].op != Op::kDelete) chars2 += static_cast<Index>(diffs[x].text.size());
    if (chars1 > location) break;
    last1 = chars1;
    last2 = chars2;
  }
  if (x != diffs.size() && diffs[x].op == Op::kDelete) return last2;
  return last2 + (location - last1);
}

Index levenshtein(const std::vector<Diff>& diffs) {
  Index leven = 0, insertions = 0, deletions = 0;
  for (const Diff& d : diffs) {
    if (d.op == Op::kInsert) {
      insertions += static_cast<Index>(d.text.size());
    } else if (d.op == Op::kDelete) {
      deletions += static_cast<Index>(d.text.size());
    } else {
      leven += std::max(insertions, deletions);
      insertions = deletions = 0;
    }
  }
  return leven + std::max(insertions, deletions);
}

TextView js_substring(TextView s, Index from, Index to) {
  Index len = static_cast<Index>(s.size());
  from = std::clamp<Index>(from, 0, len);
  to = std::clamp<Index>(to, 0, len);
  if (from > to) std::swap(from, to);
  return s.substr(static_cast<std::size_t>(from), static_cast<std::size_t>(to - from));
}

// adjustIndiciesToUcs2 with allowExceedingIndices: one forward-only cursor for all starts.
void adjust_to_utf16(std::vector<Patch>& patches, TextView base) {
  Index byte_offset = 0;
  std::size_t idx = 0;
  auto advance_to = [&](Index target) {
    while (byte_offset < target) {
      if (idx >= base.size()) break;
      char16_t c = base[idx];
      if (c >= 0xD800 && c <= 0xDBFF && idx + 1 < base.size() && base[idx + 1] >= 0xDC00 &&
          base[idx + 1] <= 0xDFFF) {
        byte_offset += 4;
        idx += 2;
      } else {
        byte_offset += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        idx += 1;
      }
    }
    return static_cast<Index>(idx);
  };
  for (Patch& p : patches) {
    p.start1 = advance_to(p.start1);
    p.start2 = advance_to(p.start2);
  }
}

Text add_padding(std::vector<Patch>& patches) {
  Text padding;
  for (Index x = 1; x <= kMargin; ++x) padding += static_cast<char16_t>(x);
  for (Patch& p : patches) {
    p.start1 += kMargin;
    p.start2 += kMargin;
  }
  Patch& first = patches.front();
  if (first.diffs.empty() || first.diffs.front().op != Op::kEqual) {
    first.diffs.insert(first.diffs.begin(), {Op::kEqual, padding});
    first.start1 -= kMargin;
    first.start2 -= kMargin;
    first.length1 += kMargin;
    first.length2 += kMargin;
  } else if (kMargin > static_cast<Index>(first.diffs.front().text.size())) {
    Text& text = first.diffs.front().text;
    Index extra = kMargin - static_cast<Index>(text.size());
    text = padding.substr(text.size()) + text;
    first.start1 -= extra;
    first.start2 -= extra;
    first.length1 += extra;
    first.length2 += extra;
  }
  Patch& last = patches.back();
  if (last.diffs.empty() || last.diffs.back().op != Op::kEqual) {
    last.diffs.push_back({Op::kEqual, padding});
    last.length1 += kMargin;
    last.length2 += kMargin;
  } else if (kMargin > static_cast<Index>(last.diffs.back().text.size())) {
    Text& text = last.diffs.back().text;
    Index extra = kMargin - static_cast<Index>(text.size());
    text += padding.substr(0, static_cast<std::size_t>(extra));
    last.length1 += extra;
    last.length2 += extra;
  }
  return padding;
}

}  // namespace

void split_max(std::vector<Patch>& patches);  // diff_match_patch_split.cpp

Result<std::vector<Patch>> parse_patches(TextView text) {
  std::vector<Patch> patches;
  if (text.empty()) return patches;
  std::vector<TextView> lines;
  for (std::size_t begin = 0;;) {
    std::size_t end = text.find(u'\n', begin);
    lines.push_back(text.substr(begin, end == TextView::npos ? TextView::npos : end - begin));
    if (end == TextView::npos) break;
    begin = end + 1;
  }
  std::size_t pointer = 0;
  Text decoded;
  while (pointer < lines.size()) {
    Header header;
    if (!parse_header(lines[pointer], header)) {
      return parse_error("Invalid patch string: " + utf16_to_utf8(lines[pointer]));
    }
    Patch patch;
    patch.start1 = header.start1;
    patch.start2 = header.start2;
    if (header.len1.empty()) {
      patch.start1--, patch.length1 = 1;
    } else if (header.len1 == u"0") {
      patch.length1 = 0;
    } else {
      patch.start1--, patch.length1 = to_int(header.len1);
    }
    if (header.len2.empty()) {
      patch.start2--, patch.length2 = 1;
    } else if (header.len2 == u"0") {
      patch.length2 = 0;
    } else {
      patch.start2--, patch.length2 = to_int(header.len2);
    }
    ++pointer;
    for (; pointer < lines.size(); ++pointer) {
      TextView line = lines[pointer];
      if (line.empty()) continue;
      char16_t sign = line[0];
      if (sign == u'@') break;
      if (!decode_uri(line.substr(1), decoded)) {
        return parse_error("Illegal escape in parse: " + utf16_to_utf8(line));
      }
      Index utf8_diff = count_utf8_bytes(decoded) - static_cast<Index>(decoded.size());
      if (sign == u'-') {
        patch.diffs.push_back({Op::kDelete, decoded});
        patch.length1 -= utf8_diff;
      } else if (sign == u'+') {
        patch.diffs.push_back({Op::kInsert, decoded});
        patch.length2 -= utf8_diff;
      } else if (sign == u' ') {
        patch.diffs.push_back({Op::kEqual, decoded});
        patch.length1 -= utf8_diff;
        patch.length2 -= utf8_diff;
      } else {
        return parse_error("Invalid patch mode \"" + utf16_to_utf8(TextView(&sign, 1)) +
                           "\" in: " + utf16_to_utf8(decoded));
      }
    }
    patches.push_back(std::move(patch));
  }
  return patches;
}

Text apply_patches(std::vector<Patch> patches, Text text) {
  if (patches.empty()) return text;
  adjust_to_utf16(patches, text);
  const Text padding = add_padding(patches);
  text = padding + text + padding;
  split_max(patches);
  // The JS library gives each hunk's diff one second; one second for the whole text bounds the
  // CPU a hostile patch can take (results only differ once diffs are cut short).
  const auto deadline = Clock::now() + std::chrono::seconds(1);
  Index delta = 0;
  for (const Patch& patch : patches) {
    const Index expected_loc = patch.start2 + delta;
    const Text text1 = diff_text1(patch.diffs);
    const Index len1 = static_cast<Index>(text1.size());
    Index start_loc, end_loc = -1;
    if (len1 > kMaxBits) {
      start_loc = match_main(text, TextView(text1).substr(0, kMaxBits), expected_loc);
      if (start_loc != -1) {
        end_loc = match_main(text, TextView(text1).substr(text1.size() - kMaxBits),
                             expected_loc + len1 - kMaxBits);
        if (end_loc == -1 || start_loc >= end_loc) start_loc = -1;
      }
    } else {
      start_loc = match_main(text, text1, expected_loc);
    }
    if (start_loc == -1) {
      delta -= patch.length2 - patch.length1;
      continue;
    }
    delta = start_loc - expected_loc;
    const Text text2(end_loc == -1 ? js_substring(text, start_loc, start_loc + len1)
                                   : js_substring(text, start_loc, end_loc + kMaxBits));
    if (text1 == text2) {
      text = Text(js_substring(text, 0, start_loc)) + diff_text2(patch.diffs) +
             Text(js_substring(text, start_loc + len1, static_cast<Index>(text.size())));
      continue;
    }
    std::vector<Diff> diffs = diff_main(text1, text2, deadline);
    if (len1 > kMaxBits &&
        static_cast<double>(levenshtein(diffs)) / static_cast<double>(len1) > kDeleteThreshold) {
      continue;
    }
    diffs = cleanup_semantic_lossless(std::move(diffs));
    Index index1 = 0, index2 = 0;
    for (const Diff& mod : patch.diffs) {
      if (mod.op != Op::kEqual) index2 = x_index(diffs, index1);
      const Index at = start_loc + index2;
      const Index size = static_cast<Index>(text.size());
      if (mod.op == Op::kInsert) {
        text = Text(js_substring(text, 0, at)) + mod.text + Text(js_substring(text, at, size));
      } else if (mod.op == Op::kDelete) {
        Index end = start_loc + x_index(diffs, index1 + static_cast<Index>(mod.text.size()));
        text = Text(js_substring(text, 0, at)) + Text(js_substring(text, end, size));
      }
      if (mod.op != Op::kDelete) index1 += static_cast<Index>(mod.text.size());
    }
  }
  const Index pad = static_cast<Index>(padding.size());
  return Text(js_substring(text, pad, static_cast<Index>(text.size()) - pad));
}

}  // namespace ledgerline::patch::dmp
