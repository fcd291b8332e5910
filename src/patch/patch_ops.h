// One parsed patch operation (e.g. `inc {"stock": 2}` -> one PatchOp per path) and the engine
// that applies it to a document by walking the path matcher, as @sanity/mutator's process().
#pragma once

#include <string>
#include <vector>

#include "patch/diff_match_patch.h"
#include "patch/patch.h"
#include "patch/path.h"
#include "util/result.h"
#include "util/value.h"

namespace ledgerline::patch {

enum class PatchOpKind { kSetIfMissing, kSet, kUnset, kDiffMatchPatch, kInc, kInsert };
enum class InsertLocation { kBefore, kAfter, kReplace };

struct PatchOp {
  PatchOpKind kind = PatchOpKind::kSet;
  std::string operation;  // wire name for messages: "set", "dec", "insert.after", ...
  std::string path;
  PathExprPtr parsed_path;
  Value value;                           // set / setIfMissing
  double delta = 0;                      // inc / dec (dec already negated)
  std::vector<dmp::Patch> text_patches;  // diffMatchPatch
  InsertLocation location = InsertLocation::kAfter;
  std::vector<Value> items;  // insert (keys already generated)
};

// Applies one operation to the whole document.
Result<Value> apply_patch_op(const Value& document, const PatchOp& op);

// The error every patch failure uses.
Error patch_error(const PatchOp& op, const std::string& problem);

}  // namespace ledgerline::patch
