// Lets gtest print Values as JSON in failure messages.
#pragma once

#include <ostream>

#include "util/value.h"

namespace ledgerline {
inline void PrintTo(const Value& v, std::ostream* os) {
  *os << v.to_json();
}
}  // namespace ledgerline
