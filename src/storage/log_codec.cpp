#include "storage/log_codec.h"

#include "util/json.h"

namespace ledgerline::storage {

void encode_writes(const std::vector<DocumentWrite>& writes,
                   const std::vector<std::string>& next_json, std::string& out) {
  out.push_back('[');
  for (std::size_t i = 0; i < writes.size(); ++i) {
    const DocumentWrite& write = writes[i];
    if (i > 0) out.push_back(',');
    out += "{\"id\":";
    write_json_string(out, write.id);
    out += ",\"previousRev\":";
    write_json_string(out, write.previous_rev);
    out += ",\"nextRev\":";
    write_json_string(out, write.next_rev);
    out += ",\"previous\":";
    write.previous.write_json(out);
    out += ",\"next\":";
    if (i < next_json.size() && !next_json[i].empty()) {
      out += next_json[i];
    } else {
      write.next.write_json(out);
    }
    out += ",\"mutations\":";
    write.mutations.write_json(out);
    out.push_back('}');
  }
  out.push_back(']');
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
    writes.push_back(DocumentWrite{std::string(item.get("id").as_string()),
                                   std::string(item.get("previousRev").as_string()),
                                   std::string(item.get("nextRev").as_string()),
                                   item.get("previous"), item.get("next"), item.get("mutations")});
  }
  return writes;
}

}  // namespace ledgerline::storage
