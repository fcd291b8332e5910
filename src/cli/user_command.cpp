// `ledgerline user create|list|disable|set-role --data DIR ...`: manages login accounts offline
// (the data folder is locked while a server runs; a running server has /api/v1/users). The
// password comes from stdin or --password-file, never from an argument (arguments are visible
// to every user of the machine in the process list).
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/open_data.h"

namespace ledgerline::cli {
namespace {

struct UserArguments {
  DataSource source;
  std::string email;
  std::string name;
  std::string role;
  std::string password_file;
};

// The first line of the file (or of stdin), without its line ending.
Result<std::string> read_password(const std::string& file) {
  std::string line;
  if (file.empty()) {
    if (!std::getline(std::cin, line)) {
      return Error::invalid("no password on stdin (or give --password-file)");
    }
  } else {
    std::ifstream in(file);
    if (!in) return Error::invalid("cannot read --password-file " + file);
    std::getline(in, line);
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int fail(const std::string& command, const std::string& message, int code = 1) {
  std::cerr << "ledgerline user " << command << ": " << message << "\n";
  return code;
}

int create(const UserArguments& args) {
  std::optional<auth::Role> role = auth::parse_user_role(args.role);
  if (!role) return fail("create", "--role must be admin or customer", 2);
  Result<std::string> password = read_password(args.password_file);
  if (!password.ok()) return fail("create", password.error().message, 2);
  auto data = open_data(args.source);
  if (!data.ok()) return fail("create", data.error().message);
  Result<Value> user = (*data)->auth->users().create(args.email, args.name, *role, *password);
  if (!user.ok()) {
    return fail("create", user.error().message,
                user.error().code == ErrorCode::kInvalidArgument ? 2 : 1);
  }
  std::cout << fmt::format("created {} {} ({})\n", user->get("_id").as_string(),
                           user->get("email").as_string(), args.role);
  return 0;
}

int list(const UserArguments& args) {
  auto data = open_data(args.source);
  if (!data.ok()) return fail("list", data.error().message);
  Result<std::vector<Value>> users = (*data)->auth->users().list();
  if (!users.ok()) return fail("list", users.error().message);
  for (const Value& user : *users) {
    std::cout << fmt::format("{}\t{}\t{}\t{}\t{}\n", user.get("_id").as_string(),
                             user.get("email").as_string(), user.get("role").as_string(),
                             user.get("active").as_bool() ? "active" : "disabled",
                             user.get("name").as_string());
  }
  return 0;
}

int change(const UserArguments& args, bool disable) {
  std::string command = disable ? "disable" : "set-role";
  std::optional<auth::Role> role = auth::parse_user_role(args.role);
  if (!disable && !role) return fail(command, "--role must be admin or customer", 2);
  auto data = open_data(args.source);
  if (!data.ok()) return fail(command, data.error().message);
  auth::Users& users = (*data)->auth->users();
  auto found = users.by_email(args.email);
  if (!found.ok()) return fail(command, found.error().message);
  Result<Value> user =
      disable ? users.disable(found->user_id) : users.set_role(found->user_id, *role);
  if (!user.ok()) return fail(command, user.error().message);
  std::cout << fmt::format("{} {}: role {}, {}\n", user->get("_id").as_string(),
                           user->get("email").as_string(), user->get("role").as_string(),
                           user->get("active").as_bool() ? "active" : "disabled");
  return 0;
}

}  // namespace

void add_user_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<UserArguments>();
  auto* user = app.add_subcommand("user", "Manage login accounts (offline: stop the server first)");
  user->require_subcommand(1);

  auto* create_command = user->add_subcommand(
      "create", "Create a user; the password is read from stdin or --password-file");
  add_data_source_options(*create_command, args->source, "SQLite data folder");
  create_command->add_option("--email", args->email, "Email (login name, unique)")->required();
  create_command->add_option("--name", args->name, "Display name")->required();
  create_command->add_option("--role", args->role, "admin|customer")->required();
  create_command->add_option("--password-file", args->password_file,
                             "File whose first line is the password (default: stdin)");
  run_with_data_source(*create_command, args->source,
                       [args, &exit_code] { exit_code = create(*args); });

  auto* list_command = user->add_subcommand("list", "List users: id, email, role, state, name");
  add_data_source_options(*list_command, args->source, "SQLite data folder");
  run_with_data_source(*list_command, args->source,
                       [args, &exit_code] { exit_code = list(*args); });

  auto* disable_command =
      user->add_subcommand("disable", "Disable a user: no login, its tokens and sessions refused");
  add_data_source_options(*disable_command, args->source, "SQLite data folder");
  disable_command->add_option("--email", args->email, "The user's email")->required();
  run_with_data_source(*disable_command, args->source,
                       [args, &exit_code] { exit_code = change(*args, true); });

  auto* role_command = user->add_subcommand("set-role", "Change a user's role");
  add_data_source_options(*role_command, args->source, "SQLite data folder");
  role_command->add_option("--email", args->email, "The user's email")->required();
  role_command->add_option("--role", args->role, "admin|customer")->required();
  run_with_data_source(*role_command, args->source,
                       [args, &exit_code] { exit_code = change(*args, false); });
}

}  // namespace ledgerline::cli
