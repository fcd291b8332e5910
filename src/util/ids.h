// Random identifiers (document ids, revisions, transaction ids, listener names).
#pragma once

#include <string>

namespace ledgerline {

// `length` characters of [A-Za-z0-9] from a per-thread CSPRNG-seeded generator.
std::string random_id(std::size_t length = 22);

}  // namespace ledgerline
