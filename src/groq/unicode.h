// Simple (one-to-one) Unicode case mapping for the scripts documents commonly use (Latin,
// Greek, Cyrillic, Armenian, Georgian, full-width Latin), for lower(), upper() and the
// case-insensitive `match`.
#pragma once

#include <string>
#include <string_view>

namespace ledgerline::groq {

char32_t to_upper_cp(char32_t c);
char32_t to_lower_cp(char32_t c);
std::string to_upper(std::string_view s);
std::string to_lower(std::string_view s);

}  // namespace ledgerline::groq
