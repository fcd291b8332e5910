// `GET|POST /v*/data/query/{dataset}`: evaluates a GROQ query over the newest snapshot on the
// worker pool and answers {"ms":..,"query":..,"result":..} (docs/http-api.md §2).
#pragma once

#include "http/api/context.h"
#include "http/message.h"

namespace ledgerline::http::api {

void handle_query(const ApiContext& context, Request request, Respond respond);

}  // namespace ledgerline::http::api
