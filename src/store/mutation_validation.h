// Strict shape checks for a Sanity mutations array, done before anything is applied.
#pragma once

#include <string_view>

#include "util/result.h"
#include "util/value.h"

namespace ledgerline::store {

// True for a usable document id: 1-128 characters of [A-Za-z0-9._-], not starting with
// '-' or '.', not ending with '.'.
bool is_valid_document_id(std::string_view id);

// Checks every mutation's kind, member names and types. Errors: kInvalidArgument,
// mutationError naming the first bad mutation's index.
Status validate_mutations(const Value& mutations);

}  // namespace ledgerline::store
