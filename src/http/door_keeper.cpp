#include "http/door_keeper.h"

#include "auth/credential_parsing.h"
#include "auth/secrets.h"

namespace ledgerline::http {
namespace {

bool changes_state(std::string_view method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

Error csrf_refused(std::string_view why) {
  return Error::permission_denied(
      "Cross-site request refused: " + std::string(why) +
          " (a request made with the session cookie must come from this site and carry the "
          "X-CSRF-Token header that login and /api/v1/auth/me return)",
      "csrfRefused");
}

Status check_csrf(const Request& request, const std::string& public_origin) {
  const std::string* origin = request.header("origin");
  if (origin == nullptr) return csrf_refused("no Origin header");
  if (!public_origin.empty()) {
    if (*origin != public_origin) return csrf_refused("the Origin is another site");
  } else {
    const std::string* host = request.header("host");
    std::size_t scheme_end = origin->find("://");
    if (host == nullptr || scheme_end == std::string::npos ||
        origin->substr(scheme_end + 3) != *host) {
      return csrf_refused("the Origin is another site");
    }
  }
  const std::string* token = request.header("x-csrf-token");
  const std::string* cookie = request.header("cookie");
  std::optional<std::string_view> secret =
      cookie ? auth::cookie_value(*cookie) : std::optional<std::string_view>();
  if (token == nullptr || !secret ||
      !auth::constant_time_equal(*token, auth::Sessions::csrf_token_for(*secret))) {
    return csrf_refused("missing or wrong X-CSRF-Token");
  }
  return Status::success();
}

}  // namespace

std::string origin_of(std::string_view url) {
  std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return "";
  std::size_t path = url.find('/', scheme_end + 3);
  return std::string(url.substr(0, path));
}

DoorKeeper make_door_keeper(auth::Auth& auth, std::string public_origin) {
  return
      [&auth, public_origin = std::move(public_origin)](Request& request, Access access) -> Status {
        auth::PresentedCredentials presented;
        if (const std::string* header = request.header("authorization")) {
          presented.authorization = *header;
        }
        if (const std::string* header = request.header("cookie")) presented.cookie = *header;
        Result<auth::Identity> identity = auth.authenticate(presented);
        if (!identity.ok()) {
          request.identity = auth::Identity{};
          if (access == Access::kPublic) return Status::success();
          return std::move(identity).error();
        }
        request.identity = std::move(*identity);
        if (access == Access::kPublic) return Status::success();
        if (!request.identity.authenticated()) {
          return Error::unauthenticated(
              "Authentication required: send \"Authorization: Bearer TOKEN\" or log in");
        }
        if (request.identity.credential == auth::CredentialKind::kSession &&
            changes_state(request.method)) {
          if (Status s = check_csrf(request, public_origin); !s) return s;
        }
        if (access == Access::kAdmin && !request.identity.is_admin()) {
          return Error::permission_denied("This needs the admin role");
        }
        return Status::success();
      };
}

}  // namespace ledgerline::http
