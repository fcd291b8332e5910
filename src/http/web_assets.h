// The web app's files as embedded in the binary at build time (scripts/embed-web.mjs packs
// web/dist): each file's path, ETag and bytes, with its gzip and brotli forms where those are
// smaller (empty otherwise). The bytes live in the binary's read-only data for its lifetime.
#pragma once

#include <string_view>
#include <vector>

namespace ledgerline::http {

struct EmbeddedFile {
  std::string_view path;  // "/index.html", "/assets/app-3f2a1c.js"
  std::string_view etag;  // a strong ETag, quotes included
  std::string_view identity;
  std::string_view gzip;    // "" when not worth it
  std::string_view brotli;  // "" when not worth it
};

// Every embedded file; empty when the binary was built without the web app.
std::vector<EmbeddedFile> embedded_web_files();

}  // namespace ledgerline::http
