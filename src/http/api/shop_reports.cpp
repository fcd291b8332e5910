#include "http/api/shop_reports.h"

#include "app/csv_export.h"
#include "app/dashboard.h"
#include "app/stats.h"
#include "http/errors.h"
#include "http/worker_pool.h"
#include "util/time.h"

namespace ledgerline::http::api {

namespace {

class CsvBody final : public BodyStream {
 public:
  explicit CsvBody(std::unique_ptr<app::CsvExport> rows) : rows_(std::move(rows)) {}
  bool next(std::string& out) override { return rows_->next(out); }

 private:
  std::unique_ptr<app::CsvExport> rows_;
};

std::string query_value(const Request& request, std::string_view name) {
  const std::string* value = request.query_param(name);
  return value ? *value : "";
}

template <class Make>
void respond_csv(const ApiContext& context, const Request& request, Respond respond,
                 const char* filename, Make make) {
  auto filter = app::parse_csv_filter(query_value(request, "from"), query_value(request, "to"),
                                      query_value(request, "product"));
  if (!filter.ok()) {
    respond(error_response(filter.error()));
    return;
  }
  Response response;
  response.status = 200;
  response.content_type = "text/csv; charset=utf-8";
  response.headers.push_back(
      {"content-disposition", std::string("attachment; filename=\"") + filename + "\""});
  response.chunks = std::make_shared<CsvBody>(make(context.store->snapshot(), std::move(*filter)));
  respond(std::move(response));
}

}  // namespace

void handle_dashboard_stats(const ApiContext& context, Request, Respond respond) {
  if (context.dashboard != nullptr) {
    // Live aggregates (app/dashboard.h): O(products + log bills), cheap enough for the I/O
    // thread.
    respond(Response::json(200, context.dashboard->render(now_micros()).to_json()));
    return;
  }
  context.workers->submit([&context, respond = std::move(respond)] {
    auto stats = app::dashboard_stats(*context.store->snapshot(), now_micros());
    if (!stats.ok()) {
      respond(error_response(stats.error()));
      return;
    }
    respond(Response::json(200, stats->to_json()));
  });
}

void handle_bills_csv(const ApiContext& context, Request request, Respond respond) {
  respond_csv(context, request, std::move(respond), "bills.csv",
              [](store::SnapshotPtr snapshot, app::CsvFilter filter) {
                return app::bills_csv(std::move(snapshot), std::move(filter), now_micros());
              });
}

void handle_stock_ledger_csv(const ApiContext& context, Request request, Respond respond) {
  respond_csv(context, request, std::move(respond), "stock-ledger.csv",
              [](store::SnapshotPtr snapshot, app::CsvFilter filter) {
                return app::stock_ledger_csv(std::move(snapshot), std::move(filter));
              });
}

}  // namespace ledgerline::http::api
