// sanity:: functions: project information and document versions (drafts, releases).
#include "groq/functions/registry.h"
#include "groq/values.h"

namespace ledgerline::groq {
namespace {

Ref project_id(Evaluator&, const Node&, const Scope&) {
  return Ref();  // no Sanity project behind a Ledgerline dataset
}

Ref dataset(Evaluator&, const Node&, const Scope&) {
  return Ref();
}

// The current document's _id, or nullopt when it has none (or the scope is not an object).
std::optional<std::string_view> current_id(const Scope& scope) {
  if (!is_plain_object(*scope.value)) return std::nullopt;
  const Value* id = scope.value->find(std::string_view("_id"));
  if (!id || !id->is_string()) return std::nullopt;
  return id->as_string();
}

// true when the current document is `base` itself, its draft or one of its versions.
Ref version_of(Evaluator& ev, const Node& call, const Scope& scope) {
  Ref base = arg(ev, call, 0, scope);
  if (!base->is_string()) return Ref();
  auto id = current_id(scope);
  if (!id) return Ref();
  std::string_view b = base->as_string(), i = *id;
  if (i == b) return Ref::own(Value::boolean(true));
  if (i.substr(0, 7) == "drafts." && i.substr(7) == b) return Ref::own(Value::boolean(true));
  if (i.substr(0, 9) == "versions.") {
    std::size_t dot = i.find('.', 9);
    if (dot != std::string_view::npos && i.substr(dot + 1) == b)
      return Ref::own(Value::boolean(true));
  }
  return Ref::own(Value::boolean(false));
}

// true when the current document is a version in release `name` (versions.<name>.<id>).
Ref part_of_release(Evaluator& ev, const Node& call, const Scope& scope) {
  Ref name = arg(ev, call, 0, scope);
  if (!name->is_string()) return Ref();
  auto id = current_id(scope);
  if (!id) return Ref();
  std::string_view i = *id;
  if (i.substr(0, 9) != "versions.") return Ref::own(Value::boolean(false));
  std::size_t dot = i.find('.', 9);
  bool in_release = dot != std::string_view::npos && i.substr(9, dot - 9) == name->as_string();
  return Ref::own(Value::boolean(in_release));
}

constexpr FunctionDef kFunctions[] = {
    {"projectId", 0, 0, project_id},
    {"dataset", 0, 0, dataset},
    {"versionOf", 1, 1, version_of},
    {"partOfRelease", 1, 1, part_of_release},
};

}  // namespace

std::span<const FunctionDef> sanity_functions() {
  return kFunctions;
}

}  // namespace ledgerline::groq
