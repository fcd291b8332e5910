// Loading a dataset from an NDJSON file (one JSON document per line), for make_vector_dataset.
// The file is parsed on several threads without holding it in memory, and repeated strings
// and small objects (references, enum-like values) are shared between documents, which keeps
// a large dataset's memory well under twice its file size.
#pragma once

#include <string>
#include <vector>

#include "util/result.h"
#include "util/value.h"

namespace ledgerline::groq {

// Documents in file order. Errors name the first bad line.
Result<std::vector<Value>> load_ndjson(const std::string& path, int threads = 2);

}  // namespace ledgerline::groq
