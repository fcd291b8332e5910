// Admin endpoints for accounts (access: admin, declared in src/http/routes.cpp):
//   POST /api/v1/users               {email, name, role, password} -> 201 the user document
//   GET  /api/v1/users               -> {users: [user documents]}
//   POST /api/v1/users/{id}/disable  -> 200 the user document (its streams close, tokens and
//                                       sessions are refused from then on)
//   GET  /api/v1/tokens              -> {tokens: [{id, userId, label, createdAt, lastUsedAt,
//                                       revoked}]} (never a secret)
//   POST /api/v1/tokens              {userId?, label?} -> 201 {id, token, label, userId}; the
//                                       token is shown this once (userId: default the caller)
//   POST /api/v1/tokens/{id}/revoke  -> 200 {id, revoked: true}
#pragma once

#include "http/api/context.h"
#include "http/message.h"

namespace ledgerline::http::api {

void handle_create_user(const ApiContext& context, Request request, Respond respond);
void handle_list_users(const ApiContext& context, Request request, Respond respond);
void handle_disable_user(const ApiContext& context, Request request, Respond respond);
void handle_list_tokens(const ApiContext& context, Request request, Respond respond);
void handle_create_token(const ApiContext& context, Request request, Respond respond);
void handle_revoke_token(const ApiContext& context, Request request, Respond respond);

}  // namespace ledgerline::http::api
