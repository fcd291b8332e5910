// The `match` operator: text is split into tokens, the pattern into wildcard terms (`*`), and
// every term has to match some token, case-insensitively. Also the BM25-style relevance that
// score() gives a match.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/value.h"

namespace ledgerline::groq {

// Tokens and terms are case-folded code point strings.
using Folded = std::u32string;

std::vector<Folded> match_tokens(std::string_view text);
std::vector<Folded> match_terms(std::string_view pattern);
bool term_matches(const Folded& term, const Folded& token);

// `text match pattern` (text and pattern: a string or an array of strings).
bool match(const Value& text, const Value& pattern);
// The relevance score() gives `text match pattern` (0 when it does not apply).
double match_score(const Value& text, const Value& pattern);

}  // namespace ledgerline::groq
