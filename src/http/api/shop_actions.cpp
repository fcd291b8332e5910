#include "http/api/shop_actions.h"

#include "app/input.h"
#include "app/shop.h"
#include "http/api/params.h"
#include "http/errors.h"

namespace ledgerline::http::api {

namespace {

app::ActionDone answer(Respond respond) {
  return [respond = std::move(respond)](Result<app::ActionResult> result) {
    if (!result.ok()) {
      respond(error_response(result.error()));
      return;
    }
    respond(Response::json(result->created ? 201 : 200, result->document.to_json()));
  };
}

// Parses the body with `parse` and, when it is good, starts the action with `start`.
template <class Parse, class Start>
void act(const Request& request, Respond respond, Parse parse, Start start) {
  Result<Value> body = parse_json_body(request);
  if (!body.ok()) {
    respond(error_response(body.error()));
    return;
  }
  auto input = parse(*body);
  if (!input.ok()) {
    respond(error_response(input.error()));
    return;
  }
  start(std::move(*input), request.identity.user_id, answer(std::move(respond)));
}

std::string id_param(const Request& request) {
  return std::string(request.param("id"));
}

}  // namespace

void handle_create_product(const ApiContext& context, Request request, Respond respond) {
  act(request, std::move(respond), app::parse_new_product,
      [&context](auto input, std::string actor, app::ActionDone done) {
        context.shop->create_product(std::move(input), std::move(actor), std::move(done));
      });
}

void handle_update_product(const ApiContext& context, Request request, Respond respond) {
  std::string id = id_param(request);
  act(
      request, std::move(respond),
      [&id](const Value& body) { return app::parse_product_changes(body, id); },
      [&context](auto input, std::string actor, app::ActionDone done) {
        context.shop->update_product(std::move(input), std::move(actor), std::move(done));
      });
}

void handle_stock_adjustment(const ApiContext& context, Request request, Respond respond) {
  act(request, std::move(respond), app::parse_stock_change,
      [&context](auto input, std::string actor, app::ActionDone done) {
        context.shop->change_stock(std::move(input), std::move(actor), std::move(done));
      });
}

void handle_create_bill(const ApiContext& context, Request request, Respond respond) {
  act(request, std::move(respond), app::parse_new_bill,
      [&context](auto input, std::string actor, app::ActionDone done) {
        context.shop->create_bill(std::move(input), std::move(actor), std::move(done));
      });
}

void handle_bill_payment(const ApiContext& context, Request request, Respond respond) {
  std::string id = id_param(request);
  act(
      request, std::move(respond),
      [&id](const Value& body) { return app::parse_new_payment(body, id); },
      [&context](auto input, std::string actor, app::ActionDone done) {
        context.shop->record_payment(std::move(input), std::move(actor), std::move(done));
      });
}

void handle_cancel_bill(const ApiContext& context, Request request, Respond respond) {
  std::string id = id_param(request);
  act(
      request, std::move(respond),
      [&id](const Value& body) { return app::parse_cancellation(body, id); },
      [&context](auto input, std::string actor, app::ActionDone done) {
        context.shop->cancel_bill(std::move(input), std::move(actor), std::move(done));
      });
}

}  // namespace ledgerline::http::api
