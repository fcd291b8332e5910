// Parses a batch of stored document JSON texts on two threads, shared by the storage engines'
// load_documents (cold start is dominated by JSON parsing).
#pragma once

#include <string>
#include <vector>

#include "util/result.h"
#include "util/value.h"

namespace ledgerline::storage {

// kInternal ("corrupt document: ...") when a text is not JSON.
Result<std::vector<Value>> parse_in_parallel(const std::vector<std::string>& texts);

}  // namespace ledgerline::storage
