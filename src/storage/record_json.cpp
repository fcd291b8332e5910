#include "storage/record_json.h"

#include <thread>

#include "storage/log_codec.h"

namespace ledgerline::storage {
namespace {

// Below this many writes one thread serializes the record (starting a thread costs more).
constexpr std::size_t kParallelWrites = 512;

}  // namespace

void RecordJson::Part::serialize(const std::vector<DocumentWrite>& all, std::size_t begin,
                                 std::size_t end) {
  documents.clear();
  ends.clear();
  writes.clear();
  for (std::size_t i = begin; i < end; ++i) {
    if (!all[i].next.is_null()) all[i].next.write_json(documents);
    ends.push_back(documents.size());
  }
  for (std::size_t i = begin; i < end; ++i) {
    if (i > begin) writes.push_back(',');
    encode_write(all[i], document(i - begin), writes);
  }
}

std::string_view RecordJson::Part::document(std::size_t i) const {
  std::size_t begin = i == 0 ? 0 : ends[i - 1];
  return std::string_view(documents).substr(begin, ends[i] - begin);
}

void RecordJson::serialize(const LogRecord& record) {
  const std::vector<DocumentWrite>& writes = record.writes;
  std::size_t half = writes.size() >= kParallelWrites ? writes.size() / 2 : writes.size();
  std::thread helper;
  if (half < writes.size()) {
    helper = std::thread([&] { parts_[1].serialize(writes, half, writes.size()); });
  } else {
    parts_[1].serialize(writes, 0, 0);
  }
  parts_[0].serialize(writes, 0, half);
  if (helper.joinable()) helper.join();

  documents_.clear();
  for (const Part& part : parts_) {
    for (std::size_t i = 0; i < part.ends.size(); ++i) documents_.push_back(part.document(i));
  }
  writes_.clear();
  writes_.push_back('[');
  writes_ += parts_[0].writes;
  if (!parts_[0].writes.empty() && !parts_[1].writes.empty()) writes_.push_back(',');
  writes_ += parts_[1].writes;
  writes_.push_back(']');
}

}  // namespace ledgerline::storage
