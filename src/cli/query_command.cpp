// `ledgerline query`: evaluates a GROQ query over an NDJSON file (used by the GROQ conformance
// suite and the GROQ benchmark).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "groq/groq.h"
#include "groq/ndjson.h"
#include "util/json.h"

namespace ledgerline::cli {
namespace {

struct QueryArgs {
  std::string dataset;
  std::vector<std::string> params;
  int repeat = 0;
  std::string query;
};

void print_error(const Error& error) {
  Value body = Value::object({Member{Key::intern("description"), Value::string(error.message)},
                              Member{Key::intern("type"), Value::string(error.type)}});
  if (error.details.is_object()) {
    ObjectBuilder b(body);
    for (const Member& m : error.details.as_object()) b.set(m.key, m.value);
    body = b.build();
  }
  std::cerr << Value::object({Member{Key::intern("error"), body}}).to_json() << "\n";
}

int run_query(const QueryArgs& args) {
  groq::EvalOptions options;
  ObjectBuilder params;
  for (const std::string& p : args.params) {
    std::size_t eq = p.find('=');
    if (eq == std::string::npos || eq == 0) {
      print_error(Error::invalid("bad parameter \"" + p + "\": expected NAME=JSON", "queryError"));
      return 1;
    }
    auto value = parse_json(std::string_view(p).substr(eq + 1));
    if (!value.ok()) {
      print_error(Error::invalid("bad parameter " + p.substr(0, eq) + ": " + value.error().message,
                                 "queryError"));
      return 1;
    }
    params.set(std::string_view(p).substr(0, eq), std::move(value).value());
  }
  options.params = params.build();
  options.identity = Value::string("");

  auto query = groq::parse(args.query);
  if (!query.ok()) {
    print_error(query.error());
    return 1;
  }
  auto docs = groq::load_ndjson(args.dataset);
  if (!docs.ok()) {
    print_error(docs.error());
    return 1;
  }
  // Deliberately never freed (but still reachable, so leak checkers stay quiet): the process
  // exits right after, and handing back a few hundred thousand documents one allocation at a
  // time would take longer than the query.
  static auto* kept = new std::vector<std::shared_ptr<groq::Dataset>>();
  kept->push_back(groq::make_vector_dataset(std::move(docs).value()));
  const groq::Dataset& dataset = *kept->back();

  const int runs = std::max(1, args.repeat);
  std::vector<double> times;
  Result<Value> result = Value();
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    result = groq::evaluate(**query, dataset, options);
    times.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
    if (!result.ok()) break;
  }
  if (!result.ok()) {
    print_error(result.error());
    return 1;
  }
  std::string out = result->to_json();
  out += '\n';
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  if (args.repeat > 0) {
    std::sort(times.begin(), times.end());
    double median = times.size() % 2 ? times[times.size() / 2]
                                     : (times[times.size() / 2 - 1] + times[times.size() / 2]) / 2;
    std::fprintf(stderr, "eval_ms_median=%.3f\n", median);
  }
  return 0;
}

}  // namespace

void add_query_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<QueryArgs>();
  auto* sub = app.add_subcommand("query", "Evaluate a GROQ query over an NDJSON dataset");
  sub->add_option("--dataset", args->dataset, "NDJSON file, one document per line")
      ->required()
      ->check(CLI::ExistingFile);
  sub->add_option("--param", args->params, "Query parameter NAME=JSON (repeatable)");
  sub->add_option("--repeat", args->repeat, "Evaluate N times and print eval_ms_median=X on stderr")
      ->check(CLI::PositiveNumber);
  sub->add_option("query", args->query, "The GROQ query")->required();
  sub->callback([args, &exit_code] { exit_code = run_query(*args); });
}

}  // namespace ledgerline::cli
