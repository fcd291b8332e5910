// Value: the immutable JSON value every layer shares (documents, GROQ values, events).
// 16 bytes; strings up to 14 bytes live inline, larger strings/arrays/objects live in
// reference-counted immutable heap nodes, so copying is cheap and a changed document shares
// every part it did not touch. Object keys are interned (Key) so lookups compare pointers.
// Values are safe to share between threads (atomic reference counts, never mutated in place).
#pragma once

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ledgerline {

namespace detail {
struct InternedKey;
struct Node;
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

class Value;
struct Member;

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

// Number formatting as JSON/JavaScript print it (integers without ".0", NaN/Inf -> null).
void write_json_number(std::string& out, double n);
void write_json_string(std::string& out, std::string_view s);

}  // namespace ledgerline

template <>
struct std::hash<ledgerline::Key> {
  std::size_t operator()(const ledgerline::Key& k) const noexcept { return k.hash(); }
};
