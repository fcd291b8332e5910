// Shared by the C++ tests: JSON text to a Value, failing the current test on bad JSON.
#pragma once

#include <gtest/gtest.h>

#include <string_view>

#include "util/json.h"

namespace ledgerline::test_support {

inline Value json(std::string_view text) {
  auto parsed = parse_json(text);
  EXPECT_TRUE(parsed.ok()) << text;
  return parsed.ok() ? *parsed : Value();
}

}  // namespace ledgerline::test_support
