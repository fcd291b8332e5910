#include "http/api/query.h"

#include <chrono>

#include "groq/groq.h"
#include "http/api/params.h"
#include "http/api/read_scope.h"
#include "http/errors.h"
#include "http/worker_pool.h"

namespace ledgerline::http::api {

namespace {

struct QueryRequest {
  std::string text;
  Value params;
  bool return_query = true;
  bool published_only = false;
};

Result<QueryRequest> read_query_request(const Request& request) {
  QueryRequest out;
  Result<Value> params = decode_dollar_params(request);
  if (!params.ok()) return std::move(params).error();
  ObjectBuilder merged(*params);
  if (request.method == "POST") {
    Result<Value> body = parse_json_body(request);
    if (!body.ok()) return std::move(body).error();
    const Value* query = body->find("query");
    if (query == nullptr || !query->is_string()) {
      return Error::invalid("The request body must be an object with a string \"query\"",
                            "queryError");
    }
    out.text = std::string(query->as_string());
    const Value& body_params = body->get("params");
    if (!body_params.is_null() && !body_params.is_object()) {
      return Error::invalid("\"params\" must be an object", "queryError");
    }
    for (const Member& member : body_params.as_object()) merged.set(member.key, member.value);
  } else {
    const std::string* query = request.query_param("query");
    if (query == nullptr) {
      return Error::invalid("Missing query parameter \"query\"", "queryError");
    }
    out.text = *query;
  }
  out.params = merged.build();
  if (const std::string* value = request.query_param("returnQuery")) {
    out.return_query = *value != "false";
  }
  if (const std::string* perspective = request.query_param("perspective")) {
    Status valid = check_perspective(*perspective);
    if (!valid.ok()) return std::move(valid).error();
    out.published_only = *perspective == "published";
  }
  return out;
}

Response evaluate_query(const ApiContext& context, const QueryRequest& query,
                        const ReadableView& view, const Identity& identity,
                        std::chrono::steady_clock::time_point started) {
  Result<groq::QueryPtr> parsed = groq::parse(query.text);
  if (!parsed.ok()) return error_response(parsed.error());
  groq::EvalOptions options;
  options.params = query.params;
  options.deadline = started + context.query_timeout;
  if (identity.authenticated()) options.identity = Value::string(identity.user_id);
  Result<Value> result = groq::evaluate(**parsed, *view.dataset, options);
  if (!result.ok()) return error_response(result.error());
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  std::string body = R"({"ms":)";
  body += std::to_string(elapsed.count());
  if (query.return_query) {
    body += R"(,"query":)";
    write_json_string(body, query.text);
  }
  body += R"(,"result":)";
  result->write_json(body);
  body += '}';
  return Response::json(200, std::move(body));
}

}  // namespace

void handle_query(const ApiContext& context, Request request, Respond respond) {
  auto started = std::chrono::steady_clock::now();
  Result<QueryRequest> query = read_query_request(request);
  if (!query.ok()) {
    respond(error_response(query.error()));
    return;
  }
  Result<ReadableView> view = readable_view(context, request, query->published_only);
  if (!view.ok()) {
    respond(error_response(view.error()));
    return;
  }
  context.workers->submit([&context, query = std::move(*query), view = std::move(*view),
                           identity = request.identity, started, respond = std::move(respond)] {
    respond(evaluate_query(context, query, view, identity, started));
  });
}

}  // namespace ledgerline::http::api
