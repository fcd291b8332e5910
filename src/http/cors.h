// CORS for the configured origins (`--cors-origin`, repeatable; "*" allows any origin): answers
// preflight requests and adds Access-Control-Allow-Origin/-Credentials to responses.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "http/message.h"

namespace ledgerline::http {

class Cors {
 public:
  explicit Cors(std::vector<std::string> allowed_origins);

  // For an OPTIONS preflight (Origin + Access-Control-Request-Method): the 204 answer.
  // nullopt for any other request.
  std::optional<Response> preflight(const Request& request) const;
  // Adds the allow headers to `response` when the request's Origin is allowed.
  void decorate(const Request& request, Response& response) const;

 private:
  bool allowed(const std::string& origin) const;
  std::vector<std::string> origins_;
};

}  // namespace ledgerline::http
