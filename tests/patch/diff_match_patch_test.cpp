// diff-match-patch port: text helpers, patch parsing, exact and fuzzy application. Expected
// strings were produced with @sanity/diff-match-patch 3.2.1 (what @sanity/mutator uses).
#include "patch/diff_match_patch.h"

#include <gtest/gtest.h>

namespace ledgerline::patch::dmp {
namespace {

std::string apply_text(std::string_view patch, std::string_view text) {
  auto parsed = parse_patches(utf8_to_utf16(patch));
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  if (!parsed.ok()) return "<parse error>";
  return utf16_to_utf8(apply_patches(*parsed, utf8_to_utf16(text)));
}

const char* kFoxPatch =
    "@@ -7,13 +7,11 @@\n ick \n-brown\n+red\n  fox\n@@ -26,16 +26,21 @@\n ver the \n+very \n lazy "
    "dog\n";

TEST(DmpText, Utf16RoundTripsAstralCharacters) {
  Text t = utf8_to_utf16("a😀é");
  ASSERT_EQ(t.size(), 4u);  // 'a', surrogate pair, 'é'
  EXPECT_EQ(t[1], 0xD83D);
  EXPECT_EQ(utf16_to_utf8(t), "a😀é");
}

TEST(DmpText, LoneSurrogatesBecomeReplacementCharacters) {
  Text t = u"x";
  t += static_cast<char16_t>(0xD83D);
  EXPECT_EQ(utf16_to_utf8(t), "x\xEF\xBF\xBD");
}

TEST(DmpText, InvalidUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(utf16_to_utf8(utf8_to_utf16("a\xFF"
                                        "b")),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(utf16_to_utf8(utf8_to_utf16("\xE2\x82")), "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(DmpText, CountsUtf8BytesLikeTheJsLibrary) {
  EXPECT_EQ(count_utf8_bytes(utf8_to_utf16("aé€😀")), 1 + 2 + 3 + 4);
}

TEST(DmpText, DecodeUriKeepsReservedEscapes) {
  Text out;
  ASSERT_TRUE(decode_uri(u"a%20b%23c%C3%A9", out));
  EXPECT_EQ(utf16_to_utf8(out), "a b%23cé");
}

TEST(DmpText, DecodeUriRejectsMalformedEscapes) {
  Text out;
  EXPECT_FALSE(decode_uri(u"%", out));
  EXPECT_FALSE(decode_uri(u"%zz", out));
  EXPECT_FALSE(decode_uri(u"%E0%A4", out));     // truncated sequence
  EXPECT_FALSE(decode_uri(u"%C0%80", out));     // overlong
  EXPECT_FALSE(decode_uri(u"%ED%A0%80", out));  // encoded surrogate
  EXPECT_FALSE(decode_uri(u"%80", out));        // stray continuation byte
}

TEST(DmpParse, ReadsHeadersAndLines) {
  auto patches = parse_patches(utf8_to_utf16(kFoxPatch));
  ASSERT_TRUE(patches.ok());
  ASSERT_EQ(patches->size(), 2u);
  EXPECT_EQ((*patches)[0].start1, 6);
  EXPECT_EQ((*patches)[0].length1, 13);
  EXPECT_EQ((*patches)[0].length2, 11);
  ASSERT_EQ((*patches)[0].diffs.size(), 4u);
  EXPECT_EQ((*patches)[0].diffs[1].op, Op::kDelete);
}

TEST(DmpParse, EmptyTextIsNoPatches) {
  auto patches = parse_patches(u"");
  ASSERT_TRUE(patches.ok());
  EXPECT_TRUE(patches->empty());
}

TEST(DmpParse, RejectsBadHeadersSignsAndEscapes) {
  EXPECT_FALSE(parse_patches(u"@@ garbage @@\n").ok());
  EXPECT_FALSE(parse_patches(u"@@ -1,3 +1,3 @@\n*abc\n").ok());
  EXPECT_FALSE(parse_patches(u"@@ -1,3 +1,3 @@\n-a%E0%A4\n").ok());
  EXPECT_FALSE(parse_patches(u"\n@@ -1,3 +1,3 @@\n").ok());
  EXPECT_FALSE(parse_patches(u"@@ -1,3 +1,3 @@\r\n").ok());
}

TEST(DmpParse, HugeHeaderNumbersDoNotOverflow) {
  auto patches = parse_patches(u"@@ -99999999999999999999999,3 +1,3 @@\n-abc\n+abd\n");
  ASSERT_TRUE(patches.ok());
  EXPECT_EQ(utf16_to_utf8(apply_patches(*patches, u"xx abc")), "xx abd");
}

TEST(DmpApply, ExactMatch) {
  EXPECT_EQ(apply_text(kFoxPatch, "The quick brown fox jumps over the lazy dog."),
            "The quick red fox jumps over the very lazy dog.");
}

TEST(DmpApply, FuzzyMatchOnChangedText) {
  EXPECT_EQ(apply_text(kFoxPatch, "A quick brown fox jumped over a lazy dog."),
            "A quick red fox jumped over a very lazy dog.");
}

TEST(DmpApply, UnrelatedTextIsLeftAlone) {
  EXPECT_EQ(apply_text(kFoxPatch, "Completely unrelated text here"),
            "Completely unrelated text here");
}

TEST(DmpApply, Utf8HeaderOffsetsOnUnicodeText) {
  const char* patch =
      "@@ -4,19 +4,23 @@\n llo \n-w%C3%B6rld\n+W%C3%96RLD\n  %F0%9F%98%80\n+%F0%9F%91%8D\n  end\n";
  EXPECT_EQ(apply_text(patch, "héllo wörld 😀 end"), "héllo WÖRLD 😀👍 end");
  EXPECT_EQ(apply_text(patch, "xx héllo wörld 😀 end"), "xx héllo WÖRLD 😀👍 end");
}

TEST(DmpApply, LargeDeletionUsesBothEndsOfTheContext) {
  std::string alphabet = "abcdefghijklmnopqrstuvwxyz";
  std::string long1 = alphabet + alphabet + alphabet + alphabet;
  const char* patch =
      "@@ -7,78 +7,8 @@\n ghij\n-klmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwx"
      "yzab\n cdef\n";
  EXPECT_EQ(apply_text(patch, long1), "abcdefghijcdefghijklmnopqrstuvwxyz");
  std::string changed = long1;
  changed[16] = 'Q';
  EXPECT_EQ(apply_text(patch, changed), "abcdefghijklmnopQrstuvwxyzabcdefghijghijklmnopqrstuvwxyz");
}

TEST(DmpApply, InsertIntoEmptyText) {
  EXPECT_EQ(apply_text("@@ -0,0 +1,5 @@\n+hello\n", ""), "hello");
}

TEST(DmpMatch, FindsExactAndFuzzyLocations) {
  EXPECT_EQ(match_main(u"abcdef", u"de", 3), 3);
  EXPECT_EQ(match_main(u"abcdefghijk", u"efxhi", 0), 4);  // one error
  EXPECT_EQ(match_main(u"abcdef", u"xyz", 0), -1);
  EXPECT_EQ(match_main(u"", u"abc", 0), -1);
  EXPECT_EQ(match_main(u"abc", u"", 1), 1);
}

TEST(DmpDiff, FindsCommonPrefixSuffixAndMiddleEdits) {
  auto diffs = diff_main(u"The cat", u"The big cat", Clock::now() + std::chrono::seconds(1));
  ASSERT_EQ(diffs.size(), 3u);
  EXPECT_EQ(diffs[1].op, Op::kInsert);
  EXPECT_EQ(diffs[1].text, u"big ");
  auto swapped = diff_main(u"abc", u"xyz", Clock::now() + std::chrono::seconds(1));
  ASSERT_EQ(swapped.size(), 2u);
  EXPECT_EQ(swapped[0].op, Op::kDelete);
}

}  // namespace
}  // namespace ledgerline::patch::dmp
