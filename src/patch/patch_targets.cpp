// What each operation does with the final path segments matched at one value (the reference's
// SetPatch/SetIfMissingPatch/UnsetPatch/IncPatch/DiffMatchPatch/InsertPatch `apply` methods).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "patch/patch_ops.h"
#include "patch/path_matcher.h"

namespace ledgerline::patch {
namespace {

using Targets = std::vector<PathExprPtr>;
using Type = PathExpr::Type;

bool is_primitive(const Value& v) {
  return !v.is_array() && !v.is_object();
}
bool is_self(const PathExpr& t) {
  return t.type == Type::kAlias;
}

Error unable(const PatchOp& op, const PathExpr& target) {
  return patch_error(op, fmt::format("unable to apply to target {}", path_to_string(target)));
}

Value single_member(const std::string& name, const Value& v) {
  return Value::object({Member{Key::intern(name), v}});
}

Result<std::vector<std::int64_t>> indices_of(const PatchOp& op, const PathExpr& t,
                                             const Value& on) {
  auto r = resolve_indices(t, on);
  if (!r.ok()) return patch_error(op, r.error().message);
  return r;
}

bool in_bounds(std::int64_t i, const Value& array) {
  return array.is_array() && i >= 0 && i < static_cast<std::int64_t>(array.size());
}

Result<Value> apply_set(const PatchOp& op, const Targets& targets, const Value& accessor) {
  Value result = accessor;
  for (const PathExprPtr& t : targets) {
    if (is_self(*t)) {
      result = op.value;
    } else if (t->is_index_reference()) {
      auto indices = indices_of(op, *t, accessor);
      if (!indices.ok()) return std::move(indices).error();
      if (indices->empty()) continue;
      if (!result.is_array()) return patch_error(op, "cannot set an index of a non-array value");
      std::vector<Value> items(result.as_array().begin(), result.as_array().end());
      for (std::int64_t i : *indices) {
        // Indices past the end match nothing (the reference would pad the array with holes).
        if (in_bounds(i, result)) items[static_cast<std::size_t>(i)] = op.value;
      }
      result = Value::array(std::move(items));
    } else if (t->type == Type::kAttribute) {
      result = is_primitive(result) ? single_member(t->name, op.value)
                                    : result.with(Key::intern(t->name), op.value);
    } else {
      return unable(op, *t);
    }
  }
  return result;
}

Result<Value> apply_set_if_missing(const PatchOp& op, const Targets& targets,
                                   const Value& accessor) {
  Value result = accessor;
  for (const PathExprPtr& t : targets) {
    if (t->is_index_reference()) continue;
    if (t->type != Type::kAttribute) return unable(op, *t);
    if (is_primitive(result)) {
      result = single_member(t->name, op.value);
    } else if (!result.find(t->name)) {
      // Like the reference, each missing attribute is added to the value as it was on arrival.
      if (!accessor.is_object()) return patch_error(op, "cannot set an attribute of a non-object");
      result = accessor.with(Key::intern(t->name), op.value);
    }
  }
  return result;
}

Result<Value> apply_unset(const PatchOp& op, const Targets& targets, const Value& accessor) {
  if (accessor.is_array()) {
    std::vector<std::int64_t> drop;
    for (const PathExprPtr& t : targets) {
      if (!t->is_index_reference()) continue;
      auto indices = indices_of(op, *t, accessor);
      if (!indices.ok()) return std::move(indices).error();
      drop.insert(drop.end(), indices->begin(), indices->end());
    }
    auto items = accessor.as_array();
    std::vector<bool> dropped(items.size(), false);
    for (std::int64_t i : drop) {
      if (in_bounds(i, accessor)) dropped[static_cast<std::size_t>(i)] = true;
    }
    std::vector<Value> kept;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!dropped[i]) kept.push_back(items[i]);
    }
    return Value::array(std::move(kept));
  }
  if (accessor.is_object()) {
    Value result = accessor;
    for (const PathExprPtr& t : targets) {
      const std::string_view name = t->type == Type::kAttribute ? std::string_view(t->name) : "";
      if (result.find(name)) result = result.without(Key::intern(name));
    }
    return result;
  }
  return patch_error(op, "the value holding it is neither an array nor an object");
}

Result<Value> increment(const PatchOp& op, const Value& previous) {
  if (!previous.is_number()) {
    return patch_error(op, fmt::format("the value is not a number ({})", previous.to_json()));
  }
  double next = previous.as_number() + op.delta;
  if (!std::isfinite(next)) return patch_error(op, "the result is not a finite number");
  return Value::number(next);
}

Result<Value> apply_text_patch(const PatchOp& op, const Value& previous) {
  if (!previous.is_string()) return previous;
  dmp::Text text = dmp::utf8_to_utf16(previous.as_string());
  return Value::string(dmp::utf16_to_utf8(dmp::apply_patches(op.text_patches, std::move(text))));
}

// Shared by inc/dec and diffMatchPatch: transform existing values at index/attribute targets.
template <class Transform>
Result<Value> apply_in_place(const PatchOp& op, const Targets& targets, const Value& accessor,
                             bool missing_attribute_is_error, Transform transform) {
  if (is_primitive(accessor)) return accessor;
  Value result = accessor;
  for (const PathExprPtr& t : targets) {
    if (t->is_index_reference()) {
      auto indices = indices_of(op, *t, accessor);
      if (!indices.ok()) return std::move(indices).error();
      if (!result.is_array()) return unable(op, *t);
      std::vector<Value> items(result.as_array().begin(), result.as_array().end());
      for (std::int64_t i : *indices) {
        if (!in_bounds(i, result)) continue;
        const auto at = static_cast<std::size_t>(i);
        auto next = transform(items[at]);
        if (!next.ok()) return next;
        items[at] = std::move(*next);
      }
      result = Value::array(std::move(items));
    } else if (t->type == Type::kAttribute && result.is_object()) {
      const Value* existing = result.find(t->name);
      if (!existing) {
        if (missing_attribute_is_error) return unable(op, *t);
        continue;
      }
      auto next = transform(*existing);
      if (!next.ok()) return next;
      result = result.with(Key::intern(t->name), std::move(*next));
    } else {
      return unable(op, *t);
    }
  }
  return result;
}

// Positions for before/after come from the indices matched plus, for ranges, their bounds as
// written (the reference reads them without the array, so open or negative bounds fail).
Result<std::pair<std::int64_t, std::int64_t>> range_bounds(const PatchOp& op, const PathExpr& t,
                                                           const Value& array) {
  if (!t.range_start && !t.range_end) return std::pair<std::int64_t, std::int64_t>{0, array.size()};
  const double start = t.range_start.value_or(0);
  if (start < 0) return patch_error(op, "a negative range bound cannot position an insert");
  if (!t.range_end || *t.range_end == 0) {
    return patch_error(op, "an open-ended range cannot position an insert");
  }
  if (*t.range_end < 0) return patch_error(op, "a negative range bound cannot position an insert");
  return std::pair<std::int64_t, std::int64_t>{
      static_cast<std::int64_t>(std::min(start, 9e15)),
      static_cast<std::int64_t>(std::min(*t.range_end, 9e15))};
}

Value insert_items_at(const Value& array, std::int64_t pos, const std::vector<Value>& items) {
  auto current = array.as_array();
  const auto len = static_cast<std::int64_t>(current.size());
  if (pos < 0) pos = std::max<std::int64_t>(len + pos, 0);
  pos = std::min(pos, len);
  std::vector<Value> out(current.begin(), current.begin() + pos);
  out.insert(out.end(), items.begin(), items.end());
  out.insert(out.end(), current.begin() + pos, current.end());
  return Value::array(std::move(out));
}

Result<Value> apply_insert(const PatchOp& op, const Targets& targets, const Value& accessor) {
  if (!accessor.is_array()) return patch_error(op, "the value to insert into is not an array");
  std::vector<std::int64_t> indices;
  for (const PathExprPtr& t : targets) {
    if (!t->is_index_reference()) continue;
    auto r = indices_of(op, *t, accessor);
    if (!r.ok()) return std::move(r).error();
    indices.insert(indices.end(), r->begin(), r->end());
  }
  std::sort(indices.begin(), indices.end());
  if (op.location == InsertLocation::kReplace) {
    std::int64_t pos;
    if (!indices.empty()) {
      pos = indices.front();
    } else {
      // An empty range (`arr[2:2]`, what client.splice sends to only insert) inserts at its start.
      auto range = std::find_if(targets.begin(), targets.end(),
                                [](const PathExprPtr& t) { return t->type == Type::kRange; });
      if (range == targets.end()) return patch_error(op, "the selector matched no array element");
      pos = static_cast<std::int64_t>(std::clamp((*range)->range_start.value_or(0), -9e15, 9e15));
      if (pos < 0) pos += static_cast<std::int64_t>(accessor.size());
    }
    auto remaining = apply_unset(op, targets, accessor);
    if (!remaining.ok()) return remaining;
    return insert_items_at(*remaining, pos, op.items);
  }
  const bool before = op.location == InsertLocation::kBefore;
  std::int64_t pos = indices.empty() ? 0 : (before ? indices.front() : indices.back());
  for (const PathExprPtr& t : targets) {
    if (t->type != Type::kRange) continue;
    auto bounds = range_bounds(op, *t, accessor);
    if (!bounds.ok()) return std::move(bounds).error();
    pos = before ? std::min(pos, bounds->first) : std::max(pos, bounds->second);
  }
  return insert_items_at(accessor, before ? pos : pos + 1, op.items);
}

}  // namespace

Result<Value> deliver_patch_op(const PatchOp& op, const Targets& targets, const Value& value);

Result<Value> deliver_patch_op(const PatchOp& op, const Targets& targets, const Value& value) {
  switch (op.kind) {
    case PatchOpKind::kSet:
      return apply_set(op, targets, value);
    case PatchOpKind::kSetIfMissing:
      return apply_set_if_missing(op, targets, value);
    case PatchOpKind::kUnset:
      return apply_unset(op, targets, value);
    case PatchOpKind::kInc:
      return apply_in_place(op, targets, value, false,
                            [&](const Value& v) { return increment(op, v); });
    case PatchOpKind::kDiffMatchPatch:
      return apply_in_place(op, targets, value, true,
                            [&](const Value& v) { return apply_text_patch(op, v); });
    case PatchOpKind::kInsert:
      return apply_insert(op, targets, value);
  }
  return value;
}

}  // namespace ledgerline::patch
