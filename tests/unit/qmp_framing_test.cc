// The QMP monitor's pure part (drivers/qemu/qmp_framing.h): QEMU's output
// split into lines and decoded, without a socket.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "drivers/qemu/qmp_framing.h"
#include "lib/util/json.h"

using vireo::qemu::decodeQmpMessage;
using vireo::qemu::isBlankQmpLine;
using vireo::qemu::QmpLineBuffer;
using vireo::qemu::QmpMessage;
using vireo::qemu::qmpGreetingVersion;
namespace json = vireo::json;

namespace {

void append(QmpLineBuffer& b, const std::string& s) { b.append(s.data(), s.size()); }

}  // namespace

TEST_CASE("QMP framing: lines split and merged across reads", "[qmp]") {
  QmpLineBuffer b;
  append(b, "{\"a\":");
  CHECK_FALSE(b.takeLine());
  append(b, "1}\r");
  CHECK_FALSE(b.takeLine());
  append(b, "\n{\"b\":2}\r\n{\"c\"");
  CHECK(b.takeLine() == std::optional<std::string>("{\"a\":1}\r"));
  CHECK(b.takeLine() == std::optional<std::string>("{\"b\":2}\r"));
  CHECK_FALSE(b.takeLine());
  append(b, ":3}\n\n");
  CHECK(b.takeLine() == std::optional<std::string>("{\"c\":3}"));
  CHECK(b.takeLine() == std::optional<std::string>(""));
  CHECK_FALSE(b.takeLine());
}

TEST_CASE("QMP framing: blank lines", "[qmp]") {
  CHECK(isBlankQmpLine(""));
  CHECK(isBlankQmpLine(" \t\r"));
  CHECK_FALSE(isBlankQmpLine(" {}\r"));
}

TEST_CASE("QMP framing: the greeting and its version", "[qmp]") {
  auto v = qmpGreetingVersion(json::parse(
      R"({"QMP":{"version":{"qemu":{"micro":2,"minor":2,"major":7},"package":""},"capabilities":[]}})"));
  REQUIRE(v);
  CHECK(v->at("major").asInt() == 7);
  // A greeting without a version is still the greeting.
  auto bare = qmpGreetingVersion(json::parse(R"({"QMP":{}})"));
  REQUIRE(bare);
  CHECK(bare->isNull());
  CHECK_FALSE(qmpGreetingVersion(json::parse(R"({"return":{}})")));
  CHECK_FALSE(qmpGreetingVersion(json::parse(R"([1,2])")));
}

TEST_CASE("QMP framing: events, replies and the rest", "[qmp]") {
  auto ev = decodeQmpMessage(
      R"({"timestamp":{"seconds":17,"microseconds":5},"event":"DEVICE_DELETED","data":{"device":"net1"}})");
  REQUIRE(ev);
  CHECK(ev->kind == QmpMessage::Kind::Event);
  CHECK(ev->event.name == "DEVICE_DELETED");
  CHECK(ev->event.data.at("device").asString() == "net1");
  CHECK(ev->event.seconds == 17);
  CHECK(ev->event.microseconds == 5);

  // A timestamp of the wrong types is ignored, not an error.
  auto odd = decodeQmpMessage(R"({"event":"STOP","timestamp":{"seconds":"x","microseconds":1.5}})");
  REQUIRE(odd);
  CHECK(odd->kind == QmpMessage::Kind::Event);
  CHECK(odd->event.seconds == 0);
  CHECK(odd->event.data.isNull());

  auto reply = decodeQmpMessage(R"({"return":{"status":"running"},"id":42})");
  REQUIRE(reply);
  CHECK(reply->kind == QmpMessage::Kind::Reply);
  CHECK(reply->id == 42);
  CHECK(reply->body.at("return").at("status").asString() == "running");

  // Not an event (name not a string), no integer id: ignored.
  for (const char* other : {R"({"event":1})", R"({"id":"1","return":{}})", R"([])", R"("x")"}) {
    auto m = decodeQmpMessage(other);
    REQUIRE(m);
    CHECK(m->kind == QmpMessage::Kind::Other);
  }
  CHECK_FALSE(decodeQmpMessage("{\"return\":"));
  CHECK_FALSE(decodeQmpMessage("garbage"));
}

TEST_CASE("QMP framing: an endless line overflows at libvirt's 10 MiB", "[qmp]") {
  QmpLineBuffer b;
  std::string mib(1024 * 1024, 'x');
  for (int i = 0; i < 10; ++i) append(b, mib);
  CHECK_FALSE(b.takeLine());
  CHECK_FALSE(b.overflowed());  // exactly the limit is still allowed
  append(b, "x");
  CHECK_FALSE(b.takeLine());
  CHECK(b.overflowed());
  // A complete line resets it: only an incomplete line counts.
  append(b, "\n");
  CHECK(b.takeLine());
  CHECK_FALSE(b.overflowed());
}
