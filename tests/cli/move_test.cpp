// Moving a shop between storage engines with `export --accounts` and `import --accounts`: every
// document comes back byte for byte, and a password and an API token still work after the move.
// The PostgreSQL case (MovePostgres) needs LEDGERLINE_TEST_POSTGRES (tests/support/pg-cluster.sh).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "app/seed.h"
#include "app/shop.h"
#include "cli/open_data.h"
#include "cli_test_support.h"
#include "support/postgres_schema.h"
#include "support/temp_dir.h"
#include "util/time.h"

namespace ledgerline::cli::testing {
namespace {

using Args = std::vector<std::string>;

struct MadeShop {
  std::string email;
  std::string password;
  std::string user_id;
  std::string token;
};

// The demo shop (users with passwords, products, bills) and an admin API token in `source`.
MadeShop make_shop(const DataSource& source) {
  auth::AuthOptions options;
  options.password_cost = auth::PasswordCost::minimal();
  auto data = open_data(source, options, shop_store_options());
  if (!data.ok()) throw std::runtime_error(data.error().message);
  auth::Auth& auth = *(*data)->auth;
  app::Shop shop(*(*data)->store);
  auto seeded = app::seed_demo_shop(
      shop,
      [&auth](const app::SeedUser& user) -> Status {
        auth::Role role = user.role == "admin" ? auth::Role::kAdmin : auth::Role::kCustomer;
        auto made = auth.users().create(user.email, user.name, role, user.password, "", user.id);
        return made.ok() ? Status::success() : Status(std::move(made).error());
      },
      now_micros());
  if (!seeded.ok()) throw std::runtime_error(seeded.error().message);
  const app::SeedUser& admin = seeded->users.front();
  auto token = auth.tokens().create(admin.id, "moved");
  if (!token.ok()) throw std::runtime_error(token.error().message);
  return {admin.email, admin.password, admin.id, token->secret};
}

// The user logs in with the password, and the API token stands for the same user, in `source`.
void expect_logins_work(const DataSource& source, const MadeShop& shop) {
  auto data = open_data(source);
  ASSERT_TRUE(data.ok()) << data.error().message;
  auto login = (*data)->auth->login().login({shop.email, shop.password}, "127.0.0.1");
  ASSERT_TRUE(login.ok()) << login.error().message;
  EXPECT_EQ(login->user.get("_id").as_string(), shop.user_id);
  auto identity = (*data)->auth->tokens().authenticate(shop.token);
  ASSERT_TRUE(identity.ok()) << identity.error().message;
  EXPECT_EQ(identity->user_id, shop.user_id);
  auto wrong = (*data)->auth->login().login({shop.email, shop.password + "x"}, "127.0.0.1");
  EXPECT_FALSE(wrong.ok());
}

class Move : public ::testing::Test {
 protected:
  std::string path(std::string_view name) const { return (work_ / name).string(); }
  Args sqlite(std::string_view name) const { return {"--data", path(name)}; }

  // SQLite "a" -> `middle` -> SQLite "b", exporting documents and accounts at each step.
  void round_trip(const Args& middle, const DataSource& middle_source) {
    MadeShop shop = make_shop(DataSource{path("a")});
    ASSERT_EQ(run_cli(Args{"export"} + sqlite("a") +
                      Args{"--out", path("1.ndjson"), "--accounts", path("1.json")}),
              0);
    ASSERT_EQ(
        run_cli(Args{"import"} + middle + Args{path("1.ndjson"), "--accounts", path("1.json")}), 0);
    ASSERT_EQ(run_cli(Args{"export"} + middle +
                      Args{"--out", path("2.ndjson"), "--accounts", path("2.json")}),
              0);
    ASSERT_EQ(run_cli(Args{"import"} + sqlite("b") +
                      Args{path("2.ndjson"), "--accounts", path("2.json")}),
              0);
    ASSERT_EQ(run_cli(Args{"export"} + sqlite("b") +
                      Args{"--out", path("3.ndjson"), "--accounts", path("3.json")}),
              0);

    std::string first = read_file(path("1.ndjson"));
    EXPECT_GT(std::count(first.begin(), first.end(), '\n'), 50) << "the demo shop is there";
    EXPECT_EQ(read_file(path("2.ndjson")), first);
    EXPECT_EQ(read_file(path("3.ndjson")), first);
    std::string accounts = read_file(path("1.json"));
    EXPECT_NE(accounts.find(shop.email), std::string::npos);
    EXPECT_EQ(read_file(path("2.json")), accounts);
    EXPECT_EQ(read_file(path("3.json")), accounts);
    EXPECT_EQ(run_cli(Args{"check"} + middle), 0) << "every shop invariant holds after the move";

    expect_logins_work(middle_source, shop);
    expect_logins_work(DataSource{path("b")}, shop);
  }

  test_support::TempDir work_{"ll-move"};
};

TEST_F(Move, SqliteToSqliteKeepsDocumentsAndLogins) {
  round_trip(sqlite("m"), DataSource{path("m")});
}

TEST_F(Move, SqliteToPostgresToSqliteKeepsDocumentsAndLogins) {
  if (test_support::PostgresSchema::server_url().empty()) {
    GTEST_SKIP() << test_support::PostgresSchema::kSkipMessage;
  }
  test_support::PostgresSchema schema;
  round_trip(Args{"--postgres", schema.url()}, DataSource{.postgres_url = schema.url()});
}

// An account that exists already in the target: refused, and nothing is written (no document,
// no account).
TEST_F(Move, ImportRefusesAnExistingAccountWritingNothing) {
  MadeShop shop = make_shop(DataSource{path("a")});
  ASSERT_EQ(run_cli(Args{"export"} + sqlite("a") +
                    Args{"--out", path("1.ndjson"), "--accounts", path("1.json")}),
            0);
  {
    auth::AuthOptions options;
    options.password_cost = auth::PasswordCost::minimal();
    auto data = open_data(DataSource{path("t")}, options);
    ASSERT_TRUE(data.ok());
    ASSERT_TRUE(
        (*data)->auth->users().create(shop.email, "Other", auth::Role::kCustomer, "other-pw").ok());
  }
  ASSERT_EQ(run_cli(Args{"export"} + sqlite("t") + Args{"--out", path("before.ndjson")}), 0);
  EXPECT_EQ(
      run_cli(Args{"import"} + sqlite("t") + Args{path("1.ndjson"), "--accounts", path("1.json")}),
      1);
  ASSERT_EQ(run_cli(Args{"export"} + sqlite("t") + Args{"--out", path("after.ndjson")}), 0);
  EXPECT_EQ(read_file(path("after.ndjson")), read_file(path("before.ndjson")));
}

// A broken accounts file: refused before the target is even opened.
TEST_F(Move, ImportRefusesABadAccountsFileWritingNothing) {
  make_shop(DataSource{path("a")});
  ASSERT_EQ(run_cli(Args{"export"} + sqlite("a") +
                    Args{"--out", path("1.ndjson"), "--accounts", path("1.json")}),
            0);
  std::string accounts = read_file(path("1.json"));
  accounts.replace(accounts.find("\"passwordHash\":\"$argon2id$"), 26, "\"passwordHash\":\"plain");
  write_file(path("bad.json"), accounts);
  EXPECT_EQ(run_cli(Args{"import"} + sqlite("t") +
                    Args{path("1.ndjson"), "--accounts", path("bad.json")}),
            1);
  EXPECT_FALSE(std::filesystem::exists(path("t"))) << "the target was not even created";
}

// An account whose user document is neither in the target nor in the imported file.
TEST_F(Move, ImportRefusesAnAccountWithoutItsUserDocument) {
  make_shop(DataSource{path("a")});
  ASSERT_EQ(run_cli(Args{"export"} + sqlite("a") +
                    Args{"--out", path("1.ndjson"), "--accounts", path("1.json")}),
            0);
  write_file(path("empty.ndjson"), "");
  EXPECT_EQ(run_cli(Args{"import"} + sqlite("t") +
                    Args{path("empty.ndjson"), "--accounts", path("1.json")}),
            1);
  auto data = open_data(DataSource{path("t")});
  ASSERT_TRUE(data.ok());
  auto users = (*data)->auth->users().list();
  ASSERT_TRUE(users.ok());
  EXPECT_TRUE(users->empty());
}

TEST(DataSourceOptions, OneOfDataOrPostgres) {
  test_support::TempDir dir{"ll-source"};
  EXPECT_EQ(run_cli({"check"}), 2) << "neither --data nor --postgres";
  EXPECT_EQ(run_cli({"check", "--data", dir.path(), "--postgres", "postgresql://nowhere/db"}), 2);
  EXPECT_EQ(run_cli({"export", "--data", (dir / "missing").string()}), 1);
}

}  // namespace
}  // namespace ledgerline::cli::testing
