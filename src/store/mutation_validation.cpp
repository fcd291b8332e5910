#include "store/mutation_validation.h"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>

#include "store/mutation_errors.h"

namespace ledgerline::store {
namespace {

bool is_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

// `_id` of a create may end in '.' (a prefix for a generated id).
bool is_valid_id_or_prefix(std::string_view id) {
  if (!id.empty() && id.back() == '.') id.remove_suffix(1);
  return is_valid_document_id(id);
}

std::string describe_kind(const Value& v) {
  static constexpr const char* kNames[] = {"null",   "boolean", "number",
                                           "string", "array",   "object"};
  return kNames[static_cast<int>(v.kind())];
}

Status check_members(std::size_t index, std::string_view kind, const Value& body,
                     std::initializer_list<std::string_view> allowed) {
  for (const Member& member : body.as_object()) {
    if (std::find(allowed.begin(), allowed.end(), member.key.str()) == allowed.end()) {
      return invalid_mutation(index,
                              fmt::format("unknown member \"{}\" in {}", member.key.str(), kind));
    }
  }
  return Status::success();
}

Status check_document(std::size_t index, std::string_view kind, const Value& document) {
  if (!document.is_object()) {
    return invalid_mutation(
        index, fmt::format("{} expects a document object, got {}", kind, describe_kind(document)));
  }
  const Value& type = document.get("_type");
  if (!type.is_string() || type.as_string().empty()) {
    return invalid_mutation(index, fmt::format("{} requires a non-empty string _type", kind));
  }
  const Value* id = document.find("_id");
  bool id_required = kind != "create";
  if (id == nullptr) {
    if (id_required) return invalid_mutation(index, fmt::format("{} requires an _id", kind));
    return Status::success();
  }
  bool ok = id->is_string() && (id_required ? is_valid_document_id(id->as_string())
                                            : is_valid_id_or_prefix(id->as_string()));
  if (!ok)
    return invalid_mutation(index, fmt::format("{} has an invalid _id {}", kind, id->to_json()));
  return Status::success();
}

// Common to delete and patch: exactly one of `id` / `query`, `params` an object.
Status check_selection(std::size_t index, std::string_view kind, const Value& body) {
  const Value* id = body.find("id");
  const Value* query = body.find("query");
  const Value* params = body.find("params");
  if ((id == nullptr) == (query == nullptr)) {
    return invalid_mutation(index,
                            fmt::format("{} needs exactly one of \"id\" or \"query\"", kind));
  }
  if (id != nullptr && !(id->is_string() && is_valid_document_id(id->as_string()))) {
    return invalid_mutation(index, fmt::format("{} has an invalid id {}", kind, id->to_json()));
  }
  if (query != nullptr && !(query->is_string() && !query->as_string().empty())) {
    return invalid_mutation(index, fmt::format("{} query must be a non-empty string", kind));
  }
  if (params != nullptr && !(params->is_object() && query != nullptr)) {
    return invalid_mutation(index,
                            fmt::format("{} params must be an object next to a query", kind));
  }
  return Status::success();
}

Status check_patch(std::size_t index, const Value& patch) {
  if (!patch.is_object()) return invalid_mutation(index, "patch expects an object");
  if (Status s = check_members(index, "patch", patch,
                               {"id", "query", "params", "ifRevisionID", "set", "setIfMissing",
                                "unset", "inc", "dec", "insert", "diffMatchPatch"});
      !s) {
    return s;
  }
  if (Status s = check_selection(index, "patch", patch); !s) return s;
  const Value* revision = patch.find("ifRevisionID");
  if (revision != nullptr && !revision->is_string()) {
    return invalid_mutation(index, "patch ifRevisionID must be a string");
  }
  for (std::string_view op : {"set", "setIfMissing", "inc", "dec", "diffMatchPatch", "insert"}) {
    const Value* operand = patch.find(op);
    if (operand != nullptr && !operand->is_object()) {
      return invalid_mutation(index, fmt::format("patch {} must be an object", op));
    }
  }
  const Value* unset = patch.find("unset");
  if (unset != nullptr) {
    bool ok = unset->is_array() && std::all_of(unset->as_array().begin(), unset->as_array().end(),
                                               [](const Value& p) { return p.is_string(); });
    if (!ok) return invalid_mutation(index, "patch unset must be an array of path strings");
  }
  return Status::success();
}

Status check_mutation(std::size_t index, const Value& mutation) {
  if (!mutation.is_object() || mutation.size() != 1) {
    return invalid_mutation(index, "a mutation is an object with exactly one operation");
  }
  const Member& op = mutation.as_object().front();
  std::string_view kind = op.key.str();
  if (kind == "create" || kind == "createOrReplace" || kind == "createIfNotExists") {
    return check_document(index, kind, op.value);
  }
  if (kind == "delete") {
    if (!op.value.is_object()) return invalid_mutation(index, "delete expects an object");
    if (Status s = check_members(index, kind, op.value, {"id", "query", "params"}); !s) return s;
    return check_selection(index, kind, op.value);
  }
  if (kind == "patch") return check_patch(index, op.value);
  return invalid_mutation(index, fmt::format("unknown mutation \"{}\"", kind));
}

}  // namespace

bool is_valid_document_id(std::string_view id) {
  if (id.empty() || id.size() > 128 || id.front() == '-' || id.front() == '.' || id.back() == '.') {
    return false;
  }
  return std::all_of(id.begin(), id.end(), is_id_char);
}

Status validate_mutations(const Value& mutations) {
  if (!mutations.is_array() || mutations.size() == 0) {
    return Error::invalid("The mutation(s) failed: mutations must be a non-empty array",
                          "mutationError");
  }
  std::size_t index = 0;
  for (const Value& mutation : mutations.as_array()) {
    if (Status s = check_mutation(index, mutation); !s) return s;
    ++index;
  }
  return Status::success();
}

}  // namespace ledgerline::store
