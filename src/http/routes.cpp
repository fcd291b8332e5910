#include "http/routes.h"

#include "http/api/doc.h"
#include "http/api/export.h"
#include "http/api/mutate.h"
#include "http/api/query.h"
#include "http/api/shop_actions.h"
#include "http/api/shop_reports.h"
#include "http/errors.h"

namespace ledgerline::http {

namespace {

using Endpoint = void (*)(const ApiContext&, Request, Respond);

// Wraps a data endpoint: the `{dataset}` capture must be the served dataset.
Handler for_dataset(const ApiContext& context, Endpoint endpoint) {
  return [&context, endpoint](Request request, Respond respond) {
    if (request.param("dataset") != context.dataset) {
      respond(dataset_not_found(request.param("dataset")));
      return;
    }
    endpoint(context, std::move(request), std::move(respond));
  };
}

// Wraps a shop endpoint (context.shop is set whenever these routes are added).
Handler for_shop(const ApiContext& context, Endpoint endpoint) {
  return [&context, endpoint](Request request, Respond respond) {
    endpoint(context, std::move(request), std::move(respond));
  };
}

// ---- BEGIN shop routes: ADMIN ONLY -----------------------------------------------------------
// Every route in this block is for admins (DOMAIN.md "Roles": customers only log in and read).
// Until the auth door keeper lands nothing enforces it; when it does, register each line below
// with access "admin". The actor of each action is request.identity.user_id.
void add_shop_routes(Router& router, const ApiContext& context) {
  router.add("POST", "/api/v1/products", for_shop(context, api::handle_create_product));
  router.add("PATCH", "/api/v1/products/:id", for_shop(context, api::handle_update_product));
  router.add("POST", "/api/v1/stock-adjustments", for_shop(context, api::handle_stock_adjustment));
  router.add("POST", "/api/v1/bills", for_shop(context, api::handle_create_bill));
  router.add("POST", "/api/v1/bills/:id/payments", for_shop(context, api::handle_bill_payment));
  router.add("POST", "/api/v1/bills/:id/cancel", for_shop(context, api::handle_cancel_bill));
  router.add("GET", "/api/v1/stats/dashboard", for_shop(context, api::handle_dashboard_stats));
  router.add("GET", "/api/v1/exports/bills.csv", for_shop(context, api::handle_bills_csv));
  router.add("GET", "/api/v1/exports/stock-ledger.csv",
             for_shop(context, api::handle_stock_ledger_csv));
}
// ---- END shop routes --------------------------------------------------------------------------

}  // namespace

void make_routes(Router& router, const ApiContext& context, api::ListenEndpoint& listen,
                 const StaticFiles* web) {
  router.add("GET", "/health",
             [](Request, Respond respond) { respond(Response::json(200, R"({"status":"ok"})")); });
  router.add("GET", "/v*/data/query/:dataset", for_dataset(context, api::handle_query));
  router.add("POST", "/v*/data/query/:dataset", for_dataset(context, api::handle_query));
  router.add("GET", "/v*/data/doc/:dataset/:ids", for_dataset(context, api::handle_doc));
  router.add("POST", "/v*/data/mutate/:dataset", for_dataset(context, api::handle_mutate));
  router.add("GET", "/v*/data/export/:dataset", for_dataset(context, api::handle_export));
  router.add("GET", "/v*/data/listen/:dataset",
             [&context, &listen](Request request, Respond respond) {
               if (request.param("dataset") != context.dataset) {
                 respond(dataset_not_found(request.param("dataset")));
                 return;
               }
               listen.handle(request, std::move(respond));
             });
  if (context.shop != nullptr) add_shop_routes(router, context);
  if (web != nullptr) {
    router.set_fallback([web](Request request, Respond respond) {
      if (request.method != "GET" && request.method != "HEAD") {
        respond(error_response(
            Error::not_found("No route for " + request.method + " " + request.path, "notFound")));
        return;
      }
      respond(web->serve(request));
    });
  }
}

}  // namespace ledgerline::http
