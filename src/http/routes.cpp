#include "http/routes.h"

#include "http/api/doc.h"
#include "http/api/export.h"
#include "http/api/mutate.h"
#include "http/api/query.h"
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
