// The path walk shared by every patch operation: descend through the leads the matcher yields
// (creating missing objects for set/setIfMissing), then hand the targets to the operation.
#include <fmt/format.h>

#include "patch/patch_ops.h"
#include "patch/path_matcher.h"

namespace ledgerline::patch {

Result<Value> deliver_patch_op(const PatchOp& op, const std::vector<PathExprPtr>& targets,
                               const Value& value);  // patch_targets.cpp

namespace {

constexpr int kMaxDepth = 1000;

struct Walk {
  const PatchOp& op;
  MatchBudget budget;
  bool container_found = false;      // insert: the array the selector picks from was reached
  bool container_not_array = false;  // ... but it was something else
};

bool set_like(const PatchOp& op) {
  return op.kind == PatchOpKind::kSet || op.kind == PatchOpKind::kSetIfMissing;
}

bool is_primitive(const Value& v) {
  return !v.is_array() && !v.is_object();
}

Result<Value> process(Walk& walk, const PathMatcher& matcher, const Value& value, int depth);

// Index leads edit `items` (a copy of `array`'s elements, rebuilt once by the caller).
Status process_index_lead(Walk& walk, const PathMatcher::Lead& lead, const Value& array,
                          std::vector<Value>& items, int depth) {
  const PathExpr& target = *lead.target;
  auto out_of_bounds = [&] {
    return patch_error(walk.op, fmt::format("index {} is out of bounds", path_to_string(target)));
  };
  if (!array.is_array()) return out_of_bounds();
  auto indices = resolve_indices(target, array);
  if (!indices.ok()) return patch_error(walk.op, indices.error().message);
  const auto len = static_cast<std::int64_t>(items.size());
  if (target.type == PathExpr::Type::kRange && target.range_end && *target.range_end > 0 &&
      *target.range_end > static_cast<double>(len)) {
    return out_of_bounds();
  }
  for (std::int64_t i : *indices) {
    if (i < 0 || i >= len) return out_of_bounds();
    const auto at = static_cast<std::size_t>(i);
    auto child = process(walk, *lead.matcher, items[at], depth + 1);
    if (!child.ok()) return std::move(child).error();
    items[at] = std::move(*child);
  }
  return Status::success();
}

Result<Value> process_attribute_lead(Walk& walk, const PathMatcher::Lead& lead, Value result,
                                     int depth) {
  // Keys are interned forever, so only intern names that exist or are about to be created.
  const std::string& name = lead.target->name;
  if (set_like(walk.op) && is_primitive(result)) result = Value::empty_object();
  if (!result.is_object()) {
    return patch_error(walk.op, fmt::format("cannot read attribute \"{}\" of a non-object value",
                                            lead.target->name));
  }
  Value child;
  if (const Value* existing = result.find(name)) {
    child = *existing;
  } else if (set_like(walk.op)) {
    child = Value::empty_object();
  } else {
    return result;
  }
  const Key key = Key::intern(name);
  auto updated = process(walk, *lead.matcher, child, depth + 1);
  if (!updated.ok()) return updated;
  return result.with(key, std::move(*updated));
}

Result<Value> process(Walk& walk, const PathMatcher& matcher, const Value& value, int depth) {
  if (depth > kMaxDepth) return patch_error(walk.op, "document or path nests too deeply");
  if (matcher.at_final_segment()) {
    walk.container_found = true;
    if (!value.is_array()) walk.container_not_array = true;
  }
  auto matched = matcher.match(value, walk.budget);
  if (!matched.ok()) return patch_error(walk.op, matched.error().message);
  Value result = value;
  std::vector<Value> items;  // array elements being edited by index leads
  bool editing_items = false;
  for (const PathMatcher::Lead& lead : matched->leads) {
    if (lead.target->is_index_reference()) {
      if (!editing_items && result.is_array()) {
        items.assign(result.as_array().begin(), result.as_array().end());
        editing_items = true;
      }
      if (auto s = process_index_lead(walk, lead, result, items, depth); !s.ok()) {
        return std::move(s).error();
      }
      continue;
    }
    if (editing_items) result = Value::array(std::move(items)), editing_items = false;
    auto next = process_attribute_lead(walk, lead, result, depth);
    if (!next.ok()) return next;
    result = std::move(*next);
  }
  if (editing_items) result = Value::array(std::move(items));
  if (matched->targets.empty()) return result;
  return deliver_patch_op(walk.op, matched->targets, result);
}

}  // namespace

Error patch_error(const PatchOp& op, const std::string& problem) {
  return Error::invalid(
      fmt::format("Cannot apply {} to path \"{}\": {}", op.operation, op.path, problem),
      "invalidPatch");
}

Result<Value> apply_patch_op(const Value& document, const PatchOp& op) {
  auto matcher = PathMatcher::from_path(op.parsed_path);
  if (!matcher.ok()) return patch_error(op, matcher.error().message);
  Walk walk{op, MatchBudget{}};
  auto result = process(walk, **matcher, document, 0);
  if (!result.ok()) return result;
  if (op.kind == PatchOpKind::kInsert) {
    if (!walk.container_found) return patch_error(op, "the array to insert into does not exist");
    if (walk.container_not_array)
      return patch_error(op, "the value to insert into is not an array");
  }
  return result;
}

}  // namespace ledgerline::patch
