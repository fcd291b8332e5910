#include "realtime/event_encoding.h"

#include "realtime/event_id.h"

namespace ledgerline::realtime {

namespace {

void append_string_member(std::string& out, std::string_view name, std::string_view value) {
  out.push_back(',');
  write_json_string(out, name);
  out.push_back(':');
  write_json_string(out, value);
}

void append_value_member(std::string& out, std::string_view name, const Value& value) {
  out.push_back(',');
  write_json_string(out, name);
  out.push_back(':');
  value.write_json(out);
}

void append_retry(std::string& out, std::chrono::milliseconds retry) {
  out.append("retry: ").append(std::to_string(retry.count())).push_back('\n');
}

std::string frame(std::string_view event, std::string_view data) {
  std::string out;
  out.reserve(16 + event.size() + data.size());
  out.append("event: ").append(event).append("\ndata: ").append(data).append("\n\n");
  return out;
}

std::string listener_name_json(std::string_view listener_name) {
  std::string data = "{\"listenerName\":";
  write_json_string(data, listener_name);
  data.push_back('}');
  return data;
}

}  // namespace

std::string encode_mutation_event(const store::CommittedTransaction& transaction,
                                  const MatchedChange& match, std::size_t total,
                                  std::size_t current, EventOptions options) {
  const store::Change& change = transaction.changes[match.change_index];
  const std::string event_id = format_event_id(transaction.transaction_id, change.id);
  std::string out;
  out.reserve(256 + (options.include_result ? 512 : 0));
  out.append("id: ").append(event_id).append("\nevent: mutation\ndata: {\"documentId\":");
  write_json_string(out, change.id);
  append_string_member(out, "eventId", event_id);
  append_string_member(out, "transactionId", transaction.transaction_id);
  append_string_member(out, "transition", transition_name(match.transition));
  append_string_member(out, "identity", transaction.identity);
  // A mutation can carry the content of a version the listener may not read (the patch that
  // moves a bill to another customer, the text a diff-match-patch removed): only with both
  // versions readable.
  const bool every_version_readable = (change.previous.is_null() || match.previous_readable) &&
                                      (change.next.is_null() || match.next_readable);
  if (options.include_mutations && every_version_readable) {
    append_value_member(out, "mutations", change.mutations);
  }
  if (!change.previous.is_null()) {
    append_value_member(out, "previousRev", change.previous.get("_rev"));
  }
  if (!change.next.is_null()) append_value_member(out, "resultRev", change.next.get("_rev"));
  if (options.include_result && !change.next.is_null() && match.next_readable) {
    append_value_member(out, "result", change.next);
  }
  if (options.include_previous_revision) {
    append_value_member(out, "previous", match.previous_readable ? change.previous : Value());
  }
  append_string_member(out, "timestamp", transaction.timestamp);
  out.append(",\"visibility\":\"query\",\"transactionTotalEvents\":");
  out.append(std::to_string(total)).append(",\"transactionCurrentEvent\":");
  out.append(std::to_string(current)).append("}\n\n");
  return out;
}

std::string encode_welcome(std::chrono::milliseconds retry, std::string_view listener_name,
                           std::string_view resume_id) {
  std::string out;
  append_retry(out, retry);
  if (!resume_id.empty()) out.append("id: ").append(resume_id).push_back('\n');
  out += frame("welcome", listener_name_json(listener_name));
  return out;
}

std::string encode_welcomeback(std::chrono::milliseconds retry, std::string_view listener_name) {
  std::string out;
  append_retry(out, retry);
  out += frame("welcomeback", listener_name_json(listener_name));
  return out;
}

std::string encode_reset() {
  return frame("reset", "{}");
}

std::string encode_channel_error(const Error& error) {
  std::string data = "{\"message\":";
  write_json_string(data, error.message);
  data.append(",\"error\":{\"type\":");
  write_json_string(data, error.type.empty() ? std::string_view("channelError") : error.type);
  append_string_member(data, "description", error.message);
  for (const Member& member : error.details.as_object()) {
    const std::string_view name = member.key.str();
    if (name == "type" || name == "description") continue;
    append_value_member(data, name, member.value);
  }
  data.append("}}");
  return frame("channelError", data);
}

std::string encode_disconnect(std::string_view reason) {
  std::string data = "{\"reason\":";
  write_json_string(data, reason);
  data.push_back('}');
  return frame("disconnect", data);
}

std::string encode_keep_alive() {
  return ":\n\n";
}

}  // namespace ledgerline::realtime
