// Socket paths for virtio channels without one (the guest agent channel),
// where libvirt puts them: libDir/channel/target/domain-ID-NAME/TARGET.
#include <catch2/catch.hpp>

#include "drivers/qemu/qemu_channel_paths.h"
#include "lib/conf/domain.h"

using namespace vireo;

namespace {

conf::DomainDef parse(const std::string& channels) {
  return conf::parseDomainXml(
      "<domain type='qemu'><name>vm</name><memory>65536</memory><os><type>hvm</type></os><devices>" + channels +
          "</devices></domain>",
      conf::ParseInactive);
}

std::string sourceAttr(const conf::ChrDef& chr, const char* name) {
  return chr.sources.empty() ? std::string() : chr.sources.front().attrOr(name);
}

}  // namespace

TEST_CASE("channelTargetDir is named after the domain's private directory", "[qemu][channel]") {
  CHECK(qemu::channelTargetDir("/r/lib/qemu", "/r/lib/qemu/domain--1-vm") == "/r/lib/qemu/channel/target/domain--1-vm");
  CHECK(qemu::channelTargetDir("/var/lib/qemu", "/var/lib/qemu/domain-7-a") ==
        "/var/lib/qemu/channel/target/domain-7-a");
}

TEST_CASE("virtio unix channels without a path get a listening socket", "[qemu][channel]") {
  conf::DomainDef def = parse(
      "<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>"
      "<channel type='unix'><target type='virtio'/>"
      "<address type='virtio-serial' controller='0' bus='0' port='3'/></channel>"
      "<channel type='unix'><source mode='connect' path='/run/given.sock'/><target type='virtio' name='x'/></channel>"
      "<channel type='pty'><target type='virtio' name='y'/></channel>");
  REQUIRE(def.channels.size() == 4);
  CHECK(qemu::assignChannelPaths(def, "/d"));
  CHECK(sourceAttr(def.channels[0], "path") == "/d/org.qemu.guest_agent.0");
  CHECK(sourceAttr(def.channels[0], "mode") == "bind");
  CHECK(sourceAttr(def.channels[1], "path") == "/d/vioser-00-00-03.sock");
  // A path given by the user, and other source types, stay as they are.
  CHECK(sourceAttr(def.channels[2], "path") == "/run/given.sock");
  CHECK(sourceAttr(def.channels[2], "mode") == "connect");
  CHECK(sourceAttr(def.channels[3], "path").empty());
}

TEST_CASE("a definition whose channels all have paths needs no directory", "[qemu][channel]") {
  conf::DomainDef def = parse("<channel type='unix'><source mode='bind' path='/p'/><target type='virtio' name='n'/></channel>");
  CHECK_FALSE(qemu::assignChannelPaths(def, "/d"));
  CHECK(sourceAttr(def.channels[0], "path") == "/p");
}
