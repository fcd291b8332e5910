// pt:: functions for Portable Text.
#include "groq/functions/registry.h"
#include "groq/values.h"

namespace ledgerline::groq {
namespace {

// The text of one block: its span children's text, concatenated.
bool block_text(const Value& block, std::string& out) {
  static const Key type_key = Key::intern("_type"), children_key = Key::intern("children"),
                   text_key = Key::intern("text");
  const Value* type = block.find(type_key);
  const Value* children = block.find(children_key);
  if (!type || !type->is_string() || !children || !children->is_array()) return false;
  for (const Value& child : children->as_array()) {
    if (!is_plain_object(child)) continue;
    const Value* child_type = child.find(type_key);
    const Value* text = child.find(text_key);
    if (child_type && child_type->is_string() && child_type->as_string() == "span" && text &&
        text->is_string())
      out += text->as_string();
  }
  return true;
}

void array_text(const Value& blocks, std::vector<std::string>& texts) {
  for (const Value& block : blocks.as_array()) {
    if (is_plain_object(block)) {
      std::string text;
      if (block_text(block, text)) texts.push_back(std::move(text));
    } else if (block.is_array()) {
      array_text(block, texts);
    }
  }
}

Ref text(Evaluator& ev, const Node& call, const Scope& scope) {
  Ref v = arg(ev, call, 0, scope);
  if (is_plain_object(*v)) {
    std::string text;
    return block_text(*v, text) ? Ref::own(Value::string(text)) : Ref();
  }
  if (!v->is_array()) return Ref();
  std::vector<std::string> texts;
  array_text(*v, texts);
  if (texts.empty()) return Ref();
  std::string joined;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (i) joined += "\n\n";
    joined += texts[i];
  }
  return Ref::own(Value::string(joined));
}

constexpr FunctionDef kFunctions[] = {{"text", 1, 1, text}};

}  // namespace

std::span<const FunctionDef> pt_functions() {
  return kFunctions;
}

}  // namespace ledgerline::groq
