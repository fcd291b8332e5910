// `GET /v*/data/export/{dataset}`: every document of one snapshot as NDJSON (one document per
// line, _id order), streamed with chunked encoding a piece at a time.
#pragma once

#include "http/api/context.h"
#include "http/message.h"

namespace ledgerline::http::api {

void handle_export(const ApiContext& context, Request request, Respond respond);

}  // namespace ledgerline::http::api
