#include "http/routes.h"

#include "http/api/account_admin.h"
#include "http/api/auth_endpoints.h"
#include "http/api/doc.h"
#include "http/api/export.h"
#include "http/api/health.h"
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

Handler plain(const ApiContext& context, Endpoint endpoint) {
  return [&context, endpoint](Request request, Respond respond) {
    endpoint(context, std::move(request), std::move(respond));
  };
}

// The shop's actions, figures and exports: admins only (docs/domain.md "Roles": customers log
// in and read). The actor of each action is request.identity.user_id.
void add_shop_routes(Router& router, const ApiContext& context) {
  constexpr Access kAdmin = Access::kAdmin;
  router.add("POST", "/api/v1/products", kAdmin, plain(context, api::handle_create_product));
  router.add("PATCH", "/api/v1/products/:id", kAdmin, plain(context, api::handle_update_product));
  router.add("POST", "/api/v1/stock-adjustments", kAdmin,
             plain(context, api::handle_stock_adjustment));
  router.add("POST", "/api/v1/bills", kAdmin, plain(context, api::handle_create_bill));
  router.add("POST", "/api/v1/bills/:id/payments", kAdmin,
             plain(context, api::handle_bill_payment));
  router.add("POST", "/api/v1/bills/:id/cancel", kAdmin, plain(context, api::handle_cancel_bill));
  router.add("GET", "/api/v1/stats/dashboard", kAdmin, plain(context, api::handle_dashboard_stats));
  router.add("GET", "/api/v1/exports/bills.csv", kAdmin, plain(context, api::handle_bills_csv));
  router.add("GET", "/api/v1/exports/stock-ledger.csv", kAdmin,
             plain(context, api::handle_stock_ledger_csv));
}

}  // namespace

void make_routes(Router& router, const ApiContext& context, api::ListenEndpoint& listen,
                 const StaticFiles* web) {
  constexpr Access kPublic = Access::kPublic;
  constexpr Access kSignedIn = Access::kAuthenticated;  // reads go through the read rule
  constexpr Access kAdmin = Access::kAdmin;
  router.add("GET", "/health", kPublic, plain(context, api::handle_health));

  // The Sanity data API: reads for everyone signed in (limited by their read rule), writes
  // for admins.
  router.add("GET", "/v*/data/query/:dataset", kSignedIn, for_dataset(context, api::handle_query));
  router.add("POST", "/v*/data/query/:dataset", kSignedIn, for_dataset(context, api::handle_query));
  router.add("GET", "/v*/data/doc/:dataset/:ids", kSignedIn, for_dataset(context, api::handle_doc));
  router.add("GET", "/v*/data/export/:dataset", kSignedIn,
             for_dataset(context, api::handle_export));
  router.add("POST", "/v*/data/mutate/:dataset", kAdmin, for_dataset(context, api::handle_mutate));
  router.add("GET", "/v*/data/listen/:dataset", kSignedIn,
             [&context, &listen](Request request, Respond respond) {
               if (request.param("dataset") != context.dataset) {
                 respond(dataset_not_found(request.param("dataset")));
                 return;
               }
               listen.handle(request, std::move(respond));
             });

  // Accounts.
  router.add("POST", "/api/v1/auth/login", kPublic, plain(context, api::handle_login));
  router.add("POST", "/api/v1/auth/logout", kSignedIn, plain(context, api::handle_logout));
  router.add("GET", "/api/v1/auth/me", kSignedIn, plain(context, api::handle_me));
  router.add("POST", "/api/v1/auth/password", kSignedIn,
             plain(context, api::handle_password_change));
  router.add("GET", "/api/v1/users", kAdmin, plain(context, api::handle_list_users));
  router.add("POST", "/api/v1/users", kAdmin, plain(context, api::handle_create_user));
  router.add("POST", "/api/v1/users/:id/disable", kAdmin, plain(context, api::handle_disable_user));
  router.add("GET", "/api/v1/tokens", kAdmin, plain(context, api::handle_list_tokens));
  router.add("POST", "/api/v1/tokens", kAdmin, plain(context, api::handle_create_token));
  router.add("POST", "/api/v1/tokens/:id/revoke", kAdmin, plain(context, api::handle_revoke_token));

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
