// dateTime:: functions.
#include "groq/functions/registry.h"
#include "groq/values.h"

namespace ledgerline::groq {
namespace {

Ref now(Evaluator& ev, const Node&, const Scope&) {
  ev.note_special();
  return Ref::own(make_datetime(ev.now_ms()));
}

constexpr FunctionDef kFunctions[] = {{"now", 0, 0, now}};

}  // namespace

std::span<const FunctionDef> datetime_functions() {
  return kFunctions;
}

}  // namespace ledgerline::groq
