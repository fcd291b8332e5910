// The shop's read-only reports for admins: GET /api/v1/stats/dashboard (app/stats.h, computed
// on a worker thread over one snapshot) and the accountant's CSV files
// GET /api/v1/exports/{bills,stock-ledger}.csv?from&to&product (app/csv_export.h), streamed
// chunk by chunk through a BodyStream.
#pragma once

#include "http/api/context.h"
#include "http/message.h"

namespace ledgerline::http::api {

void handle_dashboard_stats(const ApiContext& context, Request request, Respond respond);
void handle_bills_csv(const ApiContext& context, Request request, Respond respond);
void handle_stock_ledger_csv(const ApiContext& context, Request request, Respond respond);

}  // namespace ledgerline::http::api
