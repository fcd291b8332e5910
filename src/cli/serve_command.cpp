// TEMPORARY placeholder so the binary links while the serve command is being written.
#include <iostream>

#include "cli/commands.h"

namespace ledgerline::cli {

void add_serve_command(CLI::App& app, int& exit_code) {
  auto* sub = app.add_subcommand("serve", "(not yet implemented)");
  sub->allow_extras();
  sub->callback([&exit_code] {
    std::cerr << "ledgerline serve: not implemented yet\n";
    exit_code = 2;
  });
}

}  // namespace ledgerline::cli
