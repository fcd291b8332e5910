#include "http/api/mutate.h"

#include "http/api/params.h"
#include "http/errors.h"

namespace ledgerline::http::api {

Error as_mutation_error(Error error) {
  if (error.type == "mutationError") return error;
  bool about_mutations = error.code == ErrorCode::kInvalidArgument ||
                         error.code == ErrorCode::kConflict || error.code == ErrorCode::kNotFound ||
                         error.code == ErrorCode::kPermissionDenied;
  if (!about_mutations) return error;
  ObjectBuilder item_error;
  if (error.details.is_object()) {
    for (const Member& member : error.details.as_object()) item_error.set(member.key, member.value);
  }
  item_error.set("type", Value::string(error.type.empty() ? "mutationError" : error.type));
  item_error.set("description", Value::string(error.message));
  ObjectBuilder item;
  item.set("error", item_error.build());
  ObjectBuilder details;
  details.set("items", Value::array({item.build()}));
  return Error{error.code, "mutationError", "The mutation(s) failed: " + error.message,
               details.build()};
}

namespace {

std::string render_results(const store::CommitResult& commit, bool return_documents) {
  std::string body = R"({"transactionId":)";
  write_json_string(body, commit.transaction_id);
  body += R"(,"results":[)";
  bool first = true;
  for (const store::MutationOutcome& outcome : commit.results) {
    if (!first) body += ',';
    first = false;
    body += R"({"id":)";
    write_json_string(body, outcome.id);
    body += R"(,"operation":)";
    write_json_string(body, outcome.operation);
    if (return_documents && !outcome.document.is_null()) {
      body += R"(,"document":)";
      outcome.document.write_json(body);
    }
    body += '}';
  }
  body += "]}";
  return body;
}

}  // namespace

void handle_mutate(const ApiContext& context, Request request, Respond respond) {
  Result<Value> body = parse_json_body(request);
  if (!body.ok()) {
    respond(error_response(body.error()));
    return;
  }
  const Value& mutations = body->get("mutations");
  if (!mutations.is_array()) {
    respond(error_response(as_mutation_error(Error::invalid(
        "The request body must be an object with a \"mutations\" array", "invalidMutation"))));
    return;
  }
  store::CommitOptions options;
  options.dry_run = request.flag("dryRun");
  options.auto_generate_array_keys = request.flag("autoGenerateArrayKeys");
  options.identity = request.identity.user_id;
  const Value& transaction_id = body->get("transactionId");
  if (transaction_id.is_string()) options.transaction_id = std::string(transaction_id.as_string());
  bool return_documents = request.flag("returnDocuments");
  context.store->commit_async(
      mutations, std::move(options),
      [return_documents, respond = std::move(respond)](Result<store::CommitResult> result) {
        if (!result.ok()) {
          respond(error_response(as_mutation_error(std::move(result).error())));
          return;
        }
        respond(Response::json(200, render_results(*result, return_documents)));
      });
}

}  // namespace ledgerline::http::api
