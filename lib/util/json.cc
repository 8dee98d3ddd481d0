#include "lib/util/json.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "lib/util/error.h"

namespace vireo::json {
namespace {

[[noreturn]] void failType(const char* wanted) {
  fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE, std::string("JSON value is not ") + wanted);
}

// ---------------------------------------------------------------------------
// Parser: recursive descent over the text, with a nesting limit so that a
// hostile or broken peer ("[[[[...") cannot exhaust the reader's stack.

constexpr int kMaxDepth = 512;

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Value parseDocument() {
    skipSpace();
    Value v = parseValue(0);
    skipSpace();
    if (pos_ != text_.size()) failAt("unexpected data after the value");
    return v;
  }

 private:
  [[noreturn]] void failAt(std::string_view why) const { failAt(why, pos_); }
  [[noreturn]] void failAt(std::string_view why, size_t offset) const {
    std::string detail = "cannot parse JSON: ";
    detail.append(why).append(" at offset ").append(std::to_string(offset));
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE, detail);
  }

  bool atEnd() const { return pos_ >= text_.size(); }
  char peek() const { return atEnd() ? '\0' : text_[pos_]; }

  void skipSpace() {
    while (!atEnd()) {
      char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  void expectWord(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) failAt("invalid literal");
    pos_ += word.size();
  }

  Value parseValue(int depth) {
    if (atEnd()) failAt("unexpected end of input");
    switch (peek()) {
      case '{': return parseObject(depth + 1);
      case '[': return parseArray(depth + 1);
      case '"': return Value(parseString());
      case 't': expectWord("true"); return Value(true);
      case 'f': expectWord("false"); return Value(false);
      case 'n': expectWord("null"); return Value();
      default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return parseNumber();
        failAt(std::string("unexpected character '") + peek() + "'");
    }
  }

  Value parseObject(int depth) {
    if (depth > kMaxDepth) failAt("nesting deeper than 512 levels");
    ++pos_;  // '{'
    Object members;
    skipSpace();
    if (peek() == '}') {
      ++pos_;
      return Value(std::move(members));
    }
    for (;;) {
      skipSpace();
      if (peek() != '"') failAt(atEnd() ? "unexpected end of input" : "expected a string as object key");
      std::string key = parseString();
      skipSpace();
      if (peek() != ':') failAt(atEnd() ? "unexpected end of input" : "expected ':' after object key");
      ++pos_;
      skipSpace();
      Value v = parseValue(depth);
      members.emplace_back(std::move(key), std::move(v));
      skipSpace();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == '}') {
        ++pos_;
        return Value(std::move(members));
      }
      failAt(atEnd() ? "unexpected end of input" : "expected ',' or '}' in object");
    }
  }

  Value parseArray(int depth) {
    if (depth > kMaxDepth) failAt("nesting deeper than 512 levels");
    ++pos_;  // '['
    Array items;
    skipSpace();
    if (peek() == ']') {
      ++pos_;
      return Value(std::move(items));
    }
    for (;;) {
      skipSpace();
      items.push_back(parseValue(depth));
      skipSpace();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == ']') {
        ++pos_;
        return Value(std::move(items));
      }
      failAt(atEnd() ? "unexpected end of input" : "expected ',' or ']' in array");
    }
  }

  // RFC 8259 number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  Value parseNumber() {
    size_t start = pos_;
    bool integral = true;
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else if (peek() >= '1' && peek() <= '9') {
      while (peek() >= '0' && peek() <= '9') ++pos_;
    } else {
      failAt("invalid number", start);
    }
    if (peek() == '.') {
      integral = false;
      ++pos_;
      if (!(peek() >= '0' && peek() <= '9')) failAt("invalid number", start);
      while (peek() >= '0' && peek() <= '9') ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!(peek() >= '0' && peek() <= '9')) failAt("invalid number", start);
      while (peek() >= '0' && peek() <= '9') ++pos_;
    }
    const char* first = text_.data() + start;
    const char* last = text_.data() + pos_;
    if (integral) {
      int64_t i = 0;
      auto [end, ec] = std::from_chars(first, last, i);
      if (ec == std::errc() && end == last) return Value(i);
      // Out of int64's range: keep it as a double, as QEMU's own parser does.
    }
    double d = 0;
    auto [end, ec] = std::from_chars(first, last, d);
    if (ec == std::errc::result_out_of_range) failAt("number out of range", start);
    if (ec != std::errc() || end != last) failAt("invalid number", start);
    return Value(d);
  }

  unsigned parseHex4() {
    if (text_.size() - pos_ < 4) failAt("truncated \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[pos_ + i];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= c - '0';
      else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
      else failAt("invalid \\u escape");
    }
    pos_ += 4;
    return v;
  }

  static void appendUtf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  // \uXXXX, where a UTF-16 high surrogate must be followed by an escaped low
  // surrogate; the pair stands for one code point above U+FFFF.
  void parseUnicodeEscape(std::string& out) {
    size_t escapeStart = pos_ - 2;  // at the backslash
    unsigned cp = parseHex4();
    if (cp >= 0xDC00 && cp <= 0xDFFF) failAt("unpaired UTF-16 low surrogate", escapeStart);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (text_.substr(pos_, 2) != "\\u") failAt("unpaired UTF-16 high surrogate", escapeStart);
      pos_ += 2;
      unsigned low = parseHex4();
      if (low < 0xDC00 || low > 0xDFFF) failAt("unpaired UTF-16 high surrogate", escapeStart);
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    appendUtf8(out, cp);
  }

  std::string parseString() {
    size_t start = pos_;
    ++pos_;  // opening quote
    std::string out;
    for (;;) {
      if (atEnd()) failAt("unterminated string", start);
      char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (static_cast<unsigned char>(c) < 0x20) failAt("control character in string");
      if (c != '\\') {
        // Copy the run of plain bytes at once; non-ASCII UTF-8 passes through.
        size_t end = pos_;
        while (end < text_.size() && text_[end] != '"' && text_[end] != '\\' &&
               static_cast<unsigned char>(text_[end]) >= 0x20)
          ++end;
        out.append(text_.substr(pos_, end - pos_));
        pos_ = end;
        continue;
      }
      ++pos_;
      if (atEnd()) failAt("unterminated string", start);
      char e = text_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': parseUnicodeEscape(out); break;
        default: failAt("invalid escape in string", pos_ - 2);
      }
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
};

// ---------------------------------------------------------------------------
// Serializer.

void writeString(std::string& out, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (u < 0x20) {
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    } else {
      out += c;
    }
  }
  out += '"';
}

void writeDouble(std::string& out, double d) {
  if (!std::isfinite(d)) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE, "cannot represent a non-finite number in JSON");
  char buf[64];
  // An integral value within the range where every integer is exact prints
  // as plain digits (1e6 → "1000000"), which QEMU's integer properties accept.
  if (d == std::trunc(d) && std::fabs(d) < 1e17) {
    std::snprintf(buf, sizeof buf, "%.0f", d);
    out += buf;
    return;
  }
  // Shortest text that reads back as the same double.
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  (void)ec;  // 64 bytes always suffice for a double
  out.append(buf, end);
}

void write(std::string& out, const Value& v) {
  switch (v.type()) {
    case Value::Type::Null: out += "null"; break;
    case Value::Type::Bool: out += v.asBool() ? "true" : "false"; break;
    case Value::Type::Int: out += std::to_string(v.asInt()); break;
    case Value::Type::Double: writeDouble(out, v.asDouble()); break;
    case Value::Type::String: writeString(out, v.asString()); break;
    case Value::Type::Array: {
      out += '[';
      bool first = true;
      for (const Value& item : v.asArray()) {
        if (!first) out += ',';
        first = false;
        write(out, item);
      }
      out += ']';
      break;
    }
    case Value::Type::Object: {
      out += '{';
      bool first = true;
      for (const auto& [key, member] : v.asObject()) {
        if (!first) out += ',';
        first = false;
        writeString(out, key);
        out += ':';
        write(out, member);
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

bool Value::asBool() const {
  if (auto* b = std::get_if<bool>(&v_)) return *b;
  failType("a boolean");
}

int64_t Value::asInt() const {
  if (auto* i = std::get_if<int64_t>(&v_)) return *i;
  if (auto* d = std::get_if<double>(&v_)) {
    // 2^63 is exactly representable; anything at or above it overflows int64.
    constexpr double kLimit = 9223372036854775808.0;
    if (*d == std::trunc(*d) && *d >= -kLimit && *d < kLimit) return static_cast<int64_t>(*d);
  }
  failType("an integer");
}

double Value::asDouble() const {
  if (auto* d = std::get_if<double>(&v_)) return *d;
  if (auto* i = std::get_if<int64_t>(&v_)) return static_cast<double>(*i);
  failType("a number");
}

const std::string& Value::asString() const {
  if (auto* s = std::get_if<std::string>(&v_)) return *s;
  failType("a string");
}

const Array& Value::asArray() const {
  if (auto* a = std::get_if<Array>(&v_)) return *a;
  failType("an array");
}

Array& Value::asArray() {
  if (auto* a = std::get_if<Array>(&v_)) return *a;
  failType("an array");
}

const Object& Value::asObject() const {
  if (auto* o = std::get_if<Object>(&v_)) return *o;
  failType("an object");
}

Object& Value::asObject() {
  if (auto* o = std::get_if<Object>(&v_)) return *o;
  failType("an object");
}

const Value* Value::find(std::string_view key) const {
  auto* o = std::get_if<Object>(&v_);
  if (!o) return nullptr;
  for (const auto& [k, v] : *o)
    if (k == key) return &v;
  return nullptr;
}

const Value& Value::at(std::string_view key) const {
  if (const Value* v = find(key)) return *v;
  fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE, "missing '" + std::string(key) + "' in JSON object");
}

Value& Value::set(std::string key, Value value) {
  if (isNull()) v_ = Object();  // a null value grows into an object
  Object& o = asObject();
  for (auto& [k, v] : o) {
    if (k == key) {
      v = std::move(value);
      return *this;
    }
  }
  o.emplace_back(std::move(key), std::move(value));
  return *this;
}

Value& Value::push(Value value) {
  if (isNull()) v_ = Array();  // a null value grows into an array
  asArray().push_back(std::move(value));
  return *this;
}

std::string serialize(const Value& value) {
  std::string out;
  write(out, value);
  return out;
}

Value parse(std::string_view text) { return Parser(text).parseDocument(); }

}  // namespace vireo::json
