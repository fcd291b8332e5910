#include "util/heap_reserve.h"

#include <string>

#include "util/prefaulted_pool.h"

// jemalloc's control interface, when the binary is linked with it (the ledgerline target is);
// a null address otherwise. Declared here rather than through <jemalloc/jemalloc.h>, which
// would make every binary that links this layer depend on jemalloc.
extern "C" int mallctl(const char* name, void* old_value, std::size_t* old_length, void* new_value,
                       std::size_t new_length) __attribute__((weak));

namespace ledgerline {
namespace {

// jemalloc's extent_hooks_t (jemalloc.h, "extent_hooks_s"; the same since jemalloc 5.0).
struct ExtentHooks;
using ExtentAlloc = void*(ExtentHooks*, void* new_address, std::size_t size, std::size_t alignment,
                          bool* zero, bool* commit, unsigned arena);
struct ExtentHooks {
  ExtentAlloc* alloc;
  void* dalloc;
  void* destroy;
  void* commit;
  void* decommit;
  void* purge_lazy;
  void* purge_forced;
  void* split;
  void* merge;
};

ExtentHooks* default_hooks = nullptr;
ExtentHooks reserve_hooks;
PrefaultedPool* pool = nullptr;  // lives as long as the process: jemalloc may call at any time

// jemalloc asks for a new extent: take it from the pool, else map it the usual way. Everything
// else (purging, splitting, merging, unmapping) stays jemalloc's own, which works on any
// anonymous mapping.
void* reserve_alloc(ExtentHooks*, void* new_address, std::size_t size, std::size_t alignment,
                    bool* zero, bool* commit, unsigned arena) {
  if (new_address == nullptr) {
    if (void* memory = pool->take(size, alignment)) {
      *zero = true;  // fresh anonymous pages
      *commit = true;
      return memory;
    }
  }
  return default_hooks->alloc(default_hooks, new_address, size, alignment, zero, commit, arena);
}

// How much jemalloc asks for at once when it grows an arena: by default the steps grow without
// bound, and one larger than a pool region would bypass the pool.
constexpr std::size_t kGrowLimit = std::size_t{8} << 20;

}  // namespace

bool install_heap_reserve(std::size_t ahead_bytes) {
  if (mallctl == nullptr || pool != nullptr || ahead_bytes == 0) return false;
  unsigned arenas = 0;
  std::size_t length = sizeof arenas;
  if (mallctl("arenas.narenas", &arenas, &length, nullptr, 0) != 0) return false;
  ExtentHooks* current = nullptr;
  length = sizeof current;
  if (mallctl("arena.0.extent_hooks", &current, &length, nullptr, 0) != 0) return false;
  default_hooks = current;
  reserve_hooks = *current;
  reserve_hooks.alloc = reserve_alloc;
  pool = new PrefaultedPool(ahead_bytes);
  ExtentHooks* hooks = &reserve_hooks;
  std::size_t grow_limit = kGrowLimit;
  for (unsigned i = 0; i < arenas; ++i) {
    // Setting an arena's hooks also creates an arena not used yet, so every arena has them.
    std::string arena = "arena." + std::to_string(i);
    if (mallctl((arena + ".extent_hooks").c_str(), nullptr, nullptr, &hooks, sizeof hooks) != 0) {
      if (i > 0) return true;  // the arenas after this one keep jemalloc's own hooks
      delete pool;             // refused at once: no arena uses the pool
      pool = nullptr;
      return false;
    }
    mallctl((arena + ".retain_grow_limit").c_str(), nullptr, nullptr, &grow_limit,
            sizeof grow_limit);
  }
  return true;
}

}  // namespace ledgerline
