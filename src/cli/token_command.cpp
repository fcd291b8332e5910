// `ledgerline token create|list|revoke --data DIR ...`: API tokens, offline (a running server
// has /api/v1/tokens). `create` prints the token once, alone on the last line of stdout; only
// its hash is stored, so it cannot be shown again.
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/open_data.h"

namespace ledgerline::cli {
namespace {

struct TokenArguments {
  DataSource source;
  std::string user;
  std::string label;
  std::string id;
};

int fail(const std::string& command, const std::string& message, int code = 1) {
  std::cerr << "ledgerline token " << command << ": " << message << "\n";
  return code;
}

int create(const TokenArguments& args) {
  auto data = open_data(args.source);
  if (!data.ok()) return fail("create", data.error().message);
  auto user = (*data)->auth->users().by_email(args.user);
  if (!user.ok()) {
    return fail("create", user.error().message,
                user.error().code == ErrorCode::kInvalidArgument ? 2 : 1);
  }
  auto token = (*data)->auth->tokens().create(user->user_id, args.label);
  if (!token.ok()) return fail("create", token.error().message);
  std::cerr << fmt::format("created token {} for {} ({}); it is shown only now:\n", token->token_id,
                           user->email, user->role);
  std::cout << token->secret << std::endl;
  return 0;
}

int list(const TokenArguments& args) {
  auto data = open_data(args.source);
  if (!data.ok()) return fail("list", data.error().message);
  Result<Value> tokens = (*data)->auth->tokens().list();
  if (!tokens.ok()) return fail("list", tokens.error().message);
  for (const Value& token : tokens->as_array()) {
    const Value& last_used = token.get("lastUsedAt");
    std::cout << fmt::format("{}\t{}\t{}\tcreated {}\tlast used {}\t{}\n",
                             token.get("id").as_string(), token.get("userId").as_string(),
                             token.get("label").as_string(), token.get("createdAt").as_string(),
                             last_used.is_string() ? last_used.as_string() : "never",
                             token.get("revoked").as_bool() ? "revoked" : "active");
  }
  return 0;
}

int revoke(const TokenArguments& args) {
  auto data = open_data(args.source);
  if (!data.ok()) return fail("revoke", data.error().message);
  if (Status s = (*data)->auth->tokens().revoke(args.id); !s) {
    return fail("revoke", s.error().message);
  }
  std::cout << "revoked " << args.id << "\n";
  return 0;
}

}  // namespace

void add_token_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<TokenArguments>();
  auto* token = app.add_subcommand("token", "Manage API tokens (offline: stop the server first)");
  token->require_subcommand(1);

  auto* create_command =
      token->add_subcommand("create", "Create an API token for a user; prints it once");
  add_data_source_options(*create_command, args->source, "SQLite data folder");
  create_command->add_option("--user", args->user, "The user's email")->required();
  create_command->add_option("--label", args->label, "What the token is for");
  run_with_data_source(*create_command, args->source,
                       [args, &exit_code] { exit_code = create(*args); });

  auto* list_command = token->add_subcommand(
      "list", "List tokens: id, user id, label, created, last used, state (never the secret)");
  add_data_source_options(*list_command, args->source, "SQLite data folder");
  run_with_data_source(*list_command, args->source,
                       [args, &exit_code] { exit_code = list(*args); });

  auto* revoke_command = token->add_subcommand("revoke", "Revoke a token by its id");
  add_data_source_options(*revoke_command, args->source, "SQLite data folder");
  revoke_command->add_option("--id", args->id, "Token id (from token list)")->required();
  run_with_data_source(*revoke_command, args->source,
                       [args, &exit_code] { exit_code = revoke(*args); });
}

}  // namespace ledgerline::cli
