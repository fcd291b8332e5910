// string:: functions.
#include "groq/functions/registry.h"
#include "groq/values.h"

namespace ledgerline::groq {
namespace {

Ref split(Evaluator& ev, const Node& call, const Scope& scope) {
  Ref str = arg(ev, call, 0, scope);
  if (!str->is_string()) return Ref();
  Ref sep = arg(ev, call, 1, scope);
  if (!sep->is_string()) return Ref();
  std::string_view s = str->as_string(), d = sep->as_string();
  std::vector<Value> parts;
  if (s.empty()) return Ref::own(Value::array(std::move(parts)));
  if (d.empty()) {
    for (std::size_t i = 0; i < s.size();) {
      std::size_t start = i;
      decode_utf8(s, i);
      parts.push_back(Value::string(s.substr(start, i - start)));
    }
  } else {
    std::size_t start = 0;
    while (true) {
      std::size_t at = s.find(d, start);
      parts.push_back(Value::string(s.substr(start, at - start)));
      if (at == std::string_view::npos) break;
      start = at + d.size();
    }
  }
  return Ref::own(Value::array(std::move(parts)));
}

Ref starts_with(Evaluator& ev, const Node& call, const Scope& scope) {
  Ref str = arg(ev, call, 0, scope);
  if (!str->is_string()) return Ref();
  Ref prefix = arg(ev, call, 1, scope);
  if (!prefix->is_string()) return Ref();
  return Ref::own(
      Value::boolean(str->as_string().substr(0, prefix->size()) == prefix->as_string()));
}

constexpr FunctionDef kFunctions[] = {
    {"lower", 1, 1, string_lower},
    {"upper", 1, 1, string_upper},
    {"split", 2, 2, split},
    {"startsWith", 2, 2, starts_with},
};

}  // namespace

std::span<const FunctionDef> string_functions() {
  return kFunctions;
}

}  // namespace ledgerline::groq
