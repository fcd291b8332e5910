// Port of the diff-match-patch flavour @sanity/mutator uses (@sanity/diff-match-patch 3.x):
// patch text parsing (hunk headers count UTF-8 bytes) and fuzzy patch application (bitap match,
// threshold 0.5, distance 1000, delete threshold 0.4, margin 4), on JavaScript UTF-16 strings.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace ledgerline::patch::dmp {

using Text = std::u16string;
using TextView = std::u16string_view;

enum class Op : int { kDelete = -1, kEqual = 0, kInsert = 1 };

struct Diff {
  Op op;
  Text text;
};

// One hunk. Starts/lengths are UTF-16 code units once adjusted (see apply_patches); as parsed,
// starts are the header's UTF-8 byte offsets (as in the JS library).
struct Patch {
  std::vector<Diff> diffs;
  std::int64_t start1 = 0;
  std::int64_t start2 = 0;
  std::int64_t length1 = 0;
  std::int64_t length2 = 0;
};

using Clock = std::chrono::steady_clock;

// patch_fromText: parses `@@ -a,b +c,d @@` hunks with URI-encoded lines. Errors on a bad header,
// a bad line sign or an illegal %-escape (like the JS `decodeURI` it mirrors).
Result<std::vector<Patch>> parse_patches(TextView text);

// patch_apply: applies the hunks with fuzzy matching; hunks that cannot be placed are skipped.
Text apply_patches(std::vector<Patch> patches, Text text);

// Google diff_main without the line-mode speedup (checklines=false), then the Sanity
// surrogate-pair adjustment. Stops refining at `deadline` like the JS version.
std::vector<Diff> diff_main(TextView text1, TextView text2, Clock::time_point deadline);
std::vector<Diff> cleanup_semantic_lossless(std::vector<Diff> diffs);
// Moves split surrogate pairs out of equalities (the Sanity library's post-processing).
void adjust_for_surrogate_pairs(std::vector<Diff>& diffs);

// match_main: best location of `pattern` near `loc` in `text`, or -1 (pattern <= 32 units).
std::int64_t match_main(TextView text, TextView pattern, std::int64_t loc);

// JavaScript string helpers: UTF-8 <-> UTF-16. Lone surrogates become U+FFFD in UTF-8.
Text utf8_to_utf16(std::string_view utf8);
std::string utf16_to_utf8(TextView utf16);
// Bytes the JS library counts for a UTF-16 string (lone surrogates count 3).
std::int64_t count_utf8_bytes(TextView text);
// JavaScript decodeURI; false on a malformed escape (URIError).
bool decode_uri(TextView encoded, Text& decoded);

}  // namespace ledgerline::patch::dmp
