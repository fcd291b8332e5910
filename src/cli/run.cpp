#include <iostream>

#include "app/rules.h"
#include "cli/commands.h"
#include "util/log.h"

namespace ledgerline::cli {

store::StoreOptions shop_store_options() {
  store::StoreOptions options;
  options.validators.push_back(app::shop_validator());
  return options;
}

int run(int argc, char** argv) {
  // Log lines go to stderr from the first one on, for every command: stdout carries only a
  // command's output (`TOKEN=$(ledgerline token create ...)` must get the token alone).
  set_log_level("info");
  CLI::App app{"Ledgerline: real-time billing and inventory server speaking Sanity's HTTP API"};
  app.require_subcommand(1);
  int exit_code = 0;
  add_serve_command(app, exit_code);
  add_query_command(app, exit_code);
  add_import_command(app, exit_code);
  add_export_command(app, exit_code);
  add_check_command(app, exit_code);
  add_seed_command(app, exit_code);
  add_user_command(app, exit_code);
  add_token_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "ledgerline: " << e.what() << " (see --help)\n";
    return 2;
  }
  return exit_code;
}

}  // namespace ledgerline::cli
