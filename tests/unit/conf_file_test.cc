// libvirt's configuration-file syntax, as libvirt 9.0's virconf parser reads
// it. The error texts are libvirt 9.0's (checked against its libvirt.so).
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "lib/util/conf_file.h"
#include "lib/util/error.h"

using vireo::ConfEntry;
using vireo::ConfFile;
using vireo::ConfValue;

namespace {

// A private directory under /tmp, removed with everything in it.
struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/vireo-conf-XXXXXX";
    REQUIRE(mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string write(const std::string& name, const std::string& content) const {
    std::string file = path + "/" + name;
    std::ofstream(file) << content;
    return file;
  }
};

// The error that parsing `text` (as /x/test.conf) throws.
vireo::Error parseError(const std::string& text) {
  try {
    ConfFile::parse(text, "/x/test.conf");
  } catch (const vireo::Error& e) {
    return e;
  }
  FAIL("no error for: " << text);
  throw;  // not reached
}

void requireSyntaxError(const std::string& text, int line, const std::string& what) {
  vireo::Error e = parseError(text);
  CHECK(e.code() == VIR_ERR_CONF_SYNTAX);
  CHECK(e.domain() == VIR_FROM_CONF);
  CHECK(e.message() == "configuration file syntax error: /x/test.conf:" + std::to_string(line) + ": " + what);
}

}  // namespace

TEST_CASE("conf_file: integers, signed and unsigned", "[conf_file]") {
  ConfFile c = ConfFile::parse("a = 42\nb = -7\nc = +3\nd = 0\n", "t");
  REQUIRE(c.entries().size() == 4);
  const ConfValue& a = c.find("a")->value;
  CHECK(a.type == ConfValue::Type::Integer);
  CHECK_FALSE(a.negative);
  CHECK(a.magnitude == 42);
  CHECK(c.find("b")->value.negative);
  CHECK(c.find("b")->value.magnitude == 7);
  CHECK_FALSE(c.find("c")->value.negative);
  CHECK(*c.getInt("a") == 42);
  CHECK(*c.getInt("b") == -7);
  CHECK(*c.getUInt("c") == 3);
  CHECK(*c.getBool("d") == false);
  CHECK(*c.getULLong("a") == 42ULL);
  CHECK(c.find("a")->value.typeName() == "integer");
}

TEST_CASE("conf_file: the largest numbers", "[conf_file]") {
  ConfFile c = ConfFile::parse("big = 18446744073709551615\nmin = -2147483648\n", "t");
  CHECK(*c.getULLong("big") == 18446744073709551615ULL);
  CHECK(*c.getInt("min") == -2147483647 - 1);
  requireSyntaxError("big = 18446744073709551616\n", 1, "number is too large");
}

TEST_CASE("conf_file: strings in every quoting", "[conf_file]") {
  ConfFile c = ConfFile::parse(
      "d = \"double 'inner'\"\n"
      "s = 'single \"inner\"'\n"
      "t = \"\"\"one\ntwo\"\"\"\n"
      "e = \"\"\n"
      "after = 1\n",
      "t");
  CHECK(*c.getString("d") == "double 'inner'");
  CHECK(*c.getString("s") == "single \"inner\"");
  CHECK(*c.getString("t") == "one\ntwo");
  CHECK(*c.getString("e") == "");
  CHECK(c.find("s")->value.typeName() == "string");
  // The triple-quoted string's line end counts.
  CHECK(c.find("after")->line == 6);
}

TEST_CASE("conf_file: strings have no escapes, as in libvirt", "[conf_file]") {
  // A backslash is an ordinary character...
  ConfFile c = ConfFile::parse("p = \"C:\\\\dir\\n\"\n", "t");
  CHECK(*c.getString("p") == "C:\\\\dir\\n");
  // ...so it cannot protect a quote: the string ends at the second one.
  requireSyntaxError("p = \"a\\\"b\"\n", 1, "expecting a separator");
}

TEST_CASE("conf_file: lists across lines, trailing comma, comments inside", "[conf_file]") {
  ConfFile c = ConfFile::parse(
      "acl = [\n"
      "    \"/dev/null\", \"/dev/full\",   # the usual ones\n"
      "    # a whole comment line\n"
      "    \"/dev/kvm\",\n"
      "]\n"
      "empty = [ ]\n"
      "mixed = [ 1, 'two', [ 3 ] ]\n",
      "t");
  auto acl = c.getStringList("acl", false);
  REQUIRE(acl);
  CHECK(*acl == std::vector<std::string>{"/dev/null", "/dev/full", "/dev/kvm"});
  CHECK(c.find("acl")->value.items[2].line == 4);
  CHECK(c.getStringList("empty", false)->empty());
  const ConfValue& mixed = c.find("mixed")->value;
  CHECK(mixed.typeName() == "list");
  REQUIRE(mixed.items.size() == 3);
  CHECK(mixed.items[1].text == "two");
  CHECK(mixed.items[2].items[0].magnitude == 3);
  CHECK(c.find("empty")->line == 6);
}

TEST_CASE("conf_file: comments, blank lines, ';' and line numbers", "[conf_file]") {
  ConfFile c = ConfFile::parse(
      "# a heading comment\n"
      "\n"
      "   first = 1   # trailing comment\n"
      "\t\n"
      "second = 'x'; third = 3\n"
      "#last = 4\n",
      "t");
  REQUIRE(c.entries().size() == 3);
  CHECK(c.entries()[0].name == "first");
  CHECK(c.entries()[0].line == 3);
  CHECK(c.entries()[1].line == 5);
  CHECK(c.entries()[2].name == "third");
  CHECK(c.entries()[2].line == 5);
  CHECK(c.find("last") == nullptr);
  CHECK(ConfFile::parse("", "t").entries().empty());
  CHECK(ConfFile::parse("\n\n  \n", "t").entries().empty());
  CHECK(ConfFile::parse("a = 1", "t").entries().size() == 1);  // no final newline
  CHECK(ConfFile::parse("a = 1\r\nb = 2\r\n", "t").entries().size() == 2);
}

TEST_CASE("conf_file: every syntax error names the file and the line", "[conf_file]") {
  requireSyntaxError("a = 1\n\nb = \n", 3, "expecting a value");
  requireSyntaxError("a = 1\nb =", 2, "expecting a value");
  requireSyntaxError("a = @\n", 1, "expecting a value");
  requireSyntaxError("x = 1\n1abc = 2\n", 2, "expecting a name");
  requireSyntaxError("_a = 2\n", 1, "expecting a name");
  requireSyntaxError("abc 2\n", 1, "expecting an assignment");
  requireSyntaxError("a = \"open\nb = 1\n", 1, "unterminated string");
  requireSyntaxError("a = 'open\n", 1, "unterminated string");
  requireSyntaxError("a = \"\"\"never\nclosed\n", 3, "unterminated string");
  requireSyntaxError("a = [ 1 2 ]\n", 1, "expecting a separator in list");
  requireSyntaxError("a = [ 1,\n 2\n", 3, "list is not closed with ]");
  requireSyntaxError("a = -\n", 1, "unterminated number");
  requireSyntaxError("a = 1 2\n", 1, "expecting a separator");
  requireSyntaxError("a = 12abc\n", 1, "expecting a separator");
  requireSyntaxError("a = [ 1, ,2 ]\n", 1, "expecting a value");
}

TEST_CASE("conf_file: lists nest up to 64 levels; deeper is refused, not a stack overflow", "[conf_file]") {
  // 64 levels parse, with the innermost value in place.
  ConfFile ok = ConfFile::parse("a = " + std::string(64, '[') + "1" + std::string(64, ']') + "\n", "/x/test.conf");
  const ConfValue* v = &ok.find("a")->value;
  for (int i = 0; i < 64; ++i) {
    REQUIRE(v->type == ConfValue::Type::List);
    REQUIRE(v->items.size() == 1);
    v = &v->items[0];
  }
  CHECK(v->magnitude == 1);
  requireSyntaxError("a = " + std::string(65, '['), 1, "lists nested deeper than 64 levels");
  // Found by tests/fuzz/fuzz_qemu_conf: this crashed the parser (stack
  // overflow) before the bound; libvirt accepts files of 10 MiB.
  requireSyntaxError("\na = " + std::string(1000000, '['), 2, "lists nested deeper than 64 levels");
}

TEST_CASE("conf_file: typed getters use libvirt's numbers and words", "[conf_file]") {
  ConfFile c = ConfFile::parse(
      "s = 'str'\nn = 5\nneg = -1\nl = [ 'a', 1 ]\nbig = 4294967296\nb = 2\n", "/x/test.conf");
  auto check = [](auto fn, virErrorNumber code, const std::string& message) {
    try {
      fn();
      FAIL("no error, expected: " << message);
    } catch (const vireo::Error& e) {
      CHECK(e.code() == code);
      CHECK(e.domain() == VIR_FROM_CONF);
      CHECK(e.message() == message);
    }
  };
  check([&] { c.getString("n"); }, VIR_ERR_INTERNAL_ERROR,
        "internal error: /x/test.conf:2: expected a string for 'n' parameter");
  check([&] { c.getBool("s"); }, VIR_ERR_INTERNAL_ERROR,
        "internal error: /x/test.conf:1: expected a bool for 's' parameter");
  check([&] { c.getBool("neg"); }, VIR_ERR_INTERNAL_ERROR,
        "internal error: /x/test.conf:3: expected a bool for 'neg' parameter");
  check([&] { c.getBool("b"); }, VIR_ERR_INTERNAL_ERROR,
        "internal error: /x/test.conf:6: value for 'b' parameter must be 0 or 1");
  check([&] { c.getInt("l"); }, VIR_ERR_INTERNAL_ERROR,
        "internal error: /x/test.conf:4: expected a signed integer for 'l' parameter");
  check([&] { c.getInt("big"); }, VIR_ERR_INTERNAL_ERROR,
        "internal error: /x/test.conf:5: value for 'big' parameter must be in range -2147483648:2147483647");
  check([&] { c.getUInt("neg"); }, VIR_ERR_INTERNAL_ERROR,
        "internal error: /x/test.conf:3: expected an unsigned integer for 'neg' parameter");
  check([&] { c.getUInt("big"); }, VIR_ERR_INTERNAL_ERROR,
        "internal error: /x/test.conf:5: value for 'big' parameter must be in range 0:4294967295");
  check([&] { c.getULLong("s"); }, VIR_ERR_INTERNAL_ERROR,
        "internal error: /x/test.conf:1: expected an unsigned integer for 's' parameter");
  check([&] { c.getStringList("l", false); }, VIR_ERR_CONF_SYNTAX,
        "configuration file syntax error: /x/test.conf:4: expected a string list for 'l' parameter");
  check([&] { c.getStringList("s", false); }, VIR_ERR_INTERNAL_ERROR,
        "internal error: /x/test.conf:1: expected a string list for 's' parameter");
  check([&] { c.getStringList("n", true); }, VIR_ERR_INTERNAL_ERROR,
        "internal error: /x/test.conf:2: expected a string or string list for 'n' parameter");
  // A single string is a one-item list when the caller allows it.
  CHECK(*c.getStringList("s", true) == std::vector<std::string>{"str"});
  // Absent keys are not errors.
  CHECK_FALSE(c.getString("nope"));
  CHECK_FALSE(c.getBool("nope"));
  CHECK_FALSE(c.getStringList("nope", true));
}

TEST_CASE("conf_file: the first of two entries counts; rejectDuplicates refuses them", "[conf_file]") {
  ConfFile c = ConfFile::parse("user = 'a'\nother = 1\nuser = 'b'\n", "/x/test.conf");
  CHECK(c.entries().size() == 3);
  CHECK(*c.getString("user") == "a");
  try {
    c.rejectDuplicates();
    FAIL("duplicates accepted");
  } catch (const vireo::Error& e) {
    CHECK(e.code() == VIR_ERR_CONF_SYNTAX);
    CHECK(e.message() ==
          "configuration file syntax error: /x/test.conf:3: parameter 'user' is already set on line 1");
  }
  CHECK_NOTHROW(ConfFile::parse("a = 1\nb = 1\n", "t").rejectDuplicates());
}

TEST_CASE("conf_file: reading files", "[conf_file]") {
  TempDir dir;
  std::string file = dir.write("ok.conf", "# x\nkey = \"value\"\n");
  ConfFile c = ConfFile::read(file);
  CHECK(c.path() == file);
  CHECK(*c.getString("key") == "value");
  CHECK(c.where(*c.find("key")) == file + ":2");
  CHECK(ConfFile::readIfExists(file).has_value());

  std::string missing = dir.path + "/missing.conf";
  CHECK_FALSE(ConfFile::readIfExists(missing).has_value());
  try {
    ConfFile::read(missing);
    FAIL("a missing file was read");
  } catch (const vireo::Error& e) {
    CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
    CHECK(e.message() == "Failed to open file '" + missing + "': No such file or directory");
  }

  // A directory opens but cannot be read (this holds even for root, for
  // whom a mode-000 file would still be readable).
  try {
    ConfFile::readIfExists(dir.path);
    FAIL("a directory was read");
  } catch (const vireo::Error& e) {
    CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
    CHECK(e.message() == "Failed to read file '" + dir.path + "': Is a directory");
  }

  // A syntax error names the real path.
  std::string broken = dir.write("broken.conf", "a = 1\nb = [\n");
  try {
    ConfFile::read(broken);
    FAIL("a broken file was read");
  } catch (const vireo::Error& e) {
    CHECK(e.message() == "configuration file syntax error: " + broken + ":3: list is not closed with ]");
  }
}

TEST_CASE("conf_file: files over 10 MiB are refused", "[conf_file]") {
  TempDir dir;
  std::string file = dir.write("huge.conf", std::string(10 * 1024 * 1024 + 1, '#'));
  try {
    ConfFile::read(file);
    FAIL("a huge file was read");
  } catch (const vireo::Error& e) {
    CHECK(e.code() == VIR_ERR_SYSTEM_ERROR);
    CHECK(e.message() == "Failed to read file '" + file + "': File too large");
  }
}
