// `ledgerline`: one binary for the server and its tools; see src/cli/commands.h.
#include "cli/commands.h"

int main(int argc, char** argv) {
  return ledgerline::cli::run(argc, argv);
}
