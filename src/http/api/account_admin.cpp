#include "http/api/account_admin.h"

#include <spdlog/spdlog.h>

#include "http/api/params.h"
#include "http/errors.h"
#include "http/worker_pool.h"

namespace ledgerline::http::api {
namespace {

Result<std::string> required_string(const Value& body, std::string_view field) {
  const Value& value = body.get(field);
  if (!value.is_string()) {
    return Error::invalid("\"" + std::string(field) + "\" is required and must be a string");
  }
  return std::string(value.as_string());
}

}  // namespace

void handle_create_user(const ApiContext& context, Request request, Respond respond) {
  Result<Value> body = parse_json_body(request);
  if (!body.ok() || !body->is_object()) {
    respond(error_response(
        body.ok() ? Error::invalid("The body must be a JSON object {email, name, role, password}")
                  : body.error()));
    return;
  }
  Result<std::string> fields[4] = {required_string(*body, "email"), required_string(*body, "name"),
                                   required_string(*body, "role"),
                                   required_string(*body, "password")};
  for (const auto& field : fields) {
    if (!field.ok()) {
      respond(error_response(field.error()));
      return;
    }
  }
  std::optional<auth::Role> role = auth::parse_user_role(*fields[2]);
  if (!role) {
    respond(error_response(Error::invalid("\"role\" must be \"admin\" or \"customer\"")));
    return;
  }
  context.workers->submit([&context, email = *fields[0], name = *fields[1], role = *role,
                           password = *fields[3], actor = request.identity.user_id,
                           respond = std::move(respond)]() mutable {
    Result<Value> user = context.auth->users().create(email, name, role, password, actor);
    if (!user.ok()) {
      respond(error_response(user.error()));
      return;
    }
    spdlog::info("auth: {} created user {} ({})", actor, user->get("_id").as_string(),
                 auth::role_name(role));
    respond(Response::json(201, user->to_json()));
  });
}

void handle_list_users(const ApiContext& context, Request, Respond respond) {
  Result<std::vector<Value>> users = context.auth->users().list();
  if (!users.ok()) {
    respond(error_response(users.error()));
    return;
  }
  respond(Response::json(
      200, Value::object({{Key::intern("users"), Value::array(std::move(*users))}}).to_json()));
}

void handle_disable_user(const ApiContext& context, Request request, Respond respond) {
  std::string user_id(request.param("id"));
  Result<Value> user = context.auth->users().disable(user_id, request.identity.user_id);
  if (!user.ok()) {
    respond(error_response(user.error()));
    return;
  }
  spdlog::info("auth: {} disabled user {}", request.identity.user_id, user_id);
  respond(Response::json(200, user->to_json()));
}

void handle_list_tokens(const ApiContext& context, Request, Respond respond) {
  Result<Value> tokens = context.auth->tokens().list();
  if (!tokens.ok()) {
    respond(error_response(tokens.error()));
    return;
  }
  respond(Response::json(200, Value::object({{Key::intern("tokens"), *tokens}}).to_json()));
}

void handle_create_token(const ApiContext& context, Request request, Respond respond) {
  Value body = Value::empty_object();
  if (!request.body.empty()) {
    Result<Value> parsed = parse_json_body(request);
    if (!parsed.ok() || !parsed->is_object()) {
      respond(error_response(parsed.ok() ? Error::invalid("The body must be a JSON object")
                                         : parsed.error()));
      return;
    }
    body = std::move(*parsed);
  }
  const Value& user_id = body.get("userId");
  const Value& label = body.get("label");
  if (!user_id.is_null() && !user_id.is_string()) {
    respond(error_response(Error::invalid("\"userId\" must be a string")));
    return;
  }
  if (!label.is_null() && !label.is_string()) {
    respond(error_response(Error::invalid("\"label\" must be a string")));
    return;
  }
  std::string owner =
      user_id.is_string() ? std::string(user_id.as_string()) : request.identity.user_id;
  std::string label_text(label.as_string());
  Result<auth::CreatedToken> created = context.auth->tokens().create(owner, label_text);
  if (!created.ok()) {
    respond(error_response(created.error()));
    return;
  }
  spdlog::info("auth: {} created token {} for {}", request.identity.user_id, created->token_id,
               owner);
  Response response =
      Response::json(201, Value::object({{Key::intern("id"), Value::string(created->token_id)},
                                         {Key::intern("token"), Value::string(created->secret)},
                                         {Key::intern("label"), Value::string(label_text)},
                                         {Key::intern("userId"), Value::string(owner)}})
                              .to_json());
  response.headers.push_back({"cache-control", "no-store"});
  respond(std::move(response));
}

void handle_revoke_token(const ApiContext& context, Request request, Respond respond) {
  std::string token_id(request.param("id"));
  if (Status s = context.auth->tokens().revoke(token_id); !s) {
    respond(error_response(s.error()));
    return;
  }
  spdlog::info("auth: {} revoked token {}", request.identity.user_id, token_id);
  respond(Response::json(200, Value::object({{Key::intern("id"), Value::string(token_id)},
                                             {Key::intern("revoked"), Value::boolean(true)}})
                                  .to_json()));
}

}  // namespace ledgerline::http::api
