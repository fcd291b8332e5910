// GROQ's view of a Value: its types (JSON plus datetime and path), equality, ordering and the
// JavaScript-compatible number formatting that string() and array::join() use.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/text.h"
#include "util/value.h"

namespace ledgerline::groq {

// GROQ types. DateTime and Path only come from dateTime()/path(); they live in arrays and
// objects like any value and are written to JSON as strings (see to_json_value).
enum class Type : std::uint8_t { Null, Boolean, Number, String, Array, Object, DateTime, Path };

// Datetime and path values are objects with one member under a key no JSON document uses.
Type object_type(const Value& object);
inline Type type_of(const Value& v) {
  static_assert(static_cast<int>(Kind::Object) == static_cast<int>(Type::Object));
  return v.is_object() ? object_type(v) : static_cast<Type>(v.kind());
}
inline bool is_plain_object(const Value& v) {
  return type_of(v) == Type::Object;
}

Value make_datetime(double epoch_ms);
double datetime_ms(const Value& v);  // requires type_of(v) == DateTime
Value make_path(std::string_view pattern);
std::string_view path_pattern(const Value& v);  // requires type_of(v) == Path

// Replaces every datetime and path inside `v` by its JSON string; untouched parts are shared.
Value to_json_value(const Value& v);

// GROQ equality (==): primitives and datetimes by value; arrays and objects are never equal.
bool equal(const Value& a, const Value& b);
// Ordering between two values of the same comparable type (number, string, boolean,
// datetime); nullopt otherwise (the comparison operators then give null).
std::optional<int> partial_compare(const Value& a, const Value& b);
// The total order used by order(): datetime < number < string < boolean < everything else.
int total_compare(const Value& a, const Value& b);
// Strings compare as JavaScript does: by UTF-16 code units.
int compare_strings(std::string_view a, std::string_view b);

// Number::toString as JavaScript prints it ("1", "0.1", "1e+21", "1e-7").
std::string js_number_string(double n);
// A number result: non-finite numbers become null, as in the reference implementation.
Value number_or_null(double n);
// string()'s conversion of a primitive or datetime; nullopt for other types.
std::optional<std::string> primitive_string(const Value& v);

// UTF-8 helpers shared by string functions and match.
std::size_t count_code_points(std::string_view s);
// Decodes one code point at s[i] (advancing i); invalid bytes decode as U+FFFD.
char32_t decode_utf8(std::string_view s, std::size_t& i);

}  // namespace ledgerline::groq
