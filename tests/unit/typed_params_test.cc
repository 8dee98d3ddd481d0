// The virTypedParams* helpers (capi/typedparams.cc), called through the C
// API. Expected values, growth steps and messages are those observed from
// libvirt 9.0.0 itself.
#include <climits>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

namespace {

// A growable array as an application holds one; freed on scope exit.
struct Params {
  virTypedParameterPtr p = nullptr;
  int n = 0;
  int max = 0;
  Params() = default;
  Params(const Params&) = delete;
  Params& operator=(const Params&) = delete;
  ~Params() { virTypedParamsFree(p, n); }
};

// Counts dispatched errors instead of letting the default handler print
// them; restores the default on scope exit.
struct ErrorCounter {
  int calls = 0;
  ErrorCounter() {
    virSetErrorFunc(this, [](void* self, virErrorPtr) { static_cast<ErrorCounter*>(self)->calls++; });
  }
  ErrorCounter(const ErrorCounter&) = delete;
  ErrorCounter& operator=(const ErrorCounter&) = delete;
  ~ErrorCounter() { virSetErrorFunc(nullptr, nullptr); }
};

void requireError(int code, const std::string& message) {
  virErrorPtr err = virGetLastError();
  REQUIRE(err != nullptr);
  CHECK(err->code == code);
  CHECK(err->domain == VIR_FROM_NONE);
  CHECK(err->level == VIR_ERR_ERROR);
  REQUIRE(err->message != nullptr);
  CHECK(std::string(err->message) == message);
}

std::string repeat(char c, size_t n) { return std::string(n, c); }

}  // namespace

TEST_CASE("typed params: each adder appends one entry with its type and value", "[typed_params]") {
  ErrorCounter errors;
  Params a;
  REQUIRE(virTypedParamsAddInt(&a.p, &a.n, &a.max, "int", -42) == 0);
  REQUIRE(virTypedParamsAddUInt(&a.p, &a.n, &a.max, "uint", 4000000000U) == 0);
  REQUIRE(virTypedParamsAddLLong(&a.p, &a.n, &a.max, "llong", -5000000000LL) == 0);
  REQUIRE(virTypedParamsAddULLong(&a.p, &a.n, &a.max, "ullong", 18000000000000000000ULL) == 0);
  REQUIRE(virTypedParamsAddDouble(&a.p, &a.n, &a.max, "double", 2.5) == 0);
  REQUIRE(virTypedParamsAddBoolean(&a.p, &a.n, &a.max, "bool", 7) == 0);
  REQUIRE(virTypedParamsAddBoolean(&a.p, &a.n, &a.max, "off", 0) == 0);
  const char* text = "hello";
  REQUIRE(virTypedParamsAddString(&a.p, &a.n, &a.max, "string", text) == 0);
  REQUIRE(a.n == 8);
  CHECK(a.max == 9);  // 1, 2, 3, 4, 6, 6, 9, 9
  CHECK(virGetLastError() == nullptr);
  CHECK(errors.calls == 0);

  CHECK(std::string(a.p[0].field) == "int");
  CHECK(a.p[0].type == VIR_TYPED_PARAM_INT);
  CHECK(a.p[0].value.i == -42);
  CHECK(a.p[1].type == VIR_TYPED_PARAM_UINT);
  CHECK(a.p[1].value.ui == 4000000000U);
  CHECK(a.p[2].type == VIR_TYPED_PARAM_LLONG);
  CHECK(a.p[2].value.l == -5000000000LL);
  CHECK(a.p[3].type == VIR_TYPED_PARAM_ULLONG);
  CHECK(a.p[3].value.ul == 18000000000000000000ULL);
  CHECK(a.p[4].type == VIR_TYPED_PARAM_DOUBLE);
  CHECK(a.p[4].value.d == 2.5);
  CHECK(a.p[5].type == VIR_TYPED_PARAM_BOOLEAN);
  CHECK(a.p[5].value.b == 1);  // normalised
  CHECK(a.p[6].value.b == 0);
  CHECK(a.p[7].type == VIR_TYPED_PARAM_STRING);
  CHECK(std::string(a.p[7].value.s) == "hello");
  CHECK(a.p[7].value.s != text);  // a copy
  // Capacity beyond the count is zeroed, as libvirt's VIR_RESIZE_N leaves it.
  CHECK(a.p[8].field[0] == '\0');
  CHECK(a.p[8].type == 0);
}

TEST_CASE("typed params: the array grows like libvirt's VIR_RESIZE_N", "[typed_params]") {
  Params a;
  std::vector<int> seen;
  for (int i = 0; i < 20; i++) {
    REQUIRE(virTypedParamsAddInt(&a.p, &a.n, &a.max, ("f" + std::to_string(i)).c_str(), i) == 0);
    seen.push_back(a.max);
  }
  CHECK(seen == std::vector<int>{1, 2, 3, 4, 6, 6, 9, 9, 9, 13, 13, 13, 13, 19, 19, 19, 19, 19, 19, 28});

  SECTION("an array the application allocated itself is used and grown") {
    Params b;
    b.p = static_cast<virTypedParameterPtr>(std::calloc(3, sizeof(virTypedParameter)));
    b.max = 3;
    REQUIRE(virTypedParamsAddInt(&b.p, &b.n, &b.max, "a", 1) == 0);
    CHECK(b.max == 3);
    b.n = 3;
    REQUIRE(virTypedParamsAddInt(&b.p, &b.n, &b.max, "b", 2) == 0);
    CHECK(b.n == 4);
    CHECK(b.max == 4);
  }
}

TEST_CASE("typed params: a NULL string value is stored as an empty string", "[typed_params]") {
  Params a;
  REQUIRE(virTypedParamsAddString(&a.p, &a.n, &a.max, "s", nullptr) == 0);
  REQUIRE(a.p[0].value.s != nullptr);
  CHECK(std::string(a.p[0].value.s).empty());
}

// libvirt's copy of a NULL name fails quietly (glib's g_strlcpy), so the
// entry keeps the zeroed name of a fresh slot.
TEST_CASE("typed params: a NULL name adds an entry with an empty name", "[typed_params]") {
  Params a;
  REQUIRE(virTypedParamsAddInt(&a.p, &a.n, &a.max, nullptr, 3) == 0);
  REQUIRE(a.n == 1);
  CHECK(a.p[0].field[0] == '\0');
  CHECK(a.p[0].value.i == 3);
  int v = 0;
  CHECK(virTypedParamsGetInt(a.p, a.n, "", &v) == 1);
  CHECK(v == 3);
}

TEST_CASE("typed params: a duplicate name is appended and lookups find the first", "[typed_params]") {
  ErrorCounter errors;
  Params a;
  REQUIRE(virTypedParamsAddInt(&a.p, &a.n, &a.max, "k", 1) == 0);
  REQUIRE(virTypedParamsAddInt(&a.p, &a.n, &a.max, "k", 2) == 0);
  REQUIRE(virTypedParamsAddString(&a.p, &a.n, &a.max, "k", "three") == 0);
  CHECK(a.n == 3);
  CHECK(virGetLastError() == nullptr);
  int v = 0;
  CHECK(virTypedParamsGetInt(a.p, a.n, "k", &v) == 1);
  CHECK(v == 1);
  CHECK(virTypedParamsGet(a.p, a.n, "k") == &a.p[0]);
  // The first "k" is an int, so asking for a string is a type error.
  const char* s = nullptr;
  CHECK(virTypedParamsGetString(a.p, a.n, "k", &s) == -1);
}

TEST_CASE("typed params: a name must fit the field with its NUL", "[typed_params]") {
  ErrorCounter errors;
  Params a;
  std::string fits = repeat('b', VIR_TYPED_PARAM_FIELD_LENGTH - 1);
  REQUIRE(virTypedParamsAddInt(&a.p, &a.n, &a.max, fits.c_str(), 1) == 0);
  CHECK(std::string(a.p[0].field) == fits);

  std::string tooLong = repeat('c', VIR_TYPED_PARAM_FIELD_LENGTH);
  CHECK(virTypedParamsAddInt(&a.p, &a.n, &a.max, tooLong.c_str(), 1) == -1);
  requireError(VIR_ERR_INTERNAL_ERROR, "internal error: Field name '" + tooLong + "' too long");
  CHECK(errors.calls == 1);
  CHECK(a.n == 1);
  // libvirt grows the array before it checks the name.
  CHECK(a.max == 2);

  for (auto add : {+[](Params& p, const char* name) {
                     return virTypedParamsAddUInt(&p.p, &p.n, &p.max, name, 1);
                   },
                   +[](Params& p, const char* name) { return virTypedParamsAddString(&p.p, &p.n, &p.max, name, "x"); },
                   +[](Params& p, const char* name) {
                     return virTypedParamsAddFromString(&p.p, &p.n, &p.max, name, VIR_TYPED_PARAM_STRING, "x");
                   }}) {
    CHECK(add(a, tooLong.c_str()) == -1);
    CHECK(virGetLastErrorCode() == VIR_ERR_INTERNAL_ERROR);
  }
  CHECK(a.n == 1);
}

TEST_CASE("typed params: a failed add on an empty array leaves an array to free", "[typed_params]") {
  ErrorCounter errors;
  Params a;
  std::string tooLong = repeat('d', 100);
  CHECK(virTypedParamsAddDouble(&a.p, &a.n, &a.max, tooLong.c_str(), 1.0) == -1);
  CHECK(a.n == 0);
  CHECK(a.max == 1);
  CHECK(a.p != nullptr);  // freed by ~Params; a leak checker proves it
}

TEST_CASE("typed params: getters report found, absent and mismatched types", "[typed_params]") {
  ErrorCounter errors;
  Params a;
  REQUIRE(virTypedParamsAddInt(&a.p, &a.n, &a.max, "int", 5) == 0);
  REQUIRE(virTypedParamsAddUInt(&a.p, &a.n, &a.max, "uint", 6) == 0);
  REQUIRE(virTypedParamsAddLLong(&a.p, &a.n, &a.max, "llong", 7) == 0);
  REQUIRE(virTypedParamsAddULLong(&a.p, &a.n, &a.max, "ullong", 8) == 0);
  REQUIRE(virTypedParamsAddDouble(&a.p, &a.n, &a.max, "double", 9.5) == 0);
  REQUIRE(virTypedParamsAddBoolean(&a.p, &a.n, &a.max, "boolean", 1) == 0);
  REQUIRE(virTypedParamsAddString(&a.p, &a.n, &a.max, "string", "ten") == 0);

  int i = 0;
  unsigned int ui = 0;
  long long l = 0;
  unsigned long long ul = 0;
  double d = 0;
  int b = 0;
  const char* s = nullptr;

  SECTION("found: 1 and the value") {
    CHECK(virTypedParamsGetInt(a.p, a.n, "int", &i) == 1);
    CHECK(i == 5);
    CHECK(virTypedParamsGetUInt(a.p, a.n, "uint", &ui) == 1);
    CHECK(ui == 6);
    CHECK(virTypedParamsGetLLong(a.p, a.n, "llong", &l) == 1);
    CHECK(l == 7);
    CHECK(virTypedParamsGetULLong(a.p, a.n, "ullong", &ul) == 1);
    CHECK(ul == 8);
    CHECK(virTypedParamsGetDouble(a.p, a.n, "double", &d) == 1);
    CHECK(d == 9.5);
    CHECK(virTypedParamsGetBoolean(a.p, a.n, "boolean", &b) == 1);
    CHECK(b == 1);
    CHECK(virTypedParamsGetString(a.p, a.n, "string", &s) == 1);
    CHECK(s == a.p[6].value.s);  // not a copy
    CHECK(virTypedParamsGet(a.p, a.n, "double") == &a.p[4]);
    CHECK(virGetLastError() == nullptr);
  }

  SECTION("a NULL value pointer is allowed and not written") {
    CHECK(virTypedParamsGetInt(a.p, a.n, "int", nullptr) == 1);
    CHECK(virTypedParamsGetString(a.p, a.n, "string", nullptr) == 1);
  }

  SECTION("any non-zero boolean byte reads as 1") {
    a.p[5].value.b = 7;
    CHECK(virTypedParamsGetBoolean(a.p, a.n, "boolean", &b) == 1);
    CHECK(b == 1);
  }

  SECTION("absent: 0, no error, value untouched") {
    i = 12345;
    CHECK(virTypedParamsGetInt(a.p, a.n, "missing", &i) == 0);
    CHECK(i == 12345);
    CHECK(virTypedParamsGetInt(nullptr, 0, "int", &i) == 0);
    CHECK(virTypedParamsGetInt(nullptr, 5, "int", &i) == 0);
    CHECK(virTypedParamsGetInt(a.p, a.n, nullptr, &i) == 0);
    CHECK(virTypedParamsGetInt(a.p, 0, "int", &i) == 0);
    CHECK(virTypedParamsGet(a.p, a.n, "missing") == nullptr);
    CHECK(virTypedParamsGet(nullptr, 3, "int") == nullptr);
    CHECK(virTypedParamsGet(a.p, a.n, nullptr) == nullptr);
    CHECK(i == 12345);
    CHECK(virGetLastError() == nullptr);
    CHECK(errors.calls == 0);
  }

  SECTION("mismatch: -1 and VIR_ERR_INVALID_ARG naming both types") {
    struct Case {
      const char* name;
      std::function<int()> get;
      const char* requested;
    };
    std::vector<Case> cases = {
        {"string", [&] { return virTypedParamsGetInt(a.p, a.n, "string", &i); }, "int"},
        {"int", [&] { return virTypedParamsGetUInt(a.p, a.n, "int", &ui); }, "uint"},
        {"int", [&] { return virTypedParamsGetLLong(a.p, a.n, "int", &l); }, "llong"},
        {"int", [&] { return virTypedParamsGetULLong(a.p, a.n, "int", &ul); }, "ullong"},
        {"int", [&] { return virTypedParamsGetDouble(a.p, a.n, "int", &d); }, "double"},
        {"int", [&] { return virTypedParamsGetBoolean(a.p, a.n, "int", &b); }, "boolean"},
        {"boolean", [&] { return virTypedParamsGetString(a.p, a.n, "boolean", &s); }, "string"},
    };
    const char* actual[] = {"string", "int", "int", "int", "int", "int", "boolean"};
    int calls = 0;
    for (size_t k = 0; k < cases.size(); k++) {
      CHECK(cases[k].get() == -1);
      requireError(VIR_ERR_INVALID_ARG, std::string("invalid argument: Invalid type '") + cases[k].requested +
                                            "' requested for parameter '" + cases[k].name +
                                            "', actual type is '" + actual[k] + "'");
      CHECK(errors.calls == ++calls);
    }
    CHECK(s == nullptr);
    CHECK(i == 0);
  }

  SECTION("a type libvirt does not know is named (null)") {
    a.p[0].type = 42;
    CHECK(virTypedParamsGetInt(a.p, a.n, "int", &i) == -1);
    requireError(VIR_ERR_INVALID_ARG,
                 "invalid argument: Invalid type 'int' requested for parameter 'int', actual type is '(null)'");
    a.p[0].type = VIR_TYPED_PARAM_INT;
  }

  SECTION("typed getters reset the last error; Get, Clear and Free leave it alone") {
    CHECK(virTypedParamsGetUInt(a.p, a.n, "int", &ui) == -1);
    virTypedParamsClear(nullptr, 0);
    virTypedParamsFree(nullptr, 0);
    CHECK(virTypedParamsGet(a.p, a.n, "int") == &a.p[0]);
    CHECK(virTypedParamsGet(a.p, a.n, "missing") == nullptr);
    CHECK(virGetLastErrorCode() == VIR_ERR_INVALID_ARG);
    CHECK(virTypedParamsGetInt(a.p, a.n, "int", &i) == 1);
    CHECK(virGetLastError() == nullptr);
    CHECK(virTypedParamsGetUInt(a.p, a.n, "int", &ui) == -1);
    CHECK(virTypedParamsGetInt(a.p, a.n, "missing", &i) == 0);
    CHECK(virGetLastError() == nullptr);
    CHECK(virTypedParamsGetUInt(a.p, a.n, "int", &ui) == -1);
    CHECK(virTypedParamsGetInt(nullptr, 0, "int", &i) == 0);
    CHECK(virGetLastError() == nullptr);
  }
}

TEST_CASE("typed params: a string list adds one entry per string", "[typed_params]") {
  ErrorCounter errors;
  Params a;
  const char* list[] = {"one", "two", "three", nullptr};
  REQUIRE(virTypedParamsAddStringList(&a.p, &a.n, &a.max, "item", list) == 0);
  REQUIRE(a.n == 3);
  for (int k = 0; k < 3; k++) {
    CHECK(std::string(a.p[k].field) == "item");
    CHECK(a.p[k].type == VIR_TYPED_PARAM_STRING);
    CHECK(std::string(a.p[k].value.s) == list[k]);
    CHECK(a.p[k].value.s != list[k]);
  }
  const char* s = nullptr;
  CHECK(virTypedParamsGetString(a.p, a.n, "item", &s) == 1);
  CHECK(std::string(s) == "one");

  SECTION("a NULL list adds nothing and succeeds, leaving the last error alone") {
    CHECK(virTypedParamsGetInt(a.p, a.n, "item", nullptr) == -1);
    CHECK(virTypedParamsAddStringList(&a.p, &a.n, &a.max, "item", nullptr) == 0);
    CHECK(virGetLastErrorCode() == VIR_ERR_INVALID_ARG);
    CHECK(a.n == 3);
  }

  SECTION("an empty list adds nothing and returns -1 without an error of its own") {
    const char* empty[] = {nullptr};
    CHECK(virTypedParamsAddStringList(&a.p, &a.n, &a.max, "item", empty) == -1);
    CHECK(virGetLastError() == nullptr);
    CHECK(a.n == 3);
    CHECK(errors.calls == 0);
  }

  SECTION("the first failure stops the list") {
    std::string tooLong = repeat('e', 90);
    CHECK(virTypedParamsAddStringList(&a.p, &a.n, &a.max, tooLong.c_str(), list) == -1);
    CHECK(virGetLastErrorCode() == VIR_ERR_INTERNAL_ERROR);
    CHECK(errors.calls == 1);
    CHECK(a.n == 3);
  }
}

TEST_CASE("typed params: values parsed from text", "[typed_params]") {
  ErrorCounter errors;
  Params a;
  auto add = [&](int type, const char* text) {
    return virTypedParamsAddFromString(&a.p, &a.n, &a.max, "v", type, text);
  };
  auto last = [&]() -> virTypedParameter& { return a.p[a.n - 1]; };

  SECTION("int: base 10, leading blanks and sign, nothing after, within int") {
    for (auto [text, value] : std::vector<std::pair<const char*, int>>{
             {"42", 42}, {" 42", 42}, {"\t9", 9}, {"+5", 5}, {"-5", -5}, {"010", 10},
             {"-2147483648", INT_MIN}, {"2147483647", INT_MAX}}) {
      INFO(text);
      REQUIRE(add(VIR_TYPED_PARAM_INT, text) == 0);
      CHECK(last().type == VIR_TYPED_PARAM_INT);
      CHECK(last().value.i == value);
    }
    for (const char* text : {"42 ", "5\n", "0x10", "2147483648", "-2147483649", "", "abc", "1e3",
                             "99999999999999999999"}) {
      INFO(text);
      int before = a.n;
      CHECK(add(VIR_TYPED_PARAM_INT, text) == -1);
      requireError(VIR_ERR_INVALID_ARG, "invalid argument: Invalid value for field 'v': expected int");
      CHECK(a.n == before);
    }
  }

  SECTION("uint: a negated value wraps when its magnitude fits 32 bits") {
    for (auto [text, value] : std::vector<std::pair<const char*, unsigned int>>{
             {"4294967295", 4294967295U}, {"+4294967295", 4294967295U}, {"-1", 4294967295U},
             {"-4294967295", 1U}, {"-0", 0U}, {" 7", 7U}}) {
      INFO(text);
      REQUIRE(add(VIR_TYPED_PARAM_UINT, text) == 0);
      CHECK(last().value.ui == value);
    }
    for (const char* text : {"4294967296", "-4294967296", "-18446744073709551615", "x1", ""}) {
      INFO(text);
      CHECK(add(VIR_TYPED_PARAM_UINT, text) == -1);
      requireError(VIR_ERR_INVALID_ARG, "invalid argument: Invalid value for field 'v': expected unsigned int");
    }
  }

  SECTION("llong and ullong") {
    REQUIRE(add(VIR_TYPED_PARAM_LLONG, "-9223372036854775808") == 0);
    CHECK(last().value.l == LLONG_MIN);
    CHECK(add(VIR_TYPED_PARAM_LLONG, "9223372036854775808") == -1);
    requireError(VIR_ERR_INVALID_ARG, "invalid argument: Invalid value for field 'v': expected long long");
    REQUIRE(add(VIR_TYPED_PARAM_ULLONG, "18446744073709551615") == 0);
    CHECK(last().value.ul == ULLONG_MAX);
    REQUIRE(add(VIR_TYPED_PARAM_ULLONG, "-1") == 0);
    CHECK(last().value.ul == ULLONG_MAX);
    REQUIRE(add(VIR_TYPED_PARAM_ULLONG, "-18446744073709551615") == 0);
    CHECK(last().value.ul == 1);
    REQUIRE(add(VIR_TYPED_PARAM_ULLONG, "-4294967296") == 0);
    CHECK(last().value.ul == 18446744069414584320ULL);
    CHECK(add(VIR_TYPED_PARAM_ULLONG, "18446744073709551616") == -1);
    requireError(VIR_ERR_INVALID_ARG,
                 "invalid argument: Invalid value for field 'v': expected unsigned long long");
  }

  SECTION("double: strtod, without range errors") {
    for (auto [text, value] : std::vector<std::pair<const char*, double>>{
             {"1.5", 1.5}, {"1e3", 1000}, {"0x1p3", 8}, {" 2.5", 2.5}, {"  -3.5e2", -350}}) {
      INFO(text);
      REQUIRE(add(VIR_TYPED_PARAM_DOUBLE, text) == 0);
      CHECK(last().value.d == value);
    }
    REQUIRE(add(VIR_TYPED_PARAM_DOUBLE, "inf") == 0);
    CHECK(std::isinf(last().value.d));
    REQUIRE(add(VIR_TYPED_PARAM_DOUBLE, "nan") == 0);
    CHECK(std::isnan(last().value.d));
    for (const char* text : {"abc", "1,5", "", "0x", "1.5x", "1e400", "1e-400"}) {
      INFO(text);
      CHECK(add(VIR_TYPED_PARAM_DOUBLE, text) == -1);
      requireError(VIR_ERR_INVALID_ARG, "invalid argument: Invalid value for field 'v': expected double");
    }
  }

  SECTION("boolean: true/false in any case, 1 and 0, nothing else") {
    for (auto [text, value] : std::vector<std::pair<const char*, int>>{
             {"true", 1}, {"TRUE", 1}, {"tRuE", 1}, {"1", 1}, {"0", 0}, {"False", 0}}) {
      INFO(text);
      REQUIRE(add(VIR_TYPED_PARAM_BOOLEAN, text) == 0);
      CHECK(last().value.b == value);
    }
    for (const char* text : {"yes", " 1", "1 ", "01", ""}) {
      INFO(text);
      CHECK(add(VIR_TYPED_PARAM_BOOLEAN, text) == -1);
      requireError(VIR_ERR_INVALID_ARG, "invalid argument: Invalid boolean value for field 'v'");
    }
  }

  SECTION("string: copied as is") {
    const char* text = "str";
    REQUIRE(add(VIR_TYPED_PARAM_STRING, text) == 0);
    CHECK(std::string(last().value.s) == "str");
    CHECK(last().value.s != text);
    REQUIRE(add(VIR_TYPED_PARAM_STRING, "") == 0);
    CHECK(std::string(last().value.s).empty());
  }

  SECTION("an unknown type is an internal error") {
    for (int type : {0, 8, -1, 99}) {
      CHECK(add(type, "1") == -1);
      requireError(VIR_ERR_INTERNAL_ERROR,
                   "internal error: unexpected type " + std::to_string(type) + " for field v");
    }
    CHECK(a.n == 0);
  }

  SECTION("a NULL text is refused for every type") {
    for (int type : {int(VIR_TYPED_PARAM_INT), int(VIR_TYPED_PARAM_STRING), 99}) {
      CHECK(add(type, nullptr) == -1);
      requireError(VIR_ERR_INVALID_ARG, "invalid argument: NULL value for field 'v'");
    }
    CHECK(a.n == 0);
  }
}

TEST_CASE("typed params: Clear frees the strings, Free the array too", "[typed_params]") {
  Params a;
  REQUIRE(virTypedParamsAddString(&a.p, &a.n, &a.max, "s1", "one") == 0);
  REQUIRE(virTypedParamsAddInt(&a.p, &a.n, &a.max, "i", 1) == 0);
  REQUIRE(virTypedParamsAddString(&a.p, &a.n, &a.max, "s2", "two") == 0);
  virTypedParamsClear(a.p, a.n);
  CHECK(a.p[0].value.s == nullptr);
  CHECK(a.p[1].value.i == 1);
  CHECK(a.p[2].value.s == nullptr);
  virTypedParamsClear(a.p, a.n);  // harmless twice

  // The cleared array is refilled from the start.
  a.n = 0;
  REQUIRE(virTypedParamsAddString(&a.p, &a.n, &a.max, "s", "again") == 0);
  CHECK(a.n == 1);
  CHECK(a.max == 3);

  // Arrays on the stack are cleared, never freed.
  virTypedParameter stack[1]{};
  std::strcpy(stack[0].field, "s");
  stack[0].type = VIR_TYPED_PARAM_STRING;
  stack[0].value.s = strdup("heap");
  virTypedParamsClear(stack, 1);
  CHECK(stack[0].value.s == nullptr);

  virTypedParamsClear(nullptr, 3);
  virTypedParamsFree(nullptr, 3);
}

// libvirt dereferences these unchecked; vireo reports them instead.
TEST_CASE("typed params: missing out-pointers of the adders are invalid arguments", "[typed_params]") {
  ErrorCounter errors;
  virTypedParameterPtr p = nullptr;
  int n = 0, max = 0;
  CHECK(virTypedParamsAddInt(nullptr, &n, &max, "x", 1) == -1);
  requireError(VIR_ERR_INVALID_ARG, "params in virTypedParamsAddInt must not be NULL");
  CHECK(virTypedParamsAddString(&p, nullptr, &max, "x", "y") == -1);
  requireError(VIR_ERR_INVALID_ARG, "nparams in virTypedParamsAddString must not be NULL");
  CHECK(virTypedParamsAddFromString(&p, &n, nullptr, "x", VIR_TYPED_PARAM_INT, "1") == -1);
  requireError(VIR_ERR_INVALID_ARG, "maxparams in virTypedParamsAddFromString must not be NULL");
  n = -1;
  CHECK(virTypedParamsAddInt(&p, &n, &max, "x", 1) == -1);
  requireError(VIR_ERR_INVALID_ARG, "nparams in virTypedParamsAddInt must be zero or greater");
  CHECK(p == nullptr);
}
