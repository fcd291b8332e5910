// Shared by the C++ tests: a fresh, empty PostgreSQL schema on the server named by the
// LEDGERLINE_TEST_POSTGRES URL (tests/support/pg-cluster.sh starts a throw-away one), dropped
// with everything in it when the PostgresSchema goes away. url() points connections at it
// (search_path), so every test gets its own tables on one server.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <string>

#include "storage/postgres/pg_connection.h"

namespace ledgerline::test_support {

class PostgresSchema {
 public:
  // The server URL, or "" when LEDGERLINE_TEST_POSTGRES is unset (tests skip).
  static std::string server_url() {
    const char* url = std::getenv("LEDGERLINE_TEST_POSTGRES");
    return url ? url : "";
  }
  static constexpr const char* kSkipMessage =
      "LEDGERLINE_TEST_POSTGRES is not set (tests/support/pg-cluster.sh run CMD starts a server)";

  PostgresSchema() {
    static std::atomic<int> counter{0};
    name_ = "ll_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
            std::to_string(std::random_device{}() % 1000000);
    std::string server = server_url();
    if (server.empty()) throw std::runtime_error("LEDGERLINE_TEST_POSTGRES is not set");
    if (Status s = admin_.open(server); !s) throw std::runtime_error(s.error().message);
    if (Status s = admin_.exec("CREATE SCHEMA " + name_); !s) {
      throw std::runtime_error(s.error().message);
    }
    bool is_url = server.find("://") != std::string::npos;
    if (is_url) {
      url_ = server + (server.find('?') == std::string::npos ? "?" : "&") +
             "options=-csearch_path%3D" + name_;
    } else {
      url_ = server + " options='-csearch_path=" + name_ + "'";
    }
  }
  ~PostgresSchema() { (void)admin_.exec("DROP SCHEMA " + name_ + " CASCADE"); }
  PostgresSchema(const PostgresSchema&) = delete;
  PostgresSchema& operator=(const PostgresSchema&) = delete;

  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }
  // A connection to the server outside the schema (for checks and setup); qualify table names.
  storage::postgres::Connection& admin() { return admin_; }

 private:
  std::string name_;
  std::string url_;
  storage::postgres::Connection admin_;
};

}  // namespace ledgerline::test_support
