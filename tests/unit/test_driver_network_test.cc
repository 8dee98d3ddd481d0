// The test driver's networks from a custom node file (test:///PATH.xml):
// <network> elements, inline or file=, are defined and running, as in
// libvirt 9.0 (checked with Debian's libvirt), and a refused node file
// opens nothing. Through the public API, as an application sees them.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <string>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "tests/support/temp_dir.h"

namespace {

void writeFile(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
}

std::string xmlOf(virNetworkPtr net) {
  char* xml = virNetworkGetXMLDesc(net, 0);
  std::string out = xml ? xml : "";
  std::free(xml);
  return out;
}

void quiet(void*, virErrorPtr) {}

}  // namespace

TEST_CASE("a node file's networks are defined and running", "[test-driver][network]") {
  vireo::test::TempDir dir("net-node");
  writeFile(dir.sub("node.xml"),
            "<node>\n"
            "  <network><name>inline</name><uuid>0b7cb9e9-0a8c-4bf1-9a0a-3c4f2e8a1f11</uuid>"
            "<bridge name='virbr3'/></network>\n"
            "  <network file='net2.xml'/>\n"
            "</node>\n");
  writeFile(dir.sub("net2.xml"),
            "<network><name>fromfile</name><uuid>0b7cb9e9-0a8c-4bf1-9a0a-3c4f2e8a1f12</uuid>"
            "<forward mode='bridge'/><bridge name='br9'/></network>\n");
  virConnectPtr conn = virConnectOpen(("test://" + dir.sub("node.xml")).c_str());
  REQUIRE(conn);
  CHECK(virConnectNumOfNetworks(conn) == 2);
  CHECK(virConnectNumOfDefinedNetworks(conn) == 0);
  virNetworkPtr inlineNet = virNetworkLookupByName(conn, "inline");
  REQUIRE(inlineNet);
  CHECK(virNetworkIsActive(inlineNet) == 1);
  CHECK(virNetworkIsPersistent(inlineNet) == 1);
  CHECK(xmlOf(inlineNet) ==
        "<network>\n  <name>inline</name>\n  <uuid>0b7cb9e9-0a8c-4bf1-9a0a-3c4f2e8a1f11</uuid>\n"
        "  <bridge name='virbr3' stp='on' delay='0'/>\n</network>\n");
  virNetworkFree(inlineNet);
  virNetworkPtr fromFile = virNetworkLookupByName(conn, "fromfile");
  REQUIRE(fromFile);
  CHECK(xmlOf(fromFile) ==
        "<network>\n  <name>fromfile</name>\n  <uuid>0b7cb9e9-0a8c-4bf1-9a0a-3c4f2e8a1f12</uuid>\n"
        "  <forward mode='bridge'/>\n  <bridge name='br9'/>\n</network>\n");
  virNetworkFree(fromFile);
  // Not the default node's network.
  virSetErrorFunc(nullptr, quiet);
  CHECK(virNetworkLookupByName(conn, "default") == nullptr);
  CHECK(virGetLastErrorCode() == VIR_ERR_NO_NETWORK);
  CHECK(virConnectClose(conn) == 0);
}

TEST_CASE("a node file with a bad network opens nothing", "[test-driver][network]") {
  vireo::test::TempDir dir("net-node");
  writeFile(dir.sub("node.xml"), "<node><network><name>x</name><forward mode='bogus'/></network></node>\n");
  virSetErrorFunc(nullptr, quiet);
  CHECK(virConnectOpen(("test://" + dir.sub("node.xml")).c_str()) == nullptr);
  CHECK(virGetLastErrorCode() == VIR_ERR_CONFIG_UNSUPPORTED);
  writeFile(dir.sub("dup.xml"),
            "<node><network><name>x</name></network><network><name>x</name></network></node>\n");
  CHECK(virConnectOpen(("test://" + dir.sub("dup.xml")).c_str()) == nullptr);
  CHECK(virGetLastErrorCode() == VIR_ERR_OPERATION_FAILED);
}
