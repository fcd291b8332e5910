// The account endpoints under /api/v1/auth (access declared in src/http/routes.cpp):
//   POST /api/v1/auth/login     {email, password} -> 200 {user, token} + Set-Cookie session;
//                               `token` is the session's CSRF token (send it as X-CSRF-Token)
//   POST /api/v1/auth/logout    ends the cookie's session, clears the cookie -> 200 {}
//   GET  /api/v1/auth/me        -> {user, token} (token: the CSRF token for a cookie caller,
//                               null for a bearer caller)
//   POST /api/v1/auth/password  {current, next} -> 200 {}
// Login and password change hash with argon2id and so run on the worker pool.
#pragma once

#include "http/api/context.h"
#include "http/message.h"

namespace ledgerline::http::api {

void handle_login(const ApiContext& context, Request request, Respond respond);
void handle_logout(const ApiContext& context, Request request, Respond respond);
void handle_me(const ApiContext& context, Request request, Respond respond);
void handle_password_change(const ApiContext& context, Request request, Respond respond);

}  // namespace ledgerline::http::api
