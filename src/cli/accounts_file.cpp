#include "cli/accounts_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "auth/identity.h"
#include "util/json.h"
#include "util/value.h"

namespace ledgerline::cli {
namespace {

constexpr std::string_view kFormat = "ledgerline-accounts";
constexpr double kVersion = 1;

Value millis(std::int64_t ms) {
  return Value::number(static_cast<double>(ms));
}

Value user_json(const storage::UserCredentials& user) {
  return Value::object({{Key::intern("id"), Value::string(user.user_id)},
                        {Key::intern("email"), Value::string(user.email)},
                        {Key::intern("role"), Value::string(user.role)},
                        {Key::intern("active"), Value::boolean(user.active)},
                        {Key::intern("passwordHash"), Value::string(user.password_hash)},
                        {Key::intern("createdMs"), millis(user.created_ms)}});
}

Value token_json(const storage::TokenRecord& token) {
  return Value::object({{Key::intern("id"), Value::string(token.token_id)},
                        {Key::intern("userId"), Value::string(token.user_id)},
                        {Key::intern("label"), Value::string(token.label)},
                        {Key::intern("hash"), Value::string(token.hash)},
                        {Key::intern("createdMs"), millis(token.created_ms)},
                        {Key::intern("lastUsedMs"), millis(token.last_used_ms)},
                        {Key::intern("revoked"), Value::boolean(token.revoked)}});
}

// Reads the fields of one entry ("users[3]"), keeping the first problem; finish() reports it.
class EntryReader {
 public:
  EntryReader(const Value& entry, std::string where) : entry_(entry), where_(std::move(where)) {
    if (!entry.is_object()) error_ = where_ + ": must be an object";
  }

  std::string text(std::string_view key, bool may_be_empty = false) {
    const Value& field = entry_.get(key);
    if (!field.is_string()) return fail(key, "must be a string"), "";
    if (!may_be_empty && field.as_string().empty()) return fail(key, "must not be empty"), "";
    return std::string(field.as_string());
  }
  bool flag(std::string_view key) {
    const Value& field = entry_.get(key);
    if (!field.is_bool()) fail(key, "must be true or false");
    return field.as_bool();
  }
  std::int64_t ms(std::string_view key) {
    const Value& field = entry_.get(key);
    double n = field.as_number();
    if (!field.is_number() || n < 0 || n > 9007199254740992.0 || std::floor(n) != n) {
      fail(key, "must be a whole number of milliseconds (0 or more)");
    }
    return static_cast<std::int64_t>(n);
  }
  void fail(std::string_view key, std::string_view problem) {
    if (error_.empty()) error_ = where_ + "." + std::string(key) + ": " + std::string(problem);
  }
  Status finish(std::initializer_list<std::string_view> known) {
    for (const Member& member : entry_.as_object()) {
      if (std::find(known.begin(), known.end(), member.key.str()) == known.end()) {
        fail(member.key.str(), "unknown field");
      }
    }
    if (error_.empty()) return Status::success();
    return Error::invalid("accounts file: " + error_);
  }

 private:
  const Value& entry_;
  std::string where_;
  std::string error_;
};

bool is_lower_hex(std::string_view text, std::size_t length) {
  return text.size() == length &&
         text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

Result<storage::UserCredentials> read_user(const Value& entry, const std::string& where) {
  EntryReader reader(entry, where);
  storage::UserCredentials user;
  user.user_id = reader.text("id");
  user.email = reader.text("email");
  user.role = reader.text("role");
  user.active = reader.flag("active");
  user.password_hash = reader.text("passwordHash", /*may_be_empty=*/true);
  user.created_ms = reader.ms("createdMs");
  std::string lowered = user.email;
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lowered != user.email || user.email.find('@') == std::string::npos) {
    reader.fail("email", "must be a lower-case email address");
  }
  if (!auth::parse_user_role(user.role)) reader.fail("role", "must be admin or customer");
  if (!user.password_hash.empty() && user.password_hash.rfind("$argon2id$", 0) != 0) {
    reader.fail("passwordHash", "must be an argon2id hash ($argon2id$...) or empty");
  }
  Status status = reader.finish({"id", "email", "role", "active", "passwordHash", "createdMs"});
  if (!status) return std::move(status).error();
  return user;
}

Result<storage::TokenRecord> read_token(const Value& entry, const std::string& where) {
  EntryReader reader(entry, where);
  storage::TokenRecord token;
  token.token_id = reader.text("id");
  token.user_id = reader.text("userId");
  token.label = reader.text("label", /*may_be_empty=*/true);
  token.hash = reader.text("hash");
  token.created_ms = reader.ms("createdMs");
  token.last_used_ms = reader.ms("lastUsedMs");
  token.revoked = reader.flag("revoked");
  if (!is_lower_hex(token.hash, 64)) reader.fail("hash", "must be 64 lower-case hex digits");
  Status status =
      reader.finish({"id", "userId", "label", "hash", "createdMs", "lastUsedMs", "revoked"});
  if (!status) return std::move(status).error();
  return token;
}

// Every entry of the array `key` of the file, read by `read_entry`; a repeated value of any of
// `unique` (projections of an entry) is refused.
template <class Entry, class ReadEntry>
Result<std::vector<Entry>> read_entries(
    const Value& file, std::string_view key, ReadEntry read_entry,
    std::initializer_list<std::pair<std::string_view, std::string Entry::*>> unique) {
  const Value& array = file.get(key);
  if (!array.is_array()) {
    return Error::invalid("accounts file: \"" + std::string(key) + "\" must be an array");
  }
  std::vector<Entry> entries;
  std::set<std::pair<std::string_view, std::string>> seen;
  for (std::size_t i = 0; i < array.size(); ++i) {
    std::string where = std::string(key) + "[" + std::to_string(i) + "]";
    Result<Entry> entry = read_entry(array.as_array()[i], where);
    if (!entry.ok()) return std::move(entry).error();
    for (const auto& [field, member] : unique) {
      if (!seen.emplace(field, (*entry).*member).second) {
        return Error::invalid("accounts file: " + where + "." + std::string(field) +
                              ": a second entry with the same value");
      }
    }
    entries.push_back(std::move(*entry));
  }
  return entries;
}

}  // namespace

Status write_accounts_file(const Accounts& accounts, const std::string& path) {
  std::vector<Value> users;
  for (const auto& user : accounts.users) users.push_back(user_json(user));
  std::vector<Value> tokens;
  for (const auto& token : accounts.tokens) tokens.push_back(token_json(token));
  std::string text = Value::object({{Key::intern("format"), Value::string(kFormat)},
                                    {Key::intern("version"), Value::number(kVersion)},
                                    {Key::intern("users"), Value::array(std::move(users))},
                                    {Key::intern("tokens"), Value::array(std::move(tokens))}})
                         .to_json() +
                     "\n";
  // Created 0600 from the start (never readable by others, not even briefly), then renamed.
  std::string temporary = path + ".tmp";
  ::unlink(temporary.c_str());
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Error::invalid("cannot write " + temporary);
  bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                 ::fsync(fd) == 0;
  written = ::close(fd) == 0 && written;
  if (!written || std::rename(temporary.c_str(), path.c_str()) != 0) {
    ::unlink(temporary.c_str());
    return Error::internal("cannot write " + path);
  }
  return Status::success();
}

Result<Accounts> read_accounts_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::invalid("cannot read the accounts file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  // The parser's message names a byte offset, never the text (which holds hashes).
  Result<Value> file = parse_json(text.str());
  if (!file.ok()) return Error::invalid("accounts file: not JSON: " + file.error().message);
  if (file->get("format").as_string() != kFormat || file->get("version").as_number() != kVersion) {
    return Error::invalid("accounts file: not a ledgerline-accounts file of version 1");
  }
  Accounts accounts;
  auto users = read_entries<storage::UserCredentials>(
      *file, "users", read_user,
      {{"id", &storage::UserCredentials::user_id}, {"email", &storage::UserCredentials::email}});
  if (!users.ok()) return std::move(users).error();
  accounts.users = std::move(*users);
  auto tokens = read_entries<storage::TokenRecord>(
      *file, "tokens", read_token,
      {{"id", &storage::TokenRecord::token_id}, {"hash", &storage::TokenRecord::hash}});
  if (!tokens.ok()) return std::move(tokens).error();
  accounts.tokens = std::move(*tokens);
  std::set<std::string> user_ids;
  for (const auto& user : accounts.users) user_ids.insert(user.user_id);
  for (std::size_t i = 0; i < accounts.tokens.size(); ++i) {
    if (!user_ids.contains(accounts.tokens[i].user_id)) {
      return Error::invalid("accounts file: tokens[" + std::to_string(i) +
                            "].userId: no user with this id in the file");
    }
  }
  return accounts;
}

}  // namespace ledgerline::cli
