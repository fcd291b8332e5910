// PublishedView: the `perspective=published` view of a dataset — every document except drafts
// (`drafts.*`) and release versions (`versions.*`).
#pragma once

#include <memory>

#include "groq/groq.h"

namespace ledgerline::http::api {

// Wraps `base` (kept alive by the view).
std::shared_ptr<const groq::Dataset> make_published_view(std::shared_ptr<const groq::Dataset> base);

// True for ids of drafts and versions (hidden by the published perspective).
bool is_unpublished_id(std::string_view id);

}  // namespace ledgerline::http::api
