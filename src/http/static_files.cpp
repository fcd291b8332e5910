#include "http/static_files.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "http/errors.h"
#include "http/url.h"

namespace ledgerline::http {

namespace {

// Scripts, styles, images and API calls only from this origin; inline styles are allowed
// (the chart and animation libraries set style attributes); nothing may frame the app but the
// app itself (the live demo page shows the customer view in a frame).
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::optional<std::string> read_whole_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// A strong ETag from the bytes (FNV-1a, 64 bits): stable across restarts of the same build.
std::string etag_of(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : bytes) hash = (hash ^ c) * 1099511628211ull;
  char text[40];
  int n = std::snprintf(text, sizeof text, "\"%016llx-%zx\"", static_cast<unsigned long long>(hash),
                        bytes.size());
  return std::string(text, static_cast<std::size_t>(n));
}

// The path below the root ("" for the root itself), or nullopt for a path that tries to leave it
// or that is not a plain file name chain.
std::optional<std::string> relative_path(std::string_view request_path) {
  std::string relative;
  for (std::string_view raw : split_path(request_path)) {
    std::optional<std::string> segment = percent_decode(raw);
    if (!segment || segment->empty() || *segment == "." || *segment == ".." ||
        segment->find_first_of(std::string_view("/\\\0", 3)) != std::string::npos) {
      return std::nullopt;
    }
    if (!relative.empty()) relative += '/';
    relative += *segment;
  }
  return relative;
}

// A deep link into the app (answered with index.html): the last segment has no extension and
// the path is not under the API (/api/..., /v1/..., /vX/...) or the operations endpoints.
bool is_deep_link(std::string_view relative) {
  std::string_view first = relative.substr(0, relative.find('/'));
  std::string_view last = relative.substr(relative.rfind('/') + 1);
  bool api = first == "api" || first == "health" || first == "metrics" ||
             (first.size() >= 2 && first[0] == 'v' &&
              ((first[1] >= '0' && first[1] <= '9') || first[1] == 'X'));
  return !api && last.find('.') == std::string_view::npos;
}

// Whether Accept-Encoding names `coding` (or *) without q=0.
bool accepts(const Request& request, std::string_view coding) {
  const std::string* header = request.header("accept-encoding");
  if (header == nullptr) return false;
  std::string_view rest = *header;
  while (!rest.empty()) {
    std::size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    std::size_t semicolon = item.find(';');
    std::string_view name = item.substr(0, semicolon);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name != coding && name != "*") continue;
    std::string_view params = semicolon == std::string_view::npos ? "" : item.substr(semicolon);
    bool refused = params.find("q=0") != std::string_view::npos &&
                   params.find_first_of("123456789", params.find("q=0")) == std::string_view::npos;
    if (!refused) return true;
  }
  return false;
}

// Whether If-None-Match lists this ETag (or *).
bool not_modified(const Request& request, std::string_view etag) {
  const std::string* header = request.header("if-none-match");
  if (header == nullptr) return false;
  return header->find(etag) != std::string::npos || *header == "*";
}

}  // namespace

std::unique_ptr<StaticFiles> StaticFiles::embedded() {
  return from_embedded(embedded_web_files());
}

std::unique_ptr<StaticFiles> StaticFiles::from_embedded(const std::vector<EmbeddedFile>& files) {
  if (files.empty()) return nullptr;
  std::unique_ptr<StaticFiles> web(new StaticFiles());
  for (const EmbeddedFile& file : files) {
    std::string relative(file.path.substr(1));
    std::string name = relative.substr(relative.rfind('/') + 1);
    web->embedded_files_[relative] =
        File{name, std::string(file.etag), file.identity, file.gzip, file.brotli, nullptr};
  }
  return web;
}

std::unique_ptr<StaticFiles> StaticFiles::from_folder(std::filesystem::path root) {
  std::unique_ptr<StaticFiles> web(new StaticFiles());
  std::error_code ec;
  std::filesystem::path canonical = std::filesystem::canonical(root, ec);
  web->root_ = ec ? std::move(root) : std::move(canonical);
  return web;
}

std::optional<StaticFiles::File> StaticFiles::find(const std::string& relative) const {
  if (!root_.empty()) return read_from_folder(relative);
  auto found = embedded_files_.find(relative.empty() ? "index.html" : relative);
  if (found == embedded_files_.end()) {
    found = embedded_files_.find(relative + "/index.html");
    if (found == embedded_files_.end()) return std::nullopt;
  }
  return found->second;
}

std::optional<StaticFiles::File> StaticFiles::read_from_folder(const std::string& relative) const {
  std::filesystem::path file = root_ / relative;
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) file /= "index.html";
  // Symbolic links are followed only while they stay inside the folder.
  std::filesystem::path resolved = std::filesystem::weakly_canonical(file, ec);
  if (ec) return std::nullopt;
  auto [root_end, ignored] =
      std::mismatch(root_.begin(), root_.end(), resolved.begin(), resolved.end());
  if (root_end != root_.end()) return std::nullopt;
  std::optional<std::string> content = read_whole_file(resolved);
  if (!content) return std::nullopt;
  auto owned = std::make_shared<const std::string>(std::move(*content));
  return File{resolved.filename().string(), etag_of(*owned), *owned, {}, {}, owned};
}

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
      {".webmanifest", "application/manifest+json"},
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
  std::optional<std::string> relative = relative_path(request.path);
  if (!relative) return not_found();
  std::optional<File> file = find(*relative);
  if (!file && is_deep_link(*relative)) file = find("");
  if (!file) return not_found();

  Response response;
  response.content_type = std::string(content_type_for(file->name));
  bool hashed_asset = relative->starts_with("assets/");
  response.headers = {
      {"etag", file->etag},
      {"cache-control", hashed_asset ? "public, max-age=31536000, immutable" : "no-cache"},
      {"x-content-type-options", "nosniff"},
      {"content-security-policy", std::string(kContentSecurityPolicy)},
      {"referrer-policy", "same-origin"},
      {"vary", "accept-encoding"},
  };
  if (not_modified(request, file->etag)) {
    response.status = 304;
    response.content_type.clear();
    return response;
  }
  std::string_view body = file->identity;
  if (!file->brotli.empty() && accepts(request, "br")) {
    body = file->brotli;
    response.headers.push_back({"content-encoding", "br"});
  } else if (!file->gzip.empty() && accepts(request, "gzip")) {
    body = file->gzip;
    response.headers.push_back({"content-encoding", "gzip"});
  }
  response.body = std::string(body);
  response.omit_body = request.method == "HEAD";
  return response;
}

}  // namespace ledgerline::http
