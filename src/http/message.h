// Plain HTTP request/response values exchanged between the server (sessions, src/http) and the
// endpoints (src/http/api). No Beast types here: endpoints never see sockets.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/identity.h"
#include "http/stream.h"

namespace ledgerline::http {

// Who is calling (src/auth/identity.h): anonymous until the door keeper resolves a session
// cookie or bearer token; the read rule for a request is derived from this one slot.
using auth::Identity;

struct Header {
  std::string name;  // lower-case
  std::string value;
};

struct Request {
  std::string method;                                      // upper-case, e.g. "GET"
  std::string target;                                      // as received: path ?query
  std::string path;                                        // raw path (still percent-encoded)
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::vector<Header> headers;                             // names lower-case
  std::string body;
  std::string remote_address;  // peer IP
  Identity identity;
  // Captures of the matched route (e.g. "dataset", "ids"), percent-decoded.
  std::map<std::string, std::string, std::less<>> params;

  // The first header with this (lower-case) name, or nullptr.
  const std::string* header(std::string_view name) const;
  // The first query parameter with this name, or nullptr.
  const std::string* query_param(std::string_view name) const;
  // A route capture, or "" when absent.
  std::string_view param(std::string_view name) const;
  // True when the query parameter is present with value "true" (or empty, as in `?flag`).
  bool flag(std::string_view name) const;
};

// Produces a long body piece by piece (sent with chunked encoding). next() is called on an
// I/O thread, one call at a time; it appends the next piece (keep it well under a MiB) to
// `out` and returns true while more may follow (false: what it appended, possibly nothing, is
// the last piece). It must not block.
class BodyStream {
 public:
  virtual ~BodyStream() = default;
  virtual bool next(std::string& out) = 0;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<Header> headers;  // extra headers
  std::string body;
  // When set, the response is a Server-Sent Events stream (see stream.h); `body` is ignored.
  std::shared_ptr<EventStream> stream;
  // When set, the body is pulled from it and sent chunked; `body` is ignored.
  std::shared_ptr<BodyStream> chunks;
  // The answer to a HEAD request: the headers, with the Content-Length of `body`, and no body.
  bool omit_body = false;

  static Response json(int status, std::string body) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
  }
};

// Completes a request. Call exactly once, from any thread; the session resumes on its own
// executor.
using Respond = std::function<void(Response)>;

}  // namespace ledgerline::http
