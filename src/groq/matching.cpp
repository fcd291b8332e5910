#include "groq/matching.h"

#include <algorithm>

#include "groq/unicode.h"
#include "groq/values.h"

namespace ledgerline::groq {
namespace {

constexpr std::size_t kMaxTermLength = 1024;
constexpr double kBm25k = 1.2;

bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool is_space(char32_t c) {
  return c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == ' ' || c == 0xA0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

bool is_separator(char32_t c, bool keep_wildcard) {
  if (c == '*') return !keep_wildcard;
  switch (c) {
    case '!':
    case '@':
    case '#':
    case '$':
    case '%':
    case '^':
    case '&':
    case '(':
    case ')':
    case ',':
    case '\\':
    case '/':
    case '?':
    case '"':
    case ';':
    case ':':
    case '{':
    case '}':
    case '|':
    case '[':
    case ']':
    case '+':
    case '<':
    case '>':
    case '-':
      return true;
    default:
      return is_space(c);
  }
}

// Drops runs of dots next to a word character ("ding.dong" -> "dingdong").
std::string strip_edge_dots(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] != '.') {
      out += s[i++];
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && s[j] == '.') ++j;
    bool before = i > 0 && is_word(s[i - 1]);
    bool after = j < s.size() && is_word(s[j]);
    if (!before && !after) out.append(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::vector<Folded> split(std::string_view text, bool keep_wildcard) {
  std::string stripped = strip_edge_dots(text);
  std::vector<Folded> parts;
  Folded current;
  for (std::size_t i = 0; i < stripped.size();) {
    char32_t c = decode_utf8(stripped, i);
    if (is_separator(c, keep_wildcard)) {
      if (!current.empty()) parts.push_back(std::move(current));
      current.clear();
    } else {
      current += to_upper_cp(c);
    }
  }
  if (!current.empty()) parts.push_back(std::move(current));
  return parts;
}

// Collects the strings of a string or an array; false if anything else was seen.
template <class Fn>
bool gather_text(const Value& v, Fn fn) {
  if (v.is_string()) {
    fn(v.as_string());
    return true;
  }
  if (!v.is_array()) return false;
  bool success = true;
  for (const Value& item : v.as_array()) {
    if (item.is_string()) {
      fn(item.as_string());
    } else {
      success = false;
    }
  }
  return success;
}

}  // namespace

std::vector<Folded> match_tokens(std::string_view text) {
  return split(text, false);
}

std::vector<Folded> match_terms(std::string_view pattern) {
  std::vector<Folded> terms = split(pattern, true);
  for (Folded& t : terms)
    if (t.size() > kMaxTermLength) t.resize(kMaxTermLength);
  return terms;
}

// Wildcard matching: `*` any sequence, `.` any one character, everything else literal.
bool term_matches(const Folded& term, const Folded& token) {
  std::size_t t = 0, k = 0, star = Folded::npos, mark = 0;
  while (k < token.size()) {
    if (t < term.size() && term[t] != '*' && (term[t] == '.' || term[t] == token[k])) {
      ++t;
      ++k;
    } else if (t < term.size() && term[t] == '*') {
      star = t++;
      mark = k;
    } else if (star != Folded::npos) {
      t = star + 1;
      k = ++mark;
    } else {
      return false;
    }
  }
  while (t < term.size() && term[t] == '*') ++t;
  return t == term.size();
}

namespace {

// The tokens of `text` and the terms of `pattern`; false when the pattern is not a string or an
// array of strings, or either side yields nothing (then nothing matches).
bool tokens_and_terms(const Value& text, const Value& pattern, std::vector<Folded>& tokens,
                      std::vector<Folded>& terms) {
  gather_text(text, [&](std::string_view s) {
    for (Folded& t : match_tokens(s)) tokens.push_back(std::move(t));
  });
  bool strings = gather_text(pattern, [&](std::string_view s) {
    for (Folded& t : match_terms(s)) terms.push_back(std::move(t));
  });
  return strings && !tokens.empty() && !terms.empty();
}

}  // namespace

bool match(const Value& text, const Value& pattern) {
  std::vector<Folded> tokens, terms;
  if (!tokens_and_terms(text, pattern, tokens, terms)) return false;
  return std::all_of(terms.begin(), terms.end(), [&](const Folded& term) {
    return std::any_of(tokens.begin(), tokens.end(),
                       [&](const Folded& token) { return term_matches(term, token); });
  });
}

double match_score(const Value& text, const Value& pattern) {
  std::vector<Folded> tokens, terms;
  if (!tokens_and_terms(text, pattern, tokens, terms)) return 0;
  double score = 0;
  for (const Folded& term : terms) {
    double freq = 0;
    for (const Folded& token : tokens)
      if (term_matches(term, token)) ++freq;
    score += freq * (kBm25k + 1) / (freq + kBm25k);
  }
  return score;
}

}  // namespace ledgerline::groq
