// `POST /v*/data/mutate/{dataset}`: commits the body's mutations as one transaction through
// Store::commit_async and answers {"transactionId":..,"results":[{"id","operation",
// "document"?}]}; failures use Sanity's mutationError shape (docs/http-api.md §4).
#pragma once

#include "http/api/context.h"
#include "http/message.h"
#include "util/result.h"

namespace ledgerline::http::api {

void handle_mutate(const ApiContext& context, Request request, Respond respond);

// Gives a failed commit Sanity's mutationError shape (type "mutationError", `items`), keeping
// errors that already have it and non-mutation failures (e.g. kUnavailable) as they are.
Error as_mutation_error(Error error);

}  // namespace ledgerline::http::api
