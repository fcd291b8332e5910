// Pipe functions: order() (a stable multi-key sort, also usable as a top-k for
// `order(...)[a...b]`) and score() (relevance for match, boolean conditions and boost()).
#pragma once

#include <cstddef>

#include "groq/evaluator.h"

namespace ledgerline::groq {

// Sorts the elements of `call.base` (an order() call) and calls fn for the sorted elements
// [skip, skip + count). Only the first skip + count are fully sorted. False when the base is
// not an array.
bool each_ordered(Evaluator& ev, const Node& call, const Scope& scope, std::size_t skip,
                  std::size_t count, ElementFn fn);

}  // namespace ledgerline::groq
