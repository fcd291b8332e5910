// TEMPORARY placeholder so the binary links while the export command is being written.
#include <iostream>

#include "cli/commands.h"

namespace ledgerline::cli {

void add_export_command(CLI::App& app, int& exit_code) {
  auto* sub = app.add_subcommand("export", "(not yet implemented)");
  sub->allow_extras();
  sub->callback([&exit_code] {
    std::cerr << "ledgerline export: not implemented yet\n";
    exit_code = 2;
  });
}

}  // namespace ledgerline::cli
