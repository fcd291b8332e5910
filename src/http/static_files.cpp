#include "http/static_files.h"

#include <fstream>
#include <sstream>

#include "http/errors.h"
#include "http/url.h"

namespace ledgerline::http {

namespace {

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

StaticFiles::StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

std::string_view StaticFiles::content_type_for(std::string_view name) {
  struct Entry {
    std::string_view extension, type;
  };
  static constexpr Entry kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".ico", "image/x-icon"},
      {".webp", "image/webp"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
      {".wasm", "application/wasm"},
  };
  for (const Entry& entry : kTypes) {
    if (ends_with(name, entry.extension)) return entry.type;
  }
  return "application/octet-stream";
}

Response StaticFiles::serve(const Request& request) const {
  auto not_found = [&] {
    return error_response(Error::not_found("No route or file for " + request.path, "notFound"));
  };
  std::filesystem::path relative;
  std::string last_segment;
  for (std::string_view raw : split_path(request.path)) {
    auto segment = percent_decode(raw);
    if (!segment || segment->empty() || *segment == "." || *segment == ".." ||
        segment->find('/') != std::string::npos || segment->find('\\') != std::string::npos ||
        segment->find('\0') != std::string::npos) {
      return not_found();
    }
    relative /= *segment;
    last_segment = *segment;
  }
  std::filesystem::path file = relative.empty() ? root_ / "index.html" : root_ / relative;
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) file /= "index.html";
  std::optional<std::string> content = read_file(file);
  bool deep_link = last_segment.find('.') == std::string::npos;
  if (!content && deep_link) {
    file = root_ / "index.html";
    content = read_file(file);
  }
  if (!content) return not_found();
  Response response;
  response.content_type = std::string(content_type_for(file.filename().string()));
  bool immutable_asset = request.path.find("/assets/") != std::string::npos;
  response.headers.push_back(
      {"cache-control", immutable_asset ? "public, max-age=31536000, immutable" : "no-cache"});
  if (request.method != "HEAD") response.body = std::move(*content);
  return response;
}

}  // namespace ledgerline::http
