#include "http/api/export.h"

#include <vector>

#include "http/api/read_scope.h"
#include "http/errors.h"

namespace ledgerline::http::api {

namespace {

constexpr std::size_t kPieceBytes = 64 * 1024;

// Holds the snapshot (so the export is consistent) and references to its documents — Values
// share the snapshot's nodes, so this costs 16 bytes per document, not a copy of the data.
class NdjsonExport final : public BodyStream {
 public:
  explicit NdjsonExport(ReadableView view) : view_(std::move(view)) {
    documents_.reserve(view_.snapshot->size());
    view_.dataset->for_each([this](const Value& document) {
      documents_.push_back(document);
      return true;
    });
  }

  bool next(std::string& out) override {
    while (next_ < documents_.size() && out.size() < kPieceBytes) {
      documents_[next_].write_json(out);
      out += '\n';
      documents_[next_] = Value();  // release our reference as we go
      ++next_;
    }
    return next_ < documents_.size();
  }

 private:
  ReadableView view_;
  std::vector<Value> documents_;
  std::size_t next_ = 0;
};

}  // namespace

void handle_export(const ApiContext& context, Request request, Respond respond) {
  Result<ReadableView> view = readable_view(context, request);
  if (!view.ok()) {
    respond(error_response(view.error()));
    return;
  }
  Response response;
  response.content_type = "application/x-ndjson";
  response.chunks = std::make_shared<NdjsonExport>(std::move(*view));
  respond(std::move(response));
}

}  // namespace ledgerline::http::api
