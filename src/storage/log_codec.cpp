#include "storage/log_codec.h"

#include <algorithm>
#include <array>

#include "util/json.h"

namespace ledgerline::storage {
namespace {

const Key kFromNext = Key::intern("fromNext");
const Key kWithout = Key::intern("without");
const std::array<Key, 3> kSystemKeys{Key::intern("_createdAt"), Key::intern("_updatedAt"),
                                     Key::intern("_rev")};
const std::array<std::string_view, 3> kCreateOps{"create", "createOrReplace", "createIfNotExists"};

bool is_system_key(Key key) {
  for (Key system : kSystemKeys) {
    if (key == system) return true;
  }
  return false;
}

// Whether `a` serializes exactly as `b` (the same node, or an equal scalar).
bool same_json(const Value& a, const Value& b) {
  if (a.same_node(b)) return true;
  return !a.is_array() && !a.is_object() && a == b;
}

// When `body` is `next` without some system fields (the same members in the same order),
// sets `without` to those fields and answers true.
bool body_is_next_without(const Value& body, const Value& next, std::vector<Key>& without) {
  if (!body.is_object() || !next.is_object()) return false;
  auto kept = body.as_object();
  std::size_t i = 0;
  without.clear();
  for (const Member& member : next.as_object()) {
    if (i < kept.size() && kept[i].key == member.key) {
      if (!same_json(kept[i].value, member.value)) return false;
      ++i;
    } else if (is_system_key(member.key)) {
      without.push_back(member.key);
    } else {
      return false;
    }
  }
  return i == kept.size();
}

// The create operation whose body repeats `write.next`, or "" (the full form is written).
std::string_view short_create(const DocumentWrite& write, std::vector<Key>& without) {
  if (!write.mutations.is_array() || write.mutations.size() != 1) return {};
  const Value& mutation = write.mutations.as_array().front();
  if (!mutation.is_object() || mutation.size() != 1) return {};
  const Member& op = mutation.as_object().front();
  for (std::string_view create : kCreateOps) {
    if (op.key.str() == create) {
      return body_is_next_without(op.value, write.next, without) ? create : std::string_view();
    }
  }
  return {};
}

void write_mutations(const DocumentWrite& write, std::string& out) {
  std::vector<Key> without;
  std::string_view create = short_create(write, without);
  if (create.empty()) {
    write.mutations.write_json(out);
    return;
  }
  out += "{\"fromNext\":";
  write_json_string(out, create);
  out += ",\"without\":[";
  for (std::size_t i = 0; i < without.size(); ++i) {
    if (i > 0) out.push_back(',');
    write_json_string(out, without[i].str());
  }
  out += "]}";
}

// The mutations of a decoded write: the stored array, or the short create form expanded.
Result<Value> read_mutations(const Value& stored, const Value& next) {
  if (!stored.is_object()) return stored;
  const Value& op = stored.get(kFromNext);
  if (!op.is_string() || !next.is_object()) {
    return Error::internal("corrupt log record: unknown mutations form");
  }
  std::vector<Key> without;
  for (const Value& key : stored.get(kWithout).as_array()) {
    without.push_back(Key::intern(key.as_string()));
  }
  std::vector<Member> members;
  members.reserve(next.size());
  for (const Member& member : next.as_object()) {
    if (std::find(without.begin(), without.end(), member.key) == without.end()) {
      members.push_back(member);
    }
  }
  return Value::array(
      {Value::object({{Key::intern(op.as_string()), Value::object(std::move(members))}})});
}

}  // namespace

void encode_writes(const std::vector<DocumentWrite>& writes,
                   const std::vector<std::string>& next_json, std::string& out) {
  out.push_back('[');
  for (std::size_t i = 0; i < writes.size(); ++i) {
    if (i > 0) out.push_back(',');
    encode_write(writes[i], i < next_json.size() ? std::string_view(next_json[i]) : "", out);
  }
  out.push_back(']');
}

void encode_write(const DocumentWrite& write, std::string_view next_json, std::string& out) {
  out += "{\"id\":";
  write_json_string(out, write.id);
  out += ",\"previousRev\":";
  write_json_string(out, write.previous_rev);
  out += ",\"nextRev\":";
  write_json_string(out, write.next_rev);
  out += ",\"previous\":";
  write.previous.write_json(out);
  out += ",\"next\":";
  if (!next_json.empty()) {
    out += next_json;
  } else {
    write.next.write_json(out);
  }
  out += ",\"mutations\":";
  write_mutations(write, out);
  out.push_back('}');
}

Result<std::vector<DocumentWrite>> decode_writes(std::string_view json) {
  auto parsed = parse_json(json);
  if (!parsed.ok() || !parsed->is_array()) {
    return Error::internal("corrupt log record: writes are not a JSON array");
  }
  std::vector<DocumentWrite> writes;
  writes.reserve(parsed->size());
  for (const Value& item : parsed->as_array()) {
    if (!item.get("id").is_string()) return Error::internal("corrupt log record: write without id");
    auto mutations = read_mutations(item.get("mutations"), item.get("next"));
    if (!mutations.ok()) return std::move(mutations).error();
    writes.push_back(DocumentWrite{std::string(item.get("id").as_string()),
                                   std::string(item.get("previousRev").as_string()),
                                   std::string(item.get("nextRev").as_string()),
                                   item.get("previous"), item.get("next"), std::move(*mutations)});
  }
  return writes;
}

}  // namespace ledgerline::storage
