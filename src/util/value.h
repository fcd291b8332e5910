// Value: the immutable JSON value every layer shares (documents, GROQ values, events).
// 16 bytes; strings up to 14 bytes live inline, larger strings/arrays/objects live in
// reference-counted immutable heap nodes, so copying is cheap and a changed document shares
// every part it did not touch. Object keys are interned (Key) so lookups compare pointers.
// Values are safe to share between threads (atomic reference counts, never mutated in place).
#pragma once

#include <atomic>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ledgerline {

class Value;
struct Member;

namespace detail {
struct InternedKey;
// A heap node: reference count and size, then the payload (a string's bytes, an array's items
// or an object's members). Declared here so copies and string reads compile inline.
struct Node {
  std::atomic<std::uint32_t> refs;
  std::uint32_t size;

  void* payload() { return reinterpret_cast<char*>(this) + sizeof(Node); }
  char* chars() { return static_cast<char*>(payload()); }
  Value* items() { return static_cast<Value*>(payload()); }
  Member* members() { return static_cast<Member*>(payload()); }
  static Node* allocate(std::size_t payload_bytes, std::uint32_t size);
};
}  // namespace detail

// Key: an interned object key. Equal strings give the same Key; interned keys live forever.
class Key {
 public:
  Key() : p_(nullptr) {}
  static Key intern(std::string_view name);
  std::string_view str() const;
  bool operator==(const Key& other) const { return p_ == other.p_; }
  bool operator!=(const Key& other) const { return p_ != other.p_; }
  bool empty_key() const { return p_ == nullptr; }
  std::size_t hash() const { return reinterpret_cast<std::uintptr_t>(p_) >> 3; }

 private:
  explicit Key(const detail::InternedKey* p) : p_(p) {}
  const detail::InternedKey* p_;
};

// Kind order is the GROQ/JSON type order used for sorting mixed values.
enum class Kind : std::uint8_t { Null, Bool, Number, String, Array, Object };

class Value {
 public:
  Value() noexcept { std::memset(bytes_, 0, sizeof bytes_); }
  Value(const Value& other) noexcept;
  Value(Value&& other) noexcept;
  Value& operator=(const Value& other) noexcept;
  Value& operator=(Value&& other) noexcept;
  ~Value();

  static Value null() { return Value(); }
  static Value boolean(bool b);
  static Value number(double n);
  static Value string(std::string_view s);
  static Value array(std::vector<Value> items);
  static Value array(std::initializer_list<Value> items) {
    return array(std::vector<Value>(items));
  }
  // Members with duplicate keys: the last one wins, at the position of the first.
  static Value object(std::vector<Member> members);
  static Value empty_array();
  static Value empty_object();

  Kind kind() const { return static_cast<Kind>(bytes_[0]); }
  bool is_null() const { return kind() == Kind::Null; }
  bool is_bool() const { return kind() == Kind::Bool; }
  bool is_number() const { return kind() == Kind::Number; }
  bool is_string() const { return kind() == Kind::String; }
  bool is_array() const { return kind() == Kind::Array; }
  bool is_object() const { return kind() == Kind::Object; }

  // Accessors; calling one on the wrong kind returns false / 0 / "" / empty.
  bool as_bool() const;
  double as_number() const;
  std::string_view as_string() const;
  std::span<const Value> as_array() const;
  std::span<const Member> as_object() const;
  std::size_t size() const;  // elements, members, or bytes of a string; 0 otherwise

  // Object member lookup; nullptr when absent or when this is not an object.
  const Value* find(Key key) const;
  const Value* find(std::string_view key) const;
  // Object member or null.
  const Value& get(Key key) const;
  const Value& get(std::string_view key) const;

  // Copies with one change (structural sharing of everything else).
  Value with(Key key, Value value) const;          // object: set member (appended if new)
  Value without(Key key) const;                    // object: drop member
  Value with_index(std::size_t i, Value v) const;  // array: replace element i

  // Deep JSON equality (numbers by value, objects regardless of member order).
  bool operator==(const Value& other) const;
  bool operator!=(const Value& other) const { return !(*this == other); }
  // Same heap node (cheap identity check used to detect untouched subtrees).
  bool same_node(const Value& other) const;

  std::string to_json() const;
  void write_json(std::string& out) const;
  // Approximate heap bytes owned by this value (shared nodes counted each time).
  std::size_t heap_bytes() const;

 private:
  friend struct detail::Node;
  friend class ObjectBuilder;
  detail::Node* node() const;
  void set_node(Kind kind, detail::Node* node);
  void release() noexcept;
  void destroy_node() noexcept;  // frees node(): the last reference went away
  void retain() const noexcept;
  bool has_node() const;

  alignas(8) unsigned char bytes_[16];  // [0]=kind [1]=inline length [2..15]=inline chars
                                        // or [8..15]=double / node pointer
};

struct Member {
  Key key;
  Value value;
};

// Builds objects incrementally (set replaces an existing key in place).
class ObjectBuilder {
 public:
  ObjectBuilder() = default;
  explicit ObjectBuilder(const Value& object);  // starts from an object's members
  ObjectBuilder& set(Key key, Value value);
  ObjectBuilder& set(std::string_view key, Value value) {
    return set(Key::intern(key), std::move(value));
  }
  bool remove(Key key);
  const Value* find(Key key) const;
  std::size_t size() const { return members_.size(); }
  Value build();

 private:
  std::vector<Member> members_;
};

// The one shared null Value, for functions that return a `const Value&` to something absent.
const Value& null_value();

// ---- inline hot paths (copies, releases, member and string reads) ----

inline bool Value::has_node() const {
  Kind k = kind();
  return (k == Kind::String && bytes_[1] == 0xff) || k == Kind::Array || k == Kind::Object;
}

inline detail::Node* Value::node() const {
  detail::Node* n;
  std::memcpy(&n, bytes_ + 8, sizeof n);
  return n;
}

inline void Value::retain() const noexcept {
  if (has_node()) node()->refs.fetch_add(1, std::memory_order_relaxed);
}

inline void Value::release() noexcept {
  if (!has_node()) return;
  if (node()->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) destroy_node();
}

inline Value::Value(const Value& other) noexcept {
  std::memcpy(bytes_, other.bytes_, sizeof bytes_);
  retain();
}

inline Value::Value(Value&& other) noexcept {
  std::memcpy(bytes_, other.bytes_, sizeof bytes_);
  std::memset(other.bytes_, 0, sizeof other.bytes_);
}

inline Value& Value::operator=(const Value& other) noexcept {
  if (this != &other) {
    other.retain();
    release();
    std::memcpy(bytes_, other.bytes_, sizeof bytes_);
  }
  return *this;
}

inline Value& Value::operator=(Value&& other) noexcept {
  if (this != &other) {
    release();
    std::memcpy(bytes_, other.bytes_, sizeof bytes_);
    std::memset(other.bytes_, 0, sizeof other.bytes_);
  }
  return *this;
}

inline Value::~Value() {
  release();
}

inline std::string_view Value::as_string() const {
  if (kind() != Kind::String) return {};
  if (bytes_[1] != 0xff) return {reinterpret_cast<const char*>(bytes_ + 2), bytes_[1]};
  detail::Node* n = node();
  return {n->chars(), n->size};
}

inline std::span<const Value> Value::as_array() const {
  if (kind() != Kind::Array) return {};
  detail::Node* n = node();
  return {n->items(), n->size};
}

inline std::span<const Member> Value::as_object() const {
  if (kind() != Kind::Object) return {};
  detail::Node* n = node();
  return {n->members(), n->size};
}

inline const Value* Value::find(Key key) const {
  for (const Member& m : as_object())
    if (m.key == key) return &m.value;
  return nullptr;
}

inline const Value& Value::get(Key key) const {
  const Value* v = find(key);
  return v ? *v : null_value();
}

// Number formatting as JSON/JavaScript print it (integers without ".0", NaN/Inf -> null).
void write_json_number(std::string& out, double n);
void write_json_string(std::string& out, std::string_view s);

}  // namespace ledgerline

template <>
struct std::hash<ledgerline::Key> {
  std::size_t operator()(const ledgerline::Key& k) const noexcept { return k.hash(); }
};
