// JSON values, as QEMU's monitor (QMP) speaks them.
//
// A Value is null, a boolean, a number (kept as int64 when it is integral,
// else as double), a string, an array or an object. Objects keep their keys
// in insertion order, because QEMU's -device/-blockdev JSON is compared
// textually with libvirt's output and libvirt emits keys in a fixed order.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace vireo::json {

class Value;
using Array = std::vector<Value>;
using Member = std::pair<std::string, Value>;
using Object = std::vector<Member>;

class Value {
 public:
  enum class Type { Null, Bool, Int, Double, String, Array, Object };

  Value() = default;  // null
  Value(std::nullptr_t) {}
  Value(bool b) : v_(b) {}
  Value(int i) : v_(static_cast<int64_t>(i)) {}
  Value(unsigned i) : v_(static_cast<int64_t>(i)) {}
  Value(long i) : v_(static_cast<int64_t>(i)) {}
  Value(long long i) : v_(static_cast<int64_t>(i)) {}
  Value(unsigned long i) : v_(static_cast<int64_t>(i)) {}
  Value(unsigned long long i) : v_(static_cast<int64_t>(i)) {}
  Value(double d) : v_(d) {}
  Value(const char* s) : v_(std::string(s)) {}
  Value(std::string s) : v_(std::move(s)) {}
  Value(std::string_view s) : v_(std::string(s)) {}
  Value(Array a) : v_(std::move(a)) {}
  Value(Object o) : v_(std::move(o)) {}

  // Value::object({{"driver", "raw"}, {"read-only", false}})
  static Value object(std::initializer_list<Member> members = {}) { return Value(Object(members)); }
  static Value array(std::initializer_list<Value> items = {}) { return Value(Array(items)); }

  Type type() const { return static_cast<Type>(v_.index()); }
  bool isNull() const { return type() == Type::Null; }
  bool isBool() const { return type() == Type::Bool; }
  bool isNumber() const { return type() == Type::Int || type() == Type::Double; }
  bool isString() const { return type() == Type::String; }
  bool isArray() const { return type() == Type::Array; }
  bool isObject() const { return type() == Type::Object; }

  // Typed access. Each throws vireo::Error (VIR_ERR_INTERNAL_ERROR,
  // "JSON value is not a <type>") when the value has another type.
  bool asBool() const;
  int64_t asInt() const;       // a Double with an integral value is accepted
  double asDouble() const;     // an Int is converted
  const std::string& asString() const;
  const Array& asArray() const;
  Array& asArray();
  const Object& asObject() const;
  Object& asObject();

  // Object member lookup: nullptr when this is not an object or has no such key.
  const Value* find(std::string_view key) const;
  // Lookup that throws vireo::Error (VIR_ERR_INTERNAL_ERROR, "missing '<key>' in JSON object").
  const Value& at(std::string_view key) const;
  // Appends (or replaces) a member of an object; returns *this for chaining.
  // A null value becomes an empty object first; any other type throws.
  Value& set(std::string key, Value value);
  // Appends an element to an array. A null value becomes an empty array
  // first; any other type throws.
  Value& push(Value value);

  bool operator==(const Value& other) const = default;

 private:
  std::variant<std::nullptr_t, bool, int64_t, double, std::string, Array, Object> v_;
};

// Compact serialisation, no spaces, keys in stored order, strings escaped as
// JSON requires (control characters as \uXXXX, non-ASCII UTF-8 passed through).
// Doubles print so that they read back equal; an integral double prints as
// plain digits ("3"), so it reads back as an Int. NaN and infinities have no
// JSON form and throw vireo::Error (VIR_ERR_INTERNAL_ERROR).
std::string serialize(const Value& value);

// Parses one JSON text (RFC 8259; surrounding whitespace allowed). Throws
// vireo::Error (VIR_ERR_INTERNAL_ERROR, "cannot parse JSON: <why> at offset N").
Value parse(std::string_view text);

}  // namespace vireo::json
