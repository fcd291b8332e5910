// The parsed Query object behind groq.h's QueryPtr.
#pragma once

#include <string>

#include "groq/groq.h"
#include "groq/parser.h"

namespace ledgerline::groq {

class Query {
 public:
  std::string text;
  ParsedQuery parsed;
  int cache_slots = 0;

  // The tree to evaluate with `params`: the parsed one, or (when a slice bound or index is a
  // parameter) one parsed again with them, stored in `storage`. Checks that every parameter
  // the query reads is provided.
  Result<const ParsedQuery*> bind(const Value& params, ParsedQuery& storage,
                                  int& cache_slots_out) const;
};

}  // namespace ledgerline::groq
