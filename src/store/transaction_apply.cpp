#include "store/transaction_apply.h"

#include <fmt/format.h>

#include <unordered_map>

#include "patch/patch.h"
#include "store/dataset_view.h"
#include "store/mutation_errors.h"
#include "store/mutation_validation.h"
#include "util/ids.h"

namespace ledgerline::store {
namespace {

const Key kId = Key::intern("_id");
const Key kType = Key::intern("_type");
const Key kRev = Key::intern("_rev");
const Key kCreatedAt = Key::intern("_createdAt");
const Key kUpdatedAt = Key::intern("_updatedAt");

// Puts the document with this id back to `previous` (absent when null).
void restore(DocumentSet& working, const std::string& id, const Value& previous) {
  if (previous.is_null()) {
    working.remove(id);
  } else {
    working.put(previous);
  }
}

// One document touched by the transaction so far.
struct Touched {
  std::string id;
  Value previous;  // as it was before the transaction
  std::vector<Value> mutations;
  bool deleted_by_mutation = false;
};

class TransactionApplier {
 public:
  TransactionApplier(DocumentSet& working, const TransactionContext& context)
      : working_(working), context_(context), options_(*context.options) {}

  Result<AppliedTransaction> run(const Value& mutations) {
    if (Status s = validate_mutations(mutations); !s) return std::move(s).error();
    std::size_t index = 0;
    for (const Value& mutation : mutations.as_array()) {
      const Member& op = mutation.as_object().front();
      Status s = apply_one(index, op.key.str(), op.value);
      if (!s) {
        undo();
        return std::move(s).error();
      }
      ++index;
    }
    return finish();
  }

 private:
  Status apply_one(std::size_t index, std::string_view kind, const Value& body) {
    if (kind == "create") return create(index, body);
    if (kind == "createOrReplace") return create_or_replace(body);
    if (kind == "createIfNotExists") return create_if_not_exists(body);
    if (kind == "delete") return remove(index, body);
    return patch(index, body);
  }

  Status create(std::size_t index, const Value& document) {
    std::string id(document.get(kId).as_string());
    if (id.empty() || id.back() == '.') id += random_id();
    if (working_.get(id) != nullptr) return already_exists(index, id);
    write(id, stamp(document, id, nullptr, true),
          named("create", document.with(kId, Value::string(id))));
    return Status::success();
  }

  Status create_or_replace(const Value& document) {
    std::string id(document.get(kId).as_string());
    const Value* existing = working_.get(id);
    Value previous = existing != nullptr ? *existing : Value();
    write(id, stamp(document, id, existing != nullptr ? &previous : nullptr, true),
          named("createOrReplace", document));
    return Status::success();
  }

  Status create_if_not_exists(const Value& document) {
    std::string id(document.get(kId).as_string());
    if (working_.get(id) != nullptr) {
      touch(id);
      return Status::success();
    }
    write(id, stamp(document, id, nullptr, true), named("createIfNotExists", document));
    return Status::success();
  }

  Status remove(std::size_t index, const Value& body) {
    auto ids = select(index, body);
    if (!ids.ok()) return std::move(ids).error();
    for (const std::string& id : *ids) {
      Touched& touched = touch(id);
      touched.deleted_by_mutation = true;
      if (working_.get(id) == nullptr) continue;
      touched.mutations.push_back(
          named("delete", Value::object({{Key::intern("id"), Value::string(id)}})));
      working_.remove(id);
    }
    return Status::success();
  }

  Status patch(std::size_t index, const Value& body) {
    const Value* id_member = body.find("id");
    if (id_member != nullptr && working_.get(id_member->as_string()) == nullptr) {
      return document_not_found(index, id_member->as_string());
    }
    auto ids = select(index, body);
    if (!ids.ok()) return std::move(ids).error();
    const Value* expected = body.find("ifRevisionID");
    patch::PatchOptions patch_options{options_.auto_generate_array_keys};
    Value normalized = body.without(Key::intern("query")).without(Key::intern("params"));
    for (const std::string& id : *ids) {
      const Value* current = working_.get(id);
      if (current == nullptr) continue;
      Value previous = *current;
      if (expected != nullptr && previous.get(kRev).as_string() != expected->as_string()) {
        return revision_conflict(index, id, expected->as_string(), previous.get(kRev).as_string());
      }
      Result<Value> patched = patch::apply_patch(previous, body, patch_options);
      if (!patched.ok()) return wrap_item_error(index, id, patched.error());
      write(id, stamp(*patched, id, &previous, false),
            named("patch", normalized.with(Key::intern("id"), Value::string(id))));
    }
    return Status::success();
  }

  // The ids a delete/patch addresses: its `id`, or the `_id`s its GROQ `query` returns over
  // the working state (which includes this transaction's earlier mutations).
  Result<std::vector<std::string>> select(std::size_t index, const Value& body) {
    if (const Value* id = body.find("id"))
      return std::vector<std::string>{std::string(id->as_string())};
    auto query = groq::parse(body.get("query").as_string());
    if (!query.ok()) return wrap_item_error(index, "", query.error());
    groq::EvalOptions eval;
    eval.params = body.get("params").is_object() ? body.get("params") : Value::empty_object();
    eval.identity = options_.identity.empty() ? Value() : Value::string(options_.identity);
    eval.now = context_.timestamp;
    DocumentSetView view(working_);
    auto result = groq::evaluate(**query, view, eval);
    if (!result.ok()) return wrap_item_error(index, "", result.error());
    std::vector<std::string> ids;
    auto add = [&](const Value& item) {
      const Value& id = item.is_object() ? item.get(kId) : item;
      if (!id.is_string()) return false;
      ids.emplace_back(id.as_string());
      return true;
    };
    bool ok = result->is_array()
                  ? std::all_of(result->as_array().begin(), result->as_array().end(), add)
                  : (result->is_null() || add(*result));
    if (!ok) return invalid_mutation(index, "the query must return documents (objects with _id)");
    return ids;
  }

  // The document with server-assigned system fields (first, in a fixed order).
  Value stamp(const Value& source, const std::string& id, const Value* previous, bool created) {
    bool keep = created && options_.preserve_system_fields;
    auto pick = [&](Key key, Value fallback) {
      const Value& given = source.get(key);
      return keep && given.is_string() ? given : fallback;
    };
    Value ts = Value::string(context_.timestamp);
    Value created_at = previous != nullptr && previous->get(kCreatedAt).is_string()
                           ? previous->get(kCreatedAt)
                           : ts;
    std::vector<Member> members{{kId, Value::string(id)},
                                {kType, source.get(kType)},
                                {kCreatedAt, pick(kCreatedAt, created_at)},
                                {kUpdatedAt, pick(kUpdatedAt, ts)},
                                {kRev, pick(kRev, Value::string(context_.transaction_id))}};
    members.reserve(source.size() + 5);
    for (const Member& member : source.as_object()) {
      if (member.key != kId && member.key != kType && member.key != kRev &&
          member.key != kCreatedAt && member.key != kUpdatedAt) {
        members.push_back(member);
      }
    }
    return Value::object(std::move(members));
  }

  static Value named(std::string_view kind, Value body) {
    return Value::object({{Key::intern(kind), std::move(body)}});
  }

  Touched& touch(const std::string& id) {
    auto [it, fresh] = index_.try_emplace(id, touched_.size());
    if (fresh) {
      const Value* existing = working_.get(id);
      touched_.push_back(Touched{id, existing != nullptr ? *existing : Value(), {}, false});
    }
    return touched_[it->second];
  }

  void write(const std::string& id, Value document, Value mutation) {
    Touched& touched = touch(id);
    touched.mutations.push_back(std::move(mutation));
    working_.put(document);
  }

  // Puts every document this transaction wrote back as it was before it.
  void undo() {
    for (const Touched& touched : touched_) {
      if (touched.mutations.empty()) continue;  // looked at, never written
      restore(working_, touched.id, touched.previous);
    }
  }

  Result<AppliedTransaction> finish() {
    AppliedTransaction applied;
    for (Touched& touched : touched_) {
      const Value* now = working_.get(touched.id);
      Value next = now != nullptr ? *now : Value();
      MutationOutcome outcome{touched.id, "none", next};
      if (touched.previous.is_null() && !next.is_null()) {
        outcome.operation = "create";
      } else if (!next.is_null()) {
        outcome.operation = touched.mutations.empty() ? "none" : "update";
      } else if (!touched.previous.is_null() || touched.deleted_by_mutation) {
        outcome.operation = "delete";
      }
      if (!touched.previous.is_null() || !next.is_null()) {
        if (!touched.mutations.empty()) {
          applied.changes.push_back(Change{touched.id, touched.previous, next,
                                           Value::array(std::move(touched.mutations))});
        }
      }
      applied.results.push_back(std::move(outcome));
    }
    return applied;
  }

  DocumentSet& working_;
  const TransactionContext& context_;
  const CommitOptions& options_;
  std::vector<Touched> touched_;
  std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace

void undo_changes(DocumentSet& working, const std::vector<Change>& changes) {
  for (const Change& change : changes) restore(working, change.id, change.previous);
}

Result<AppliedTransaction> apply_transaction(DocumentSet& working, const Value& mutations,
                                             const TransactionContext& context) {
  return TransactionApplier(working, context).run(mutations);
}

}  // namespace ledgerline::store
