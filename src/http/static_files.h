// Static files of the web app (`--web DIR`): GET/HEAD of a file below DIR, with a fallback to
// DIR/index.html for deep links (paths whose last segment has no extension, e.g.
// /admin/dashboard). Paths never escape DIR.
#pragma once

#include <filesystem>
#include <string_view>

#include "http/message.h"

namespace ledgerline::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);
  // The file's response, or a JSON 404.
  Response serve(const Request& request) const;

  // The Content-Type for a file name, by extension.
  static std::string_view content_type_for(std::string_view file_name);

 private:
  std::filesystem::path root_;
};

}  // namespace ledgerline::http
