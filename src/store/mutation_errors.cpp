#include "store/mutation_errors.h"

#include <fmt/format.h>

#include <vector>

namespace ledgerline::store {

Error mutation_error(ErrorCode code, std::size_t index, Value item) {
  std::string description(item.get("description").as_string());
  Value entry = Value::object({{Key::intern("index"), Value::number(static_cast<double>(index))},
                               {Key::intern("error"), std::move(item)}});
  Value details = Value::object({{Key::intern("items"), Value::array({std::move(entry)})}});
  return Error{code, "mutationError", "The mutation(s) failed: " + description, std::move(details)};
}

Error invalid_mutation(std::size_t index, std::string_view description) {
  std::string text = fmt::format("Mutation {}: {}", index, description);
  return mutation_error(ErrorCode::kInvalidArgument, index,
                        Value::object({{Key::intern("type"), Value::string("invalidMutation")},
                                       {Key::intern("description"), Value::string(text)}}));
}

Error revision_conflict(std::size_t index, std::string_view id, std::string_view expected,
                        std::string_view actual) {
  std::string text = fmt::format(
      "Document \"{}\" has unexpected revision ID (\"{}\"), expected \"{}\"", id, actual, expected);
  return mutation_error(ErrorCode::kConflict, index,
                        Value::object({{Key::intern("type"), Value::string("conflict")},
                                       {Key::intern("id"), Value::string(id)},
                                       {Key::intern("description"), Value::string(text)},
                                       {Key::intern("expected"), Value::string(expected)},
                                       {Key::intern("actual"), Value::string(actual)}}));
}

Error already_exists(std::size_t index, std::string_view id) {
  std::string text = fmt::format("Document by ID \"{}\" already exists", id);
  return mutation_error(
      ErrorCode::kConflict, index,
      Value::object({{Key::intern("type"), Value::string("documentAlreadyExistsError")},
                     {Key::intern("id"), Value::string(id)},
                     {Key::intern("description"), Value::string(text)}}));
}

Error document_not_found(std::size_t index, std::string_view id) {
  std::string text = fmt::format("Document by ID \"{}\" not found", id);
  return mutation_error(
      ErrorCode::kConflict, index,
      Value::object({{Key::intern("type"), Value::string("documentNotFoundError")},
                     {Key::intern("id"), Value::string(id)},
                     {Key::intern("description"), Value::string(text)}}));
}

Error wrap_item_error(std::size_t index, std::string_view id, const Error& cause) {
  std::vector<Member> members{
      {Key::intern("type"), Value::string(cause.type.empty() ? "invalidMutation" : cause.type)}};
  if (!id.empty()) members.push_back({Key::intern("id"), Value::string(id)});
  std::string text = id.empty()
                         ? fmt::format("Mutation {}: {}", index, cause.message)
                         : fmt::format("Mutation {} on \"{}\": {}", index, id, cause.message);
  members.push_back({Key::intern("description"), Value::string(text)});
  ErrorCode code = cause.code == ErrorCode::kInternal ? ErrorCode::kInternal : cause.code;
  return mutation_error(code, index, Value::object(std::move(members)));
}

}  // namespace ledgerline::store
