// `ledgerline`: one binary for the server and its tools; see src/cli/commands.h.
#include "cli/commands.h"

#ifdef LEDGERLINE_JEMALLOC
// jemalloc's options, read at its first allocation (MALLOC_CONF in the environment is applied
// after them). Huge pages for the heap: the store's document set grows by hundreds of MB under
// write load, and with 4 KiB pages the commit thread spent a fifth of its time in page faults
// (bench/actions: 69,000-77,000 faults in 6 s, 280-850 with huge pages; see its README).
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "thp:always,metadata_thp:auto";
}
#endif

int main(int argc, char** argv) {
  return ledgerline::cli::run(argc, argv);
}
