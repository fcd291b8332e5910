// Value storage: inline small strings, reference-counted immutable heap nodes, interned keys.
#include "util/value.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <memory>
#include <mutex>
#include <new>
#include <unordered_map>

namespace ledgerline {
namespace detail {

struct InternedKey {
  std::uint32_t length;
  char data[1];
  std::string_view view() const { return {data, length}; }
};

static_assert(sizeof(Node) == 8);
static_assert(sizeof(Value) == 16);
static_assert(sizeof(Member) == 24);

namespace {

constexpr std::size_t kInlineMax = 14;

struct KeyTable {
  std::mutex mutex;
  std::unordered_map<std::string_view, InternedKey*> keys;
};

KeyTable& key_table() {
  static KeyTable* table = new KeyTable();  // never destroyed: keys outlive static values
  return *table;
}

}  // namespace

Node* Node::allocate(std::size_t payload_bytes, std::uint32_t size) {
  void* raw = ::operator new(sizeof(Node) + payload_bytes);
  Node* node = static_cast<Node*>(raw);
  new (&node->refs) std::atomic<std::uint32_t>(1);
  node->size = size;
  return node;
}

}  // namespace detail

using detail::Node;

// ---- Key ----

Key Key::intern(std::string_view name) {
  thread_local std::unordered_map<std::string_view, const detail::InternedKey*> cache;
  if (auto it = cache.find(name); it != cache.end()) return Key(it->second);
  auto& table = detail::key_table();
  const detail::InternedKey* found;
  {
    std::lock_guard lock(table.mutex);
    auto it = table.keys.find(name);
    if (it != table.keys.end()) {
      found = it->second;
    } else {
      void* raw = ::operator new(sizeof(detail::InternedKey) + name.size());
      auto* key = static_cast<detail::InternedKey*>(raw);
      key->length = static_cast<std::uint32_t>(name.size());
      std::memcpy(key->data, name.data(), name.size());
      key->data[name.size()] = '\0';
      table.keys.emplace(key->view(), key);
      found = key;
    }
  }
  if (cache.size() < 65536) cache.emplace(found->view(), found);
  return Key(found);
}

std::string_view Key::str() const {
  return p_ ? p_->view() : std::string_view();
}

// ---- Value basics ----

void Value::set_node(Kind kind, Node* node) {
  std::memset(bytes_, 0, sizeof bytes_);
  bytes_[0] = static_cast<unsigned char>(kind);
  if (kind == Kind::String) bytes_[1] = 0xff;
  std::memcpy(bytes_ + 8, &node, sizeof node);
}

void Value::destroy_node() noexcept {
  Node* n = node();
  Kind k = kind();
  if (k == Kind::Array) {
    for (std::uint32_t i = 0; i < n->size; ++i) n->items()[i].~Value();
  } else if (k == Kind::Object) {
    for (std::uint32_t i = 0; i < n->size; ++i) n->members()[i].~Member();
  }
  n->refs.~atomic();
  ::operator delete(n);
}

Value Value::boolean(bool b) {
  Value v;
  v.bytes_[0] = static_cast<unsigned char>(Kind::Bool);
  v.bytes_[8] = b ? 1 : 0;
  return v;
}

Value Value::number(double n) {
  Value v;
  v.bytes_[0] = static_cast<unsigned char>(Kind::Number);
  std::memcpy(v.bytes_ + 8, &n, sizeof n);
  return v;
}

Value Value::string(std::string_view s) {
  Value v;
  if (s.size() <= detail::kInlineMax) {
    v.bytes_[0] = static_cast<unsigned char>(Kind::String);
    v.bytes_[1] = static_cast<unsigned char>(s.size());
    if (!s.empty()) std::memcpy(v.bytes_ + 2, s.data(), s.size());
    return v;
  }
  Node* n = Node::allocate(s.size(), static_cast<std::uint32_t>(s.size()));
  std::memcpy(n->chars(), s.data(), s.size());
  v.set_node(Kind::String, n);
  return v;
}

Value Value::array(std::vector<Value> items) {
  Node* n = Node::allocate(items.size() * sizeof(Value), static_cast<std::uint32_t>(items.size()));
  for (std::size_t i = 0; i < items.size(); ++i) new (&n->items()[i]) Value(std::move(items[i]));
  Value v;
  v.set_node(Kind::Array, n);
  return v;
}

Value Value::object(std::vector<Member> members) {
  // Deduplicate keys: last value wins, position of the first.
  if (members.size() > 1) {
    bool duplicate = false;
    if (members.size() <= 16) {
      for (std::size_t i = 1; i < members.size() && !duplicate; ++i)
        for (std::size_t j = 0; j < i; ++j)
          if (members[i].key == members[j].key) {
            duplicate = true;
            break;
          }
    } else {
      std::vector<Key> keys;
      keys.reserve(members.size());
      for (auto& m : members) keys.push_back(m.key);
      std::sort(keys.begin(), keys.end(), [](Key a, Key b) { return a.hash() < b.hash(); });
      duplicate = std::adjacent_find(keys.begin(), keys.end()) != keys.end();
    }
    if (duplicate) {
      ObjectBuilder builder;
      for (auto& m : members) builder.set(m.key, std::move(m.value));
      return builder.build();
    }
  }
  Node* n =
      Node::allocate(members.size() * sizeof(Member), static_cast<std::uint32_t>(members.size()));
  for (std::size_t i = 0; i < members.size(); ++i)
    new (&n->members()[i]) Member{members[i].key, std::move(members[i].value)};
  Value v;
  v.set_node(Kind::Object, n);
  return v;
}

Value Value::empty_array() {
  return array(std::vector<Value>{});
}
Value Value::empty_object() {
  return object(std::vector<Member>{});
}

bool Value::as_bool() const {
  return kind() == Kind::Bool && bytes_[8] != 0;
}

double Value::as_number() const {
  if (kind() != Kind::Number) return 0;
  double n;
  std::memcpy(&n, bytes_ + 8, sizeof n);
  return n;
}

std::size_t Value::size() const {
  switch (kind()) {
    case Kind::String:
      return as_string().size();
    case Kind::Array:
    case Kind::Object:
      return node()->size;
    default:
      return 0;
  }
}

const Value* Value::find(std::string_view key) const {
  for (const Member& m : as_object())
    if (m.key.str() == key) return &m.value;
  return nullptr;
}

const Value& null_value() {
  static const Value* v = new Value();  // never destroyed: readers may outlive static teardown
  return *v;
}

const Value& Value::get(std::string_view key) const {
  const Value* v = find(key);
  return v ? *v : null_value();
}

Value Value::with(Key key, Value value) const {
  ObjectBuilder builder(*this);
  builder.set(key, std::move(value));
  return builder.build();
}

Value Value::without(Key key) const {
  ObjectBuilder builder(*this);
  builder.remove(key);
  return builder.build();
}

Value Value::with_index(std::size_t i, Value v) const {
  auto items = as_array();
  std::vector<Value> copy(items.begin(), items.end());
  if (i < copy.size()) copy[i] = std::move(v);
  return array(std::move(copy));
}

bool Value::same_node(const Value& other) const {
  return has_node() && other.has_node() && node() == other.node();
}

bool Value::operator==(const Value& other) const {
  if (kind() != other.kind()) return false;
  switch (kind()) {
    case Kind::Null:
      return true;
    case Kind::Bool:
      return as_bool() == other.as_bool();
    case Kind::Number:
      return as_number() == other.as_number();
    case Kind::String:
      return as_string() == other.as_string();
    case Kind::Array: {
      if (same_node(other)) return true;
      auto a = as_array(), b = other.as_array();
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i]) return false;
      return true;
    }
    case Kind::Object: {
      if (same_node(other)) return true;
      auto a = as_object();
      if (a.size() != other.size()) return false;
      for (const Member& m : a) {
        const Value* o = other.find(m.key);
        if (!o || *o != m.value) return false;
      }
      return true;
    }
  }
  return false;
}

std::size_t Value::heap_bytes() const {
  if (!has_node()) return 0;
  switch (kind()) {
    case Kind::String:
      return sizeof(Node) + size();
    case Kind::Array: {
      std::size_t total = sizeof(Node) + size() * sizeof(Value);
      for (const Value& v : as_array()) total += v.heap_bytes();
      return total;
    }
    case Kind::Object: {
      std::size_t total = sizeof(Node) + size() * sizeof(Member);
      for (const Member& m : as_object()) total += m.value.heap_bytes();
      return total;
    }
    default:
      return 0;
  }
}

// ---- JSON writing ----

void write_json_number(std::string& out, double n) {
  if (!std::isfinite(n)) {
    out += "null";
    return;
  }
  if (n == 0) {
    out += '0';
    return;
  }
  char buf[32];
  if (std::fabs(n) < 1e21 && n == std::trunc(n)) {
    if (std::fabs(n) < 9.2e18) {  // within long long: convert exactly
      auto r = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(n));
      out.append(buf, r.ptr);
      return;
    }
    // As JavaScript prints it: the shortest round-trip digits, padded with zeros.
    auto r2 = std::to_chars(buf, buf + sizeof buf, n, std::chars_format::scientific);
    std::string_view text(buf, static_cast<std::size_t>(r2.ptr - buf));
    std::size_t e = text.find('e');
    int exponent = 0;
    std::size_t sign = text[e + 1] == '+' ? e + 2 : e + 1;
    std::from_chars(text.data() + sign, text.data() + text.size(), exponent);
    std::string digits;
    for (char c : text.substr(0, e))
      if (c != '.') digits += c;
    if (digits[0] == '-') {
      out += '-';
      digits.erase(0, 1);
    }
    out += digits;
    out.append(static_cast<std::size_t>(exponent + 1) - digits.size(), '0');
    return;
  }
  auto r = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, r.ptr);
}

void write_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

void Value::write_json(std::string& out) const {
  switch (kind()) {
    case Kind::Null:
      out += "null";
      break;
    case Kind::Bool:
      out += as_bool() ? "true" : "false";
      break;
    case Kind::Number:
      write_json_number(out, as_number());
      break;
    case Kind::String:
      write_json_string(out, as_string());
      break;
    case Kind::Array: {
      out += '[';
      bool first = true;
      for (const Value& v : as_array()) {
        if (!first) out += ',';
        first = false;
        v.write_json(out);
      }
      out += ']';
      break;
    }
    case Kind::Object: {
      out += '{';
      bool first = true;
      for (const Member& m : as_object()) {
        if (!first) out += ',';
        first = false;
        write_json_string(out, m.key.str());
        out += ':';
        m.value.write_json(out);
      }
      out += '}';
      break;
    }
  }
}

std::string Value::to_json() const {
  std::string out;
  write_json(out);
  return out;
}

// ---- ObjectBuilder ----

ObjectBuilder::ObjectBuilder(const Value& object) {
  auto members = object.as_object();
  members_.assign(members.begin(), members.end());
}

ObjectBuilder& ObjectBuilder::set(Key key, Value value) {
  for (Member& m : members_) {
    if (m.key == key) {
      m.value = std::move(value);
      return *this;
    }
  }
  members_.push_back(Member{key, std::move(value)});
  return *this;
}

bool ObjectBuilder::remove(Key key) {
  auto it =
      std::find_if(members_.begin(), members_.end(), [&](const Member& m) { return m.key == key; });
  if (it == members_.end()) return false;
  members_.erase(it);
  return true;
}

const Value* ObjectBuilder::find(Key key) const {
  for (const Member& m : members_)
    if (m.key == key) return &m.value;
  return nullptr;
}

Value ObjectBuilder::build() {
  Node* n =
      Node::allocate(members_.size() * sizeof(Member), static_cast<std::uint32_t>(members_.size()));
  for (std::size_t i = 0; i < members_.size(); ++i)
    new (&n->members()[i]) Member{members_[i].key, std::move(members_[i].value)};
  members_.clear();
  Value v;
  v.set_node(Kind::Object, n);
  return v;
}

}  // namespace ledgerline
