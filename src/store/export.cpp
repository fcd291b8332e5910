#include "store/export.h"

#include <string>

namespace ledgerline::store {

bool export_ndjson(const groq::Dataset& snapshot,
                   const std::function<bool(std::string_view chunk)>& write,
                   std::size_t chunk_bytes) {
  std::string buffer;
  buffer.reserve(chunk_bytes + 4096);
  bool writing = true;
  snapshot.for_each([&](const Value& document) {
    document.write_json(buffer);
    buffer.push_back('\n');
    if (buffer.size() >= chunk_bytes) {
      writing = write(buffer);
      buffer.clear();
    }
    return writing;
  });
  if (writing && !buffer.empty()) writing = write(buffer);
  return writing;
}

}  // namespace ledgerline::store
