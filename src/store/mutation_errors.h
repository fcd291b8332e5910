// Sanity's mutationError shape: one failing mutation reported as
// {type:"mutationError", description:"The mutation(s) failed: ...", items:[{index, error}]}.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "util/result.h"
#include "util/value.h"

namespace ledgerline::store {

// An error for mutation `index` whose item error is `item` (an object with at least
// `type` and `description`).
Error mutation_error(ErrorCode code, std::size_t index, Value item);

// 400 invalidMutation for mutation `index`.
Error invalid_mutation(std::size_t index, std::string_view description);
// 409 items: revision mismatch, create on an existing id, patch on a missing id.
Error revision_conflict(std::size_t index, std::string_view id, std::string_view expected,
                        std::string_view actual);
Error already_exists(std::size_t index, std::string_view id);
Error document_not_found(std::size_t index, std::string_view id);
// Wraps an error from a lower layer (patch engine, GROQ) as the item error of `index`.
Error wrap_item_error(std::size_t index, std::string_view id, const Error& cause);

}  // namespace ledgerline::store
