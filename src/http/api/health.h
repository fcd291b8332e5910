// `GET /health` (public): 200 while the server serves. {"status":"ok"} while writes can be
// stored; {"status":"degraded","writes":"unavailable"} while a shared database is unreachable
// (reads and listeners go on from memory, writes answer 503, the node reconnects by itself).
// `?detail=true` adds "writes", "logPosition" (the newest log position this node shows: compare
// nodes to see one lagging) and "storage" ("embedded" or "shared"). Never the storage's error
// text: the database's address is not the public's business (the log has the details).
#pragma once

#include "http/api/context.h"
#include "http/message.h"

namespace ledgerline::http::api {

void handle_health(const ApiContext& context, Request request, Respond respond);

}  // namespace ledgerline::http::api
