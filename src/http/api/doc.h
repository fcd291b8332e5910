// `GET /v*/data/doc/{dataset}/{id,id,...}`: documents by id from the newest snapshot:
// {"documents":[...],"omitted":[{"id":..,"reason":"existence"}]}, 200 even when missing
// (docs/http-api.md §3). `excludeContent=true` leaves `documents` empty.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/api/context.h"
#include "http/message.h"

namespace ledgerline::http::api {

// Splits the decoded ids segment on ',' (empty pieces dropped, duplicates kept once).
std::vector<std::string> split_document_ids(std::string_view ids);

void handle_doc(const ApiContext& context, Request request, Respond respond);

}  // namespace ledgerline::http::api
