// The server's route table, in one visible place: the Sanity data API under /v*/data/..., the
// account API under /api/v1/{auth,users,tokens}, /health, and the web app's static files as the
// fallback. Each route declares its Access here; the door keeper enforces it before the handler
// runs (see router.h). To add a route (e.g. a shop action), pick the least access that works:
//   router.add("POST", "/api/v1/bills", Access::kAdmin, handler);        // writes: admin
//   router.add("GET", "/api/v1/stats/dashboard", Access::kAdmin, ...);   // admin figures
//   router.add("GET", "/api/v1/my/...", Access::kAuthenticated, ...);    // customers too: the
//       handler must read through api::readable_view (read_scope.h) so the rule applies
// and never check credentials in the handler. Data routes check the dataset here, once.
#pragma once

#include "http/api/context.h"
#include "http/api/listen.h"
#include "http/router.h"
#include "http/static_files.h"

namespace ledgerline::http {

// Adds the routes to `router`. `listen` and `web` (may be null: no web app) must outlive it.
void make_routes(Router& router, const ApiContext& context, api::ListenEndpoint& listen,
                 const StaticFiles* web);

}  // namespace ledgerline::http
