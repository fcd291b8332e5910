// The `ledgerline` subcommands. Each add_*_command registers one subcommand on the CLI11 app
// (in its own file, cli/<name>_command.cpp) and, when it runs, stores its exit code in
// `exit_code`. run() parses the command line: bad arguments give a one-line error and exit 2.
#pragma once

#include <CLI/CLI.hpp>

#include "store/store.h"

namespace ledgerline::cli {

int run(int argc, char** argv);

void add_serve_command(CLI::App& app, int& exit_code);
void add_query_command(CLI::App& app, int& exit_code);
void add_import_command(CLI::App& app, int& exit_code);
void add_export_command(CLI::App& app, int& exit_code);
void add_check_command(CLI::App& app, int& exit_code);
void add_seed_command(CLI::App& app, int& exit_code);
void add_user_command(CLI::App& app, int& exit_code);
void add_token_command(CLI::App& app, int& exit_code);

// The store options every command that writes the shop uses: the shop's validator
// (app/rules.h) composed with any other layer's.
store::StoreOptions shop_store_options();

}  // namespace ledgerline::cli
