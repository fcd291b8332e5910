// The door keeper: the one authenticate step before dispatch. For every request that matched a
// route it resolves the caller (bearer token or session cookie, via auth::Auth) into
// request.identity, then enforces the route's declared Access:
//   public         anyone; a credential that is not accepted just leaves the caller anonymous
//   authenticated  401 without a valid credential
//   admin          401 without one, 403 for a customer
// and, for a state-changing request (not GET/HEAD/OPTIONS) authenticated by the cookie, CSRF:
// the X-CSRF-Token header must be the session's token and the Origin header must be this
// server's origin (the --public-url's, else the Host header's). Bearer requests need neither:
// a browser never attaches a bearer token on its own.
#pragma once

#include <string>

#include "auth/auth.h"
#include "http/router.h"

namespace ledgerline::http {

// `auth` must outlive the router. `public_origin`: "https://shop.example.com" (scheme, host and
// port of --public-url), or "" to compare the Origin header with the Host header.
DoorKeeper make_door_keeper(auth::Auth& auth, std::string public_origin);

// "scheme://host[:port]" of a URL ("" when it has none).
std::string origin_of(std::string_view url);

}  // namespace ledgerline::http
