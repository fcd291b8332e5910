// Static files of the web app, from the files embedded in the binary or from a folder
// (`serve --web DIR`, for development): GET and HEAD of a file, `index.html` for `/` and for
// deep links (a last path segment without an extension, e.g. /admin/dashboard, outside the API
// prefixes), ETags with If-None-Match (304), brotli or gzip when the client accepts them and
// the build made them, hashed assets under /assets/ cached for a year and everything else
// revalidated, and `nosniff` plus a content security policy on every answer. A path never
// leaves the folder, through `..`, encoded separators or symbolic links.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/message.h"
#include "http/web_assets.h"

namespace ledgerline::http {

class StaticFiles {
 public:
  // The files built into the binary, or nullptr when it was built without the web app.
  static std::unique_ptr<StaticFiles> embedded();
  // These files (what embedded() uses; tests give their own); nullptr when there are none.
  static std::unique_ptr<StaticFiles> from_embedded(const std::vector<EmbeddedFile>& files);
  // The files below `root`, read on each request.
  static std::unique_ptr<StaticFiles> from_folder(std::filesystem::path root);

  // The file's response (200, 304), or a JSON 404.
  Response serve(const Request& request) const;

  // The Content-Type for a file name, by extension.
  static std::string_view content_type_for(std::string_view file_name);

  // One file's bytes: views into the binary, or into `owned` for a file read from a folder.
  struct File {
    std::string name;  // the file name, for its content type
    std::string etag;
    std::string_view identity, gzip, brotli;
    std::shared_ptr<const std::string> owned;
  };

 private:
  StaticFiles() = default;
  std::optional<File> find(const std::string& relative) const;  // "" is the index
  std::optional<File> read_from_folder(const std::string& relative) const;

  std::filesystem::path root_;                            // folder mode
  std::unordered_map<std::string, File> embedded_files_;  // embedded mode, by relative path
};

}  // namespace ledgerline::http
