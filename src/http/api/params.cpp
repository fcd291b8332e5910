#include "http/api/params.h"

#include "util/json.h"

namespace ledgerline::http::api {

Result<Value> decode_dollar_params(const Request& request) {
  ObjectBuilder params;
  for (const auto& [name, text] : request.query) {
    if (name.size() < 2 || name[0] != '$') continue;
    Result<Value> value = parse_json(text);
    if (!value.ok()) {
      return Error::invalid("Invalid value for parameter \"" + name.substr(1) +
                                "\": not valid JSON (" + value.error().message + ")",
                            "queryError");
    }
    params.set(std::string_view(name).substr(1), std::move(*value));
  }
  return params.build();
}

namespace {
bool is_known_perspective(std::string_view name) {
  return name == "raw" || name == "published" || name == "drafts" || name == "previewDrafts";
}
bool is_release_name(std::string_view name) {
  if (name.empty() || name.size() > 128) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}
}  // namespace

Status check_perspective(std::string_view perspective) {
  if (perspective.find(',') == std::string_view::npos) {
    if (is_known_perspective(perspective)) return Status::success();
  } else {
    bool all_valid = true;
    std::string_view rest = perspective;
    while (all_valid) {
      std::size_t comma = rest.find(',');
      all_valid = is_release_name(rest.substr(0, comma));
      if (comma == std::string_view::npos) break;
      rest = rest.substr(comma + 1);
    }
    if (all_valid) return Status::success();
  }
  return Error::invalid("Invalid perspective \"" + std::string(perspective) +
                            "\": expected raw, published, drafts or a comma-separated list",
                        "queryError");
}

Result<Value> parse_json_body(const Request& request) {
  Result<Value> body = parse_json(request.body);
  if (!body.ok()) {
    return Error::invalid("Invalid JSON in request body: " + body.error().message, "invalidJson");
  }
  return body;
}

}  // namespace ledgerline::http::api
