#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "lib/util/error.h"
#include "lib/util/json.h"

using vireo::json::Value;
using vireo::json::parse;
using vireo::json::serialize;

namespace {

// The message of the vireo::Error that parse() throws for `text`.
std::string parseError(std::string_view text) {
  try {
    parse(text);
  } catch (const vireo::Error& e) {
    CHECK(e.code() == VIR_ERR_INTERNAL_ERROR);
    return e.message();
  }
  FAIL("parse() accepted invalid JSON: " << text);
  return {};
}

}  // namespace

TEST_CASE("JSON scalars parse to the right types", "[json]") {
  CHECK(parse("null").isNull());
  CHECK(parse("true").asBool() == true);
  CHECK(parse(" false ").asBool() == false);
  CHECK(parse("0").type() == Value::Type::Int);
  CHECK(parse("-42").asInt() == -42);
  CHECK(parse("9223372036854775807").asInt() == std::numeric_limits<int64_t>::max());
  CHECK(parse("-9223372036854775808").asInt() == std::numeric_limits<int64_t>::min());
  // One past int64's range becomes a double.
  Value big = parse("9223372036854775808");
  CHECK(big.type() == Value::Type::Double);
  CHECK(big.asDouble() == 9223372036854775808.0);
  CHECK_THROWS_AS(big.asInt(), vireo::Error);
  CHECK(parse("1.5").type() == Value::Type::Double);
  CHECK(parse("1.5").asDouble() == 1.5);
  CHECK(parse("1e3").type() == Value::Type::Double);
  CHECK(parse("1e3").asInt() == 1000);  // integral double accepted by asInt
  CHECK(parse("-2.5E-3").asDouble() == -0.0025);
  CHECK(parse("\"hi\"").asString() == "hi");
}

TEST_CASE("JSON objects keep their key order and find members", "[json]") {
  Value v = parse(R"({"b":1, "a":[true,null,"x"], "c":{"d":2.25}})");
  REQUIRE(v.isObject());
  REQUIRE(v.asObject().size() == 3);
  CHECK(v.asObject()[0].first == "b");
  CHECK(v.asObject()[1].first == "a");
  CHECK(v.at("a").asArray().size() == 3);
  CHECK(v.at("c").at("d").asDouble() == 2.25);
  CHECK(v.find("missing") == nullptr);
  CHECK(Value(3).find("x") == nullptr);
  CHECK_THROWS_WITH(v.at("zz"), "internal error: missing 'zz' in JSON object");
  CHECK(serialize(v) == R"({"b":1,"a":[true,null,"x"],"c":{"d":2.25}})");
}

TEST_CASE("JSON typed access refuses the wrong type", "[json]") {
  CHECK_THROWS_WITH(Value("s").asInt(), "internal error: JSON value is not an integer");
  CHECK_THROWS_WITH(Value(1).asString(), "internal error: JSON value is not a string");
  CHECK_THROWS_WITH(Value(1).asBool(), "internal error: JSON value is not a boolean");
  CHECK_THROWS_WITH(Value().asArray(), "internal error: JSON value is not an array");
  CHECK_THROWS_WITH(Value(true).asObject(), "internal error: JSON value is not an object");
  CHECK_THROWS_WITH(Value("1").asDouble(), "internal error: JSON value is not a number");
  CHECK(Value(7).asDouble() == 7.0);
  CHECK_THROWS_AS(Value(2.5).asInt(), vireo::Error);
}

TEST_CASE("JSON builders: object, array, set, push", "[json]") {
  Value v = Value::object({{"driver", "raw"}, {"read-only", false}});
  v.set("node-name", "drive0").set("driver", "qcow2");  // replaces in place
  CHECK(serialize(v) == R"({"driver":"qcow2","read-only":false,"node-name":"drive0"})");

  Value list;  // null grows into an array
  list.push(1).push("two").push(Value::array({3.5}));
  CHECK(serialize(list) == R"([1,"two",[3.5]])");
  CHECK_THROWS_AS(Value(1).set("a", 1), vireo::Error);
  CHECK_THROWS_AS(Value("x").push(1), vireo::Error);
  CHECK(serialize(Value::object()) == "{}");
  CHECK(serialize(Value::array()) == "[]");
}

TEST_CASE("JSON string escapes", "[json]") {
  CHECK(parse(R"("a\"b\\c\/d\b\f\n\r\t")").asString() == "a\"b\\c/d\b\f\n\r\t");
  CHECK(parse(R"("\u0041\u00e9\u20AC")").asString() == "A\xC3\xA9\xE2\x82\xAC");  // A é €
  // A surrogate pair is one code point above U+FFFF: U+1F600 😀.
  CHECK(parse(R"("\ud83d\ude00")").asString() == "\xF0\x9F\x98\x80");
  // \u0000 is a legal character inside a string.
  CHECK(parse(R"("a\u0000b")").asString() == std::string("a\0b", 3));
  // Raw UTF-8 passes through both ways.
  CHECK(parse("\"gr\xC3\xBC\xC3\x9F\"").asString() == "gr\xC3\xBC\xC3\x9F");

  CHECK(serialize(Value("q\"b\\")) == R"("q\"b\\")");
  CHECK(serialize(Value("line\nnext\x01")) == R"("line\u000anext\u0001")");
  CHECK(serialize(Value(std::string("nul\0", 4))) == R"("nul\u0000")");
  CHECK(serialize(Value("\xE2\x82\xAC/")) == "\"\xE2\x82\xAC/\"");
}

TEST_CASE("JSON round trips", "[json]") {
  const char* texts[] = {
      R"({"execute":"qmp_capabilities","arguments":{"enable":["oob"]},"id":1})",
      R"([1,-2,3.25,true,false,null,"",[],{},[[{"a":[]}]]])",
      R"({"QMP":{"version":{"qemu":{"micro":22,"minor":2,"major":7},"package":"Debian"},"capabilities":["oob"]}})",
      R"("\u0001\u001f")",
  };
  for (const char* text : texts) {
    Value v = parse(text);
    CHECK(serialize(v) == text);
    CHECK(parse(serialize(v)) == v);
  }
}

TEST_CASE("JSON doubles print so that they read back equal", "[json]") {
  const double values[] = {0.1, 1.0 / 3.0, -2.5e-300, 1.7976931348623157e308, 5e-324, 123456.789, 1e17, 3e20};
  for (double d : values) {
    std::string text = serialize(Value(d));
    INFO(text);
    CHECK(parse(text).asDouble() == d);
  }
  // Integral doubles print as plain digits, without exponent or fraction.
  CHECK(serialize(Value(3.0)) == "3");
  CHECK(serialize(Value(1e6)) == "1000000");
  CHECK(serialize(Value(-4096.0)) == "-4096");
  CHECK(serialize(Value(0.5)) == "0.5");
  CHECK_THROWS_AS(serialize(Value(std::nan(""))), vireo::Error);
  CHECK_THROWS_AS(serialize(Value(std::numeric_limits<double>::infinity())), vireo::Error);
}

TEST_CASE("JSON invalid inputs give an error with the offset", "[json]") {
  CHECK(parseError("") == "internal error: cannot parse JSON: unexpected end of input at offset 0");
  CHECK(parseError("[1,2") == "internal error: cannot parse JSON: unexpected end of input at offset 4");
  CHECK(parseError("{\"a\" 1}") == "internal error: cannot parse JSON: expected ':' after object key at offset 5");
  CHECK(parseError("[1] x") == "internal error: cannot parse JSON: unexpected data after the value at offset 4");
  CHECK(parseError("tru") == "internal error: cannot parse JSON: invalid literal at offset 0");
  CHECK(parseError("\"abc") == "internal error: cannot parse JSON: unterminated string at offset 0");
  CHECK(parseError("{a:1}").find("expected a string as object key at offset 1") != std::string::npos);
  CHECK(parseError("[1,]").find("unexpected character ']' at offset 3") != std::string::npos);
  CHECK(parseError("{\"a\":1,}").find("expected a string as object key at offset 7") != std::string::npos);
  CHECK(parseError("01").find("unexpected data after the value at offset 1") != std::string::npos);
  CHECK(parseError("-").find("invalid number at offset 0") != std::string::npos);
  CHECK(parseError("1.").find("invalid number") != std::string::npos);
  CHECK(parseError("1e+").find("invalid number") != std::string::npos);
  CHECK(parseError("+1").find("unexpected character '+'") != std::string::npos);
  CHECK(parseError("1e999").find("number out of range") != std::string::npos);
  CHECK(parseError("\"a\nb\"").find("control character in string at offset 2") != std::string::npos);
  CHECK(parseError(R"("\x")").find("invalid escape in string at offset 1") != std::string::npos);
  CHECK(parseError(R"("\u12G4")").find("invalid \\u escape") != std::string::npos);
  CHECK(parseError(R"("\u12")").find("truncated \\u escape") != std::string::npos);
  CHECK(parseError(R"("\ud83d")").find("unpaired UTF-16 high surrogate at offset 1") != std::string::npos);
  CHECK(parseError(R"("\ud83d\u0041")").find("unpaired UTF-16 high surrogate") != std::string::npos);
  CHECK(parseError(R"("\ude00")").find("unpaired UTF-16 low surrogate") != std::string::npos);
  CHECK(parseError("NaN").find("unexpected character 'N'") != std::string::npos);
}

TEST_CASE("JSON nesting is limited to 512 levels", "[json]") {
  std::string ok = std::string(512, '[') + std::string(512, ']');
  CHECK(serialize(parse(ok)) == ok);
  std::string deep = std::string(513, '[') + std::string(513, ']');
  CHECK(parseError(deep).find("nesting deeper than 512 levels at offset 512") != std::string::npos);
  // Far deeper input is refused the same way, without exhausting the stack.
  std::string hostile(1000000, '[');
  CHECK(parseError(hostile).find("nesting deeper than 512 levels") != std::string::npos);
  std::string objects;
  for (int i = 0; i < 600; ++i) objects += "{\"a\":";
  CHECK(parseError(objects).find("nesting deeper than 512 levels") != std::string::npos);
}
