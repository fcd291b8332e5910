// Sanity patch operations on one document: set, setIfMissing, unset, inc, dec, insert
// (before/after/replace) and diffMatchPatch, over JSONMatch paths (attributes, indexes incl.
// negative, ranges, [_key=="k"], [*] wildcards). Pure functions on immutable Values.
#pragma once

#include "util/result.h"
#include "util/value.h"

namespace ledgerline::store {

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
Result<Value> apply_patch(const Value& document, const Value& patch, const PatchOptions& options);

}  // namespace ledgerline::store
