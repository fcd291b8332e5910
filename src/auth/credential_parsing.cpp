#include "auth/credential_parsing.h"

#include "util/json.h"

namespace ledgerline::auth {
namespace {

bool is_token68_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string_view> bearer_token(std::string_view authorization) {
  authorization = trim(authorization);
  std::size_t space = authorization.find(' ');
  if (space == std::string_view::npos || !iequals(authorization.substr(0, space), "bearer")) {
    return std::nullopt;
  }
  std::string_view token = trim(authorization.substr(space + 1));
  if (token.empty() || token.size() > kMaxSecretLength) return std::nullopt;
  for (char c : token) {
    if (!is_token68_char(c)) return std::nullopt;
  }
  return token;
}

std::optional<std::string_view> cookie_value(std::string_view cookie_header,
                                             std::string_view name) {
  while (!cookie_header.empty()) {
    std::size_t end = cookie_header.find(';');
    std::string_view pair = trim(cookie_header.substr(0, end));
    cookie_header =
        end == std::string_view::npos ? std::string_view() : cookie_header.substr(end + 1);
    std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos || trim(pair.substr(0, equals)) != name) continue;
    std::string_view value = trim(pair.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (value.empty() || value.size() > kMaxSecretLength) return std::nullopt;
    return value;
  }
  return std::nullopt;
}

Result<std::string> normalize_email(std::string_view email) {
  email = trim(email);
  auto bad = [] {
    return Error::invalid("\"email\" must be an email address such as name@example.com");
  };
  if (email.empty() || email.size() > kMaxEmailLength) return bad();
  std::size_t at = email.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == email.size() ||
      email.find('@', at + 1) != std::string_view::npos) {
    return bad();
  }
  std::string normalized;
  normalized.reserve(email.size());
  for (char c : email) {
    auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f) return bad();
    normalized += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return normalized;
}

Status check_new_password(std::string_view password, std::string_view field) {
  if (password.size() < 3 || password.size() > kMaxPasswordLength) {
    return Error::invalid("\"" + std::string(field) + "\" must be 3 to " +
                          std::to_string(kMaxPasswordLength) + " bytes long");
  }
  return Status::success();
}

Result<LoginRequest> parse_login_body(std::string_view body) {
  Result<Value> parsed = parse_json(body);
  if (!parsed.ok() || !parsed->is_object()) {
    return Error::invalid("The body must be a JSON object {\"email\": ..., \"password\": ...}");
  }
  const Value& email = parsed->get("email");
  const Value& password = parsed->get("password");
  if (!email.is_string()) return Error::invalid("\"email\" is required and must be a string");
  if (!password.is_string() || password.as_string().empty()) {
    return Error::invalid("\"password\" is required and must be a non-empty string");
  }
  if (password.as_string().size() > kMaxPasswordLength) {
    return Error::invalid("\"password\" is longer than " + std::to_string(kMaxPasswordLength) +
                          " bytes");
  }
  Result<std::string> normalized = normalize_email(email.as_string());
  if (!normalized.ok()) return std::move(normalized).error();
  return LoginRequest{std::move(*normalized), std::string(password.as_string())};
}

std::string session_cookie(std::string_view secret, std::chrono::seconds max_age, bool secure) {
  std::string cookie(kSessionCookieName);
  cookie += '=';
  cookie += secret;
  cookie += "; Path=/; Max-Age=" + std::to_string(max_age.count()) + "; HttpOnly; SameSite=Lax";
  if (secure) cookie += "; Secure";
  return cookie;
}

std::string cleared_session_cookie(bool secure) {
  std::string cookie(kSessionCookieName);
  cookie += "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax";
  if (secure) cookie += "; Secure";
  return cookie;
}

}  // namespace ledgerline::auth
