// The heap reserve: jemalloc takes the memory it grows by from a PrefaultedPool, so threads on
// the commit path do not stop for the kernel to zero new pages. Only `serve` installs it.
#pragma once

#include <cstddef>

namespace ledgerline {

// Keeps `ahead_bytes` of fresh memory faulted in for jemalloc's arenas. False (and nothing
// changed) when the process does not run on jemalloc, e.g. sanitizer builds and tests, or when
// jemalloc refuses the hooks. Call once, before the threads that allocate most are started.
bool install_heap_reserve(std::size_t ahead_bytes);

}  // namespace ledgerline
