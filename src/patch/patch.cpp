// apply_patch: reads one patch object into PatchOps (validating shapes up front, like the
// reference which compiles every operation before applying any) and applies them in order.
#include "patch/patch.h"

#include <fmt/format.h>

#include <array>

#include "patch/patch_ops.h"
#include "util/ids.h"

namespace ledgerline::patch {
namespace {

constexpr std::array<std::string_view, 5> kSystemFields = {"_id", "_type", "_rev", "_createdAt",
                                                           "_updatedAt"};

Error shape_error(std::string message) {
  return Error::invalid(std::move(message), "invalidPatch");
}

Status parse_path_into(PatchOp& op) {
  auto parsed = parse_path(op.path);
  if (!parsed.ok()) return patch_error(op, parsed.error().message);
  op.parsed_path = *parsed;
  return Status::success();
}

// `{"path": value, ...}` operations: set, setIfMissing, inc, dec, diffMatchPatch.
Status read_path_map(const Value& patch, std::string_view name, PatchOpKind kind,
                     std::vector<PatchOp>& ops) {
  const Value* map = patch.find(name);
  if (!map || map->is_null()) return Status::success();
  if (!map->is_object())
    return shape_error(fmt::format("Patch operation \"{}\" must be an object", name));
  for (const Member& m : map->as_object()) {
    PatchOp op;
    op.kind = kind;
    op.operation = std::string(name);
    op.path = std::string(m.key.str());
    if (auto s = parse_path_into(op); !s.ok()) return s;
    if (kind == PatchOpKind::kInc) {
      if (!m.value.is_number()) return patch_error(op, "the amount must be a number");
      op.delta = name == "dec" ? -m.value.as_number() : m.value.as_number();
    } else if (kind == PatchOpKind::kDiffMatchPatch) {
      if (!m.value.is_string()) return patch_error(op, "the patch must be a string");
      auto parsed = dmp::parse_patches(dmp::utf8_to_utf16(m.value.as_string()));
      if (!parsed.ok()) return patch_error(op, parsed.error().message);
      op.text_patches = std::move(*parsed);
    } else {
      op.value = m.value;
    }
    ops.push_back(std::move(op));
  }
  return Status::success();
}

Status read_unset(const Value& patch, std::vector<PatchOp>& ops) {
  const Value* paths = patch.find("unset");
  if (!paths || paths->is_null()) return Status::success();
  if (!paths->is_array()) return shape_error("Patch operation \"unset\" must be an array of paths");
  for (const Value& p : paths->as_array()) {
    if (!p.is_string()) return shape_error("Patch operation \"unset\" must be an array of paths");
    PatchOp op;
    op.kind = PatchOpKind::kUnset;
    op.operation = "unset";
    op.path = std::string(p.as_string());
    if (auto s = parse_path_into(op); !s.ok()) return s;
    ops.push_back(std::move(op));
  }
  return Status::success();
}

Status read_insert(const Value& patch, const PatchOptions& options, std::vector<PatchOp>& ops) {
  const Value* insert = patch.find("insert");
  if (!insert || insert->is_null()) return Status::success();
  if (!insert->is_object()) return shape_error("Patch operation \"insert\" must be an object");
  static constexpr std::pair<std::string_view, InsertLocation> kLocations[] = {
      {"before", InsertLocation::kBefore},
      {"after", InsertLocation::kAfter},
      {"replace", InsertLocation::kReplace}};
  PatchOp op;
  op.kind = PatchOpKind::kInsert;
  int found = 0;
  for (const auto& [name, location] : kLocations) {
    if (const Value* selector = insert->find(name)) {
      ++found;
      op.location = location;
      op.operation = "insert." + std::string(name);
      if (!selector->is_string()) return shape_error(fmt::format("insert.{} must be a path", name));
      op.path = std::string(selector->as_string());
    }
  }
  if (found == 0) return shape_error("Invalid insert patch: needs one of before, after or replace");
  if (found > 1) {
    return shape_error("Invalid insert patch: use only one of before, after or replace");
  }
  if (auto s = parse_path_into(op); !s.ok()) return s;
  const Value* items = insert->find("items");
  if (!items || !items->is_array()) return patch_error(op, "\"items\" must be an array");
  static const Key kKey = Key::intern("_key");
  for (const Value& item : items->as_array()) {
    if (options.auto_generate_array_keys && item.is_object() && !item.find(kKey)) {
      op.items.push_back(item.with(kKey, Value::string(random_id(12))));
    } else {
      op.items.push_back(item);
    }
  }
  ops.push_back(std::move(op));
  return Status::success();
}

Status check_system_fields(const Value& before, const Value& after, const PatchOp& op) {
  for (std::string_view field : kSystemFields) {
    const Value* a = before.find(field);
    const Value* b = after.find(field);
    if ((a == nullptr) != (b == nullptr) || (a && *a != *b)) {
      return patch_error(op, fmt::format("the system field {} cannot be changed", field));
    }
  }
  return Status::success();
}

}  // namespace

Result<Value> apply_patch(const Value& document, const Value& patch, const PatchOptions& options) {
  if (!document.is_object()) return shape_error("Only documents (objects) can be patched");
  if (!patch.is_object()) return shape_error("A patch must be an object");
  std::vector<PatchOp> ops;
  // @sanity/mutator's order: setIfMissing, set, unset, diffMatchPatch, inc, dec, insert.
  for (auto [name, kind] : {std::pair{"setIfMissing", PatchOpKind::kSetIfMissing},
                            std::pair{"set", PatchOpKind::kSet}}) {
    if (auto s = read_path_map(patch, name, kind, ops); !s.ok()) return std::move(s).error();
  }
  if (auto s = read_unset(patch, ops); !s.ok()) return std::move(s).error();
  for (auto [name, kind] :
       {std::pair{"diffMatchPatch", PatchOpKind::kDiffMatchPatch},
        std::pair{"inc", PatchOpKind::kInc}, std::pair{"dec", PatchOpKind::kInc}}) {
    if (auto s = read_path_map(patch, name, kind, ops); !s.ok()) return std::move(s).error();
  }
  if (auto s = read_insert(patch, options, ops); !s.ok()) return std::move(s).error();

  Value result = document;
  for (const PatchOp& op : ops) {
    auto next = apply_patch_op(result, op);
    if (!next.ok()) return next;
    if (auto s = check_system_fields(document, *next, op); !s.ok()) return std::move(s).error();
    result = std::move(*next);
  }
  return result;
}

}  // namespace ledgerline::patch
