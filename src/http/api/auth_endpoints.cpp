#include "http/api/auth_endpoints.h"

#include <spdlog/spdlog.h>

#include "auth/credential_parsing.h"
#include "http/api/params.h"
#include "http/errors.h"
#include "http/worker_pool.h"

namespace ledgerline::http::api {
namespace {

Response json_response(int status, const Value& body) {
  return Response::json(status, body.to_json());
}

// The CSRF token of the request's session cookie, or null for other callers.
Value csrf_token_of(const Request& request) {
  if (request.identity.credential != auth::CredentialKind::kSession) return Value();
  const std::string* cookie = request.header("cookie");
  auto secret = cookie ? auth::cookie_value(*cookie) : std::nullopt;
  if (!secret) return Value();
  return Value::string(auth::Sessions::csrf_token_for(*secret));
}

}  // namespace

void handle_login(const ApiContext& context, Request request, Respond respond) {
  Result<auth::LoginRequest> login = auth::parse_login_body(request.body);
  if (!login.ok()) {
    respond(error_response(login.error()));
    return;
  }
  context.workers->submit([&context, login = std::move(*login), address = request.remote_address,
                           respond = std::move(respond)]() mutable {
    Result<auth::LoginOutcome> outcome = context.auth->login().login(login, address);
    if (!outcome.ok()) {
      // The email is logged (who was tried), the password never is.
      spdlog::info("auth: login refused for {} from {}: {}", login.email, address,
                   outcome.error().type);
      respond(error_response(outcome.error()));
      return;
    }
    spdlog::info("auth: login {} ({}) from {}", login.email, outcome->user.get("_id").as_string(),
                 address);
    Response response = json_response(
        200, Value::object({{Key::intern("user"), outcome->user},
                            {Key::intern("token"), Value::string(outcome->session.csrf_token)}}));
    auto max_age =
        std::chrono::duration_cast<std::chrono::seconds>(context.auth->options().session_absolute);
    response.headers.push_back({"set-cookie", auth::session_cookie(outcome->session.secret, max_age,
                                                                   context.secure_cookies)});
    response.headers.push_back({"cache-control", "no-store"});
    respond(std::move(response));
  });
}

void handle_logout(const ApiContext& context, Request request, Respond respond) {
  if (request.identity.credential == auth::CredentialKind::kSession) {
    if (Status s = context.auth->sessions().close(request.identity); !s) {
      respond(error_response(s.error()));
      return;
    }
    spdlog::info("auth: logout {}", request.identity.user_id);
  }
  Response response = Response::json(200, "{}");
  response.headers.push_back({"set-cookie", auth::cleared_session_cookie(context.secure_cookies)});
  respond(std::move(response));
}

void handle_me(const ApiContext& context, Request request, Respond respond) {
  Result<Value> user = context.auth->users().document(request.identity.user_id);
  if (!user.ok()) {
    respond(error_response(user.error()));
    return;
  }
  Response response =
      json_response(200, Value::object({{Key::intern("user"), *user},
                                        {Key::intern("token"), csrf_token_of(request)}}));
  response.headers.push_back({"cache-control", "no-store"});
  respond(std::move(response));
}

void handle_password_change(const ApiContext& context, Request request, Respond respond) {
  Result<Value> body = parse_json_body(request);
  if (!body.ok()) {
    respond(error_response(body.error()));
    return;
  }
  const Value& current = body->get("current");
  const Value& next = body->get("next");
  if (!current.is_string()) {
    respond(error_response(Error::invalid("\"current\" is required and must be a string")));
    return;
  }
  if (!next.is_string()) {
    respond(error_response(Error::invalid("\"next\" is required and must be a string")));
    return;
  }
  context.workers->submit(
      [&context, user_id = request.identity.user_id,
       this_session = request.identity.credential == auth::CredentialKind::kSession
                          ? request.identity.credential_id
                          : std::string(),
       current = std::string(current.as_string()), next = std::string(next.as_string()),
       respond = std::move(respond)]() mutable {
        // Other sessions end; the caller's own session (or token) goes on.
        Status changed =
            context.auth->users().change_password(user_id, current, next, this_session);
        if (!changed) {
          respond(error_response(changed.error()));
          return;
        }
        spdlog::info("auth: password changed for {}", user_id);
        respond(Response::json(200, "{}"));
      });
}

}  // namespace ledgerline::http::api
