#include "http/api/published_view.h"

namespace ledgerline::http::api {

bool is_unpublished_id(std::string_view id) {
  return id.starts_with("drafts.") || id.starts_with("versions.");
}

namespace {

bool is_published(const Value& document) {
  return !is_unpublished_id(document.get("_id").as_string());
}

class PublishedView final : public groq::Dataset {
 public:
  explicit PublishedView(std::shared_ptr<const groq::Dataset> base) : base_(std::move(base)) {}

  void for_each(const std::function<bool(const Value&)>& visit) const override {
    base_->for_each([&](const Value& doc) { return !is_published(doc) || visit(doc); });
  }
  const Value* get(std::string_view id) const override {
    return is_unpublished_id(id) ? nullptr : base_->get(id);
  }
  void for_each_of_type(std::string_view type,
                        const std::function<bool(const Value&)>& visit) const override {
    base_->for_each_of_type(type,
                            [&](const Value& doc) { return !is_published(doc) || visit(doc); });
  }
  void for_each_referencing(std::string_view id,
                            const std::function<bool(const Value&)>& visit) const override {
    base_->for_each_referencing(id,
                                [&](const Value& doc) { return !is_published(doc) || visit(doc); });
  }
  std::size_t size() const override { return base_->size(); }

 private:
  std::shared_ptr<const groq::Dataset> base_;
};

}  // namespace

std::shared_ptr<const groq::Dataset> make_published_view(
    std::shared_ptr<const groq::Dataset> base) {
  return std::make_shared<PublishedView>(std::move(base));
}

}  // namespace ledgerline::http::api
