#include "http/api/doc.h"

#include <algorithm>

#include "http/api/read_scope.h"
#include "http/errors.h"

namespace ledgerline::http::api {

std::vector<std::string> split_document_ids(std::string_view ids) {
  std::vector<std::string> out;
  while (true) {
    std::size_t comma = ids.find(',');
    std::string_view id = ids.substr(0, comma);
    if (!id.empty() && std::find(out.begin(), out.end(), id) == out.end()) out.emplace_back(id);
    if (comma == std::string_view::npos) break;
    ids = ids.substr(comma + 1);
  }
  return out;
}

void handle_doc(const ApiContext& context, Request request, Respond respond) {
  Result<ReadableView> view = readable_view(context, request);
  if (!view.ok()) {
    respond(error_response(view.error()));
    return;
  }
  bool exclude_content = request.flag("excludeContent");
  std::string documents = "[";
  std::string omitted = "[";
  for (const std::string& id : split_document_ids(request.param("ids"))) {
    const Value* document = view->snapshot->get(id);
    if (document == nullptr || view->hidden(*document)) {
      if (omitted.size() > 1) omitted += ',';
      omitted += R"({"id":)";
      write_json_string(omitted, id);
      omitted += document == nullptr ? R"(,"reason":"existence"})" : R"(,"reason":"permission"})";
    } else if (!exclude_content) {
      if (documents.size() > 1) documents += ',';
      document->write_json(documents);
    }
  }
  respond(Response::json(200, R"({"documents":)" + documents + R"(],"omitted":)" + omitted + "]}"));
}

}  // namespace ledgerline::http::api
