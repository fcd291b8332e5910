// RecordJson: a log record serialized for an engine's persist: each written document's JSON
// and the record's writes JSON (log_codec). A large record (a seed batch: thousands of writes,
// megabytes) is serialized in two halves on two threads. The buffers are kept between records,
// so their capacity is reused instead of grown (and page-faulted) again for each.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "storage/storage.h"

namespace ledgerline::storage {

class RecordJson {
 public:
  // Serializes `record`; the views below stay valid until the next call.
  void serialize(const LogRecord& record);
  // writes[i].next's JSON ("" for a deletion).
  std::string_view document(std::size_t i) const { return documents_[i]; }
  // The record's writes, as encode_writes writes them.
  std::string_view writes() const { return writes_; }

 private:
  // One half of a record's writes.
  struct Part {
    std::string documents;  // the next documents, back to back
    std::vector<std::size_t> ends;
    std::string writes;  // the encoded writes, comma-separated, no brackets
    void serialize(const std::vector<DocumentWrite>& all, std::size_t begin, std::size_t end);
    std::string_view document(std::size_t i) const;  // i-th of this part
  };

  Part parts_[2];
  std::vector<std::string_view> documents_;
  std::string writes_;
};

}  // namespace ledgerline::storage
