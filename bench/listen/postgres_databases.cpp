// Fresh PostgreSQL databases for the listen bench's `serve --postgres` runs: each run gets a
// database of its own (transaction ids b<sequence> start again at 0 every run), made and
// dropped with `psql` in the cluster options.postgres points at.
#include <cstdio>

#include "bench_common.h"

namespace listen_bench {
namespace {

bool run_psql(const Options& options, const std::string& sql) {
  ChildProcess psql;
  if (!psql.start({options.psql, "-q", "-v", "ON_ERROR_STOP=1", "-d", options.postgres, "-c", sql}))
    return false;
  psql.wait_for_line("\n\x01", std::chrono::seconds(60));  // never printed: reads until it exits
  const std::string status = psql.stop();
  if (status == "exit 0") return true;
  std::fprintf(stderr, "psql -c '%s': %s\n%s\n", sql.c_str(), status.c_str(),
               psql.output().c_str());
  return false;
}

// options.postgres with its database name replaced by `name` (the query string is kept).
std::string database_url(const std::string& url, const std::string& name) {
  const std::size_t scheme = url.find("://");
  const std::size_t authority = scheme == std::string::npos ? 0 : scheme + 3;
  const std::size_t query = std::min(url.find('?', authority), url.size());
  std::size_t slash = url.find('/', authority);
  if (slash == std::string::npos || slash > query) slash = query;
  return url.substr(0, slash) + "/" + name + url.substr(query);
}

}  // namespace

std::string fresh_database(const Options& options, const std::string& name) {
  if (!run_psql(options, "DROP DATABASE IF EXISTS " + name) ||
      !run_psql(options, "CREATE DATABASE " + name))
    return "";
  return database_url(options.postgres, name);
}

void drop_database(const Options& options, const std::string& name) {
  run_psql(options, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
}

}  // namespace listen_bench
