// Identifiers: random ones (revisions, transaction ids, listener names, array keys) and
// time-ordered ones for documents that are created all the time (bills, ledger rows, events).
#pragma once

#include <string>

namespace ledgerline {

// `length` characters of [A-Za-z0-9] from a per-thread CSPRNG-seeded generator.
std::string random_id(std::size_t length = 22);

// 22 characters of [0-9A-Za-z]: 9 that grow with time (microseconds, strictly increasing within
// the process) and 13 random ones (77 bits). Ids made later sort after earlier ones, so new
// documents land at the right edge of every index instead of all over it: a commit copies one
// index leaf for many new documents rather than one each. Still unguessable.
std::string time_ordered_id();

}  // namespace ledgerline
