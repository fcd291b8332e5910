// The server's route table: the Sanity data API under /v*/data/..., /health, and the web app's
// static files as the fallback. Data routes check the dataset here, once.
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
