// IndexKey: a string key for the document set's B+trees that is copied without touching shared
// memory when short. Ids of up to 31 bytes (the shop's "bill-…", "stx-…", types, most refs)
// live inline and copy as 32 plain bytes; longer ones share a string Value. Path copying copies
// every key of a node, and with Value keys each copy was an atomic increment on a string
// elsewhere in memory: most of a commit's time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <string_view>

#include "util/value.h"

namespace ledgerline::store {

class IndexKey {
 public:
  static constexpr std::size_t kInline = 31;

  IndexKey() noexcept { bytes_[kInline] = 0; }
  explicit IndexKey(std::string_view text) {
    if (!try_inline(text)) {
      new (bytes_) Value(Value::string(text));
      bytes_[kInline] = kShared;
    }
  }
  // Shares `string`'s bytes when they do not fit inline.
  explicit IndexKey(const Value& string) {
    if (!try_inline(string.as_string())) {
      new (bytes_) Value(string);
      bytes_[kInline] = kShared;
    }
  }
  IndexKey(const IndexKey& other) noexcept {
    if (other.shared()) {
      new (bytes_) Value(other.value());
      bytes_[kInline] = kShared;
    } else {
      std::memcpy(bytes_, other.bytes_, sizeof bytes_);
    }
  }
  IndexKey(IndexKey&& other) noexcept {
    std::memcpy(bytes_, other.bytes_, sizeof bytes_);  // a shared Value moves bitwise
    other.bytes_[kInline] = 0;
  }
  IndexKey& operator=(const IndexKey& other) noexcept {
    if (this != &other) {
      this->~IndexKey();
      new (this) IndexKey(other);
    }
    return *this;
  }
  IndexKey& operator=(IndexKey&& other) noexcept {
    if (this != &other) {
      this->~IndexKey();
      new (this) IndexKey(std::move(other));
    }
    return *this;
  }
  ~IndexKey() {
    if (shared()) value().~Value();
  }

  std::string_view view() const {
    if (shared()) return value().as_string();
    return {bytes_, static_cast<std::size_t>(static_cast<unsigned char>(bytes_[kInline]))};
  }

 private:
  static constexpr char kShared = static_cast<char>(0xff);
  // Stores `text` inline when it fits; false (and nothing stored) when it does not.
  bool try_inline(std::string_view text) {
    if (text.size() > kInline) return false;
    std::memcpy(bytes_, text.data(), text.size());
    bytes_[kInline] = static_cast<char>(text.size());
    return true;
  }
  bool shared() const { return bytes_[kInline] == kShared; }
  const Value& value() const { return *std::launder(reinterpret_cast<const Value*>(bytes_)); }
  Value& value() { return *std::launder(reinterpret_cast<Value*>(bytes_)); }

  alignas(Value) char bytes_[kInline + 1];
};

// Orders IndexKeys (and string_views) by bytes.
struct IndexKeyLess {
  using is_transparent = void;
  bool operator()(const IndexKey& a, const IndexKey& b) const { return a.view() < b.view(); }
  bool operator()(const IndexKey& a, std::string_view b) const { return a.view() < b; }
  bool operator()(std::string_view a, const IndexKey& b) const { return a < b.view(); }
};

}  // namespace ledgerline::store
