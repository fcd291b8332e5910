// The shop's document schemas (DOMAIN.md "Documents") as data: for each app type, the fields it
// declares, their kinds, whether they are required, and whether only actions may change them.
// validate_document checks one document against its type's schema; it runs on every write, from
// actions and from the raw data API alike (see rules.h). Undeclared extra fields are allowed
// (free notes-like fields); declared ones must have the declared shape.
#pragma once

#include <span>
#include <string_view>

#include "util/result.h"
#include "util/value.h"

namespace ledgerline::app {

enum class FieldKind {
  kText,          // non-empty string
  kOptionalText,  // any string (may be empty)
  kEmail,         // lower-case string with one '@'
  kBool,
  kCount,          // integer ≥ 0 (≤ 2^53 − 1)
  kPositiveCount,  // integer > 0
  kSignedCount,    // any integer
  kBasisPoints,    // integer 0..10000
  kRate,           // integer ≥ 0 basis points (tax may exceed 100%)
  kTimestamp,      // RFC 3339 string
  kReference,      // {"_type":"reference","_ref": non-empty string}
  kReferences,     // array of references
  kCurrency,       // three upper-case letters
  kEnum,           // one of FieldSpec::choices
  kObjects,        // array of objects, each checked against FieldSpec::items
};

struct FieldSpec {
  std::string_view name;
  FieldKind kind;
  bool required = true;
  // Only actions may create, change or remove it (the raw data API gets 403).
  bool app_owned = false;
  std::span<const std::string_view> choices = {};  // kEnum
  std::span<const FieldSpec> items = {};           // kObjects: the schema of each element
};

struct TypeSchema {
  std::string_view type;
  std::span<const FieldSpec> fields;
  // Raw data-API creates and deletes are refused; the message names the action to use.
  bool created_by_actions_only = false;
  std::string_view action_hint;  // e.g. "POST /api/v1/bills"
};

// The schema for a document type, or nullptr when the shop does not own that type.
const TypeSchema* schema_for(std::string_view type);

// Checks `document` against its type's schema (no-op for types without one). Errors are
// kInvalidArgument naming the document and field, e.g. `bill "b1": items[0].quantity must be an
// integer greater than 0`.
Status validate_document(const Value& document);

}  // namespace ledgerline::app
