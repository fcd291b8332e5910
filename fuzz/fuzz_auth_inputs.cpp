// Fuzzes what a caller sends to authenticate: the Authorization header, the Cookie header and
// the login body (the first byte picks which; the rest is the text). Parsing must never crash,
// and what it accepts must hold its contract: a bearer token of token68 characters within the
// length bound, a cookie value within the bound, a login email that is normalized (lower case,
// one '@', no spaces) and a password within the bound.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "auth/credential_parsing.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ledgerline::auth;
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0:
      if (auto token = bearer_token(text)) {
        check(!token->empty() && token->size() <= kMaxSecretLength);
        check(token->find(' ') == std::string_view::npos);
      }
      break;
    case 1:
      if (auto value = cookie_value(text)) {
        check(!value->empty() && value->size() <= kMaxSecretLength);
        check(value->find(';') == std::string_view::npos);
      }
      break;
    case 2:
      if (auto login = parse_login_body(text); login.ok()) {
        check(!login->password.empty() && login->password.size() <= kMaxPasswordLength);
        check(login->email.find('@') != std::string::npos);
        for (char c : login->email) check(!(c >= 'A' && c <= 'Z') && c != ' ');
        auto again = normalize_email(login->email);
        check(again.ok() && *again == login->email);
      }
      break;
  }
  return 0;
}
