// The JSON form of a log record's document writes, shared by the storage engines:
// [{"id":..,"previousRev":..,"nextRev":..,"previous":{..}|null,"next":{..}|null,"mutations":M}]
// M is the array of mutations, or, for a document created by one create (createOrReplace,
// createIfNotExists) whose body is `next` without some system fields, in `next`'s member order,
// {"fromNext":"create","without":["_updatedAt","_rev"]}: the body is not stored twice. Both
// forms decode to the same mutations array (records written before the short form still read).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "storage/storage.h"
#include "util/result.h"

namespace ledgerline::storage {

// Appends the JSON array of `writes` to `out`. `next_json[i]`, when not empty, is the
// already-serialized `writes[i].next` (saves serializing documents twice).
void encode_writes(const std::vector<DocumentWrite>& writes,
                   const std::vector<std::string>& next_json, std::string& out);

// Appends one element of that array: `write`, whose next document serializes as `next_json`
// when that is not empty (a deletion's is).
void encode_write(const DocumentWrite& write, std::string_view next_json, std::string& out);

// Parses what encode_writes produced. Errors: kInternal (corrupt record).
Result<std::vector<DocumentWrite>> decode_writes(std::string_view json);

}  // namespace ledgerline::storage
