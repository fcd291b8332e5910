// The shop's action endpoints (INTERFACES.md "Application API"): each parses its JSON body
// strictly (400 naming the field), runs one app::Shop action as one transaction with the
// caller (request.identity.user_id) as actor, and answers the resulting document — 201 when the
// action created it, 200 otherwise — or the error (404 unknown bill/product, 409 broken rule).
#pragma once

#include "http/api/context.h"
#include "http/message.h"

namespace ledgerline::http::api {

void handle_create_product(const ApiContext& context, Request request, Respond respond);
void handle_update_product(const ApiContext& context, Request request, Respond respond);  // :id
void handle_stock_adjustment(const ApiContext& context, Request request, Respond respond);
void handle_create_bill(const ApiContext& context, Request request, Respond respond);
void handle_bill_payment(const ApiContext& context, Request request, Respond respond);  // :id
void handle_cancel_bill(const ApiContext& context, Request request, Respond respond);   // :id

}  // namespace ledgerline::http::api
