// Sanity patch operations on one document: set, setIfMissing, unset, inc, dec, insert
// (before/after/replace) and diffMatchPatch, over JSONMatch paths (attributes, indexes incl.
// negative, ranges, [_key=="k"], [*] wildcards). Pure functions on immutable Values.
#pragma once

#include "util/result.h"
#include "util/value.h"

namespace ledgerline::patch {

struct PatchOptions {
  bool auto_generate_array_keys = false;  // give inserted object items a random _key
};

// Applies the operations of one patch object (`{"id":..,"ifRevisionID":..,"set":{..},...}`;
// id/query/params/ifRevisionID are ignored here) to `document`, in the fixed order of
// @sanity/mutator (the reference implementation): setIfMissing, set, unset, diffMatchPatch,
// inc, dec, insert; within one operation, paths in the object's key order. Returns the new
// document, or kInvalidArgument (type "invalidPatch") naming the bad path or operation.
// System fields (_id, _type, _rev, _createdAt, _updatedAt) cannot be changed. Total: any input
// gives a document or an error (bounded recursion and work).
// Deliberately stricter/saner than mutator (see tests/differential/run.mjs DEVIATIONS): inc/dec
// of a non-number, insert into a missing/non-array container, malformed operation values and
// several insert locations are errors; `arr[-1].x` and `arr[2:].x` resolve against the array;
// a range before a sub-path applies once per element; set past an array's end is a no-op;
// `[*]` and `[_key=='k']` are accepted; replace of an empty range (`arr[2:2]`) inserts there.
Result<Value> apply_patch(const Value& document, const Value& patch, const PatchOptions& options);

}  // namespace ledgerline::patch
