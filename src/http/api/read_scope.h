// The one choke point for what a caller may read. Every read door — query, doc, export and
// listen — takes its view of the documents from here: the caller's read rule (a GROQ filter
// chosen by ApiContext::read_rule from the request's Identity; none: everything) and, for
// queries, the `published` perspective, applied to the newest snapshot.
#pragma once

#include <memory>

#include "groq/groq.h"
#include "http/api/context.h"
#include "http/message.h"
#include "util/result.h"

namespace ledgerline::http::api {

// The caller's read rule, or null when it may read everything. Errors (e.g. 401 for anonymous
// callers once auth exists) come from ApiContext::read_rule.
Result<groq::FilterPtr> read_rule_for(const ApiContext& context, const Request& request);

struct ReadableView {
  store::SnapshotPtr snapshot;                   // what the view shows (kept alive)
  std::shared_ptr<const groq::Dataset> dataset;  // the documents the caller may read
  groq::FilterPtr rule;                          // null: everything
  // True when `document` exists in the snapshot but the rule hides it.
  bool hidden(const Value& document) const;
};

// The newest snapshot as this caller may read it; `published_only` also hides drafts and
// versions.
Result<ReadableView> readable_view(const ApiContext& context, const Request& request,
                                   bool published_only = false);

}  // namespace ledgerline::http::api
