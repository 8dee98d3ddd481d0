#include <catch2/catch.hpp>

#include <libvirt/libvirt.h>

#include "lib/conf/domain.h"
#include "lib/util/error.h"
#include "lib/util/xml.h"

using namespace vireo::conf;

namespace {

const char* kMinimal =
    "<domain type='test'><name>a&apos;b</name><memory unit='MiB'>1</memory>"
    "<os><type>hvm</type></os><devices><disk type='file'><source file='/x'/>"
    "<target dev='hdb'/></disk><interface type='user'/>"
    "<graphics type='vnc' passwd='secret'/></devices></domain>";

int errorCode(const char* xml) {
  try {
    parseDomainXml(xml, ParseInactive);
  } catch (const vireo::Error& e) {
    return e.code();
  }
  return 0;
}

}  // namespace

TEST_CASE("a minimal domain gets libvirt's defaults", "[conf]") {
  DomainDef def = parseDomainXml(kMinimal, ParseInactive);
  CHECK(def.uuidGenerated);
  CHECK(def.memory.maxKiB == 1024);
  CHECK(def.memory.currentKiB == 1024);
  CHECK(def.os.arch == "i686");
  REQUIRE(def.disks.size() == 1);
  CHECK(def.disks[0].targetBus == "ide");
  CHECK(def.disks[0].info.address.drive.unit == 1);
  REQUIRE(def.controllers.size() == 1);
  CHECK(def.controllers[0].type == "ide");
  REQUIRE(def.nets.size() == 1);
  CHECK(def.nets[0].mac.rfind("52:54:00:", 0) == 0);
  REQUIRE(def.videos.size() == 1);
  CHECK(def.videos[0].type == "cirrus");

  std::string out = formatDomainXml(def, 0, -1);
  CHECK(out.find("<name>a&apos;b</name>") != std::string::npos);
  CHECK(out.find("<vcpu placement='static'>1</vcpu>") != std::string::npos);
  CHECK(out.find("<boot dev='hd'/>") != std::string::npos);
  CHECK(out.find("<on_crash>destroy</on_crash>") != std::string::npos);
  CHECK(out.find("passwd") == std::string::npos);
  CHECK(formatDomainXml(def, VIR_DOMAIN_XML_SECURE, -1).find("passwd='secret'") != std::string::npos);
  CHECK(formatDomainXml(def, 0, 3).find("<domain type='test' id='3'>") == 0);
  CHECK(out.back() == '\n');
}

TEST_CASE("formatting is a fixed point", "[conf]") {
  DomainDef def = parseDomainXml(kMinimal, ParseInactive);
  std::string once = formatDomainXml(def, VIR_DOMAIN_XML_SECURE, -1);
  std::string twice = formatDomainXml(parseDomainXml(once, ParseInactive), VIR_DOMAIN_XML_SECURE, -1);
  CHECK(once == twice);
}

TEST_CASE("bad definitions are refused with libvirt's codes", "[conf]") {
  CHECK(errorCode("<domain type='test'><name>x</name>") == VIR_ERR_XML_DETAIL);
  CHECK(errorCode("<domain type='test'><memory>1</memory><os><type>hvm</type></os></domain>") ==
        VIR_ERR_NO_NAME);
  CHECK(errorCode("<domain type='test'><name>a/b</name><memory>1</memory></domain>") == VIR_ERR_XML_ERROR);
  CHECK(errorCode("<domain type='nope'><name>a</name><memory>1</memory></domain>") == VIR_ERR_XML_ERROR);
  CHECK(errorCode("<domain type='test'><name>a</name><uuid>zz</uuid><memory>1</memory></domain>") ==
        VIR_ERR_INTERNAL_ERROR);
}

TEST_CASE("malformed XML reports libvirt's message shape", "[conf]") {
  try {
    parseDomainXml("<domain type='test'>\n<name>x</nam></domain>", 0);
    FAIL("accepted");
  } catch (const vireo::Error& e) {
    CHECK(e.code() == VIR_ERR_XML_DETAIL);
    CHECK(e.message().rfind("(domain_definition):2: ", 0) == 0);
    CHECK(e.message().find("\n<name>x</nam></domain>\n") != std::string::npos);
  }
}

TEST_CASE("devices are found, added, replaced and removed", "[conf]") {
  DomainDef def = parseDomainXml(kMinimal, ParseInactive);
  DeviceDef disk = parseDeviceXml("<disk type='file'><source file='/y'/><target dev='vdb'/></disk>", def, 0);
  addDevice(def, disk);
  CHECK(def.disks.size() == 2);
  CHECK(findDevice(def, disk) == 1);
  CHECK_THROWS_AS(addDevice(def, disk), vireo::Error);
  removeDevice(def, disk);
  CHECK(def.disks.size() == 1);
  CHECK_THROWS_AS(removeDevice(def, disk), vireo::Error);
}

TEST_CASE("metadata get and set", "[conf]") {
  DomainDef def = parseDomainXml(kMinimal, ParseInactive);
  CHECK_THROWS_AS(getMetadata(def, VIR_DOMAIN_METADATA_TITLE, ""), vireo::Error);
  setMetadata(def, VIR_DOMAIN_METADATA_TITLE, "hello", nullptr, nullptr);
  CHECK(getMetadata(def, VIR_DOMAIN_METADATA_TITLE, "") == "hello");
  CHECK_THROWS_AS(setMetadata(def, VIR_DOMAIN_METADATA_TITLE, "a\nb", nullptr, nullptr), vireo::Error);
  setMetadata(def, VIR_DOMAIN_METADATA_ELEMENT, "<foo bar='1'/>", "app", "http://app.example/");
  // Stored with the application's prefix, handed back without it (libvirt 9.0).
  CHECK(getMetadata(def, VIR_DOMAIN_METADATA_ELEMENT, "http://app.example/") == "<foo bar=\"1\"/>");
  setMetadata(def, VIR_DOMAIN_METADATA_ELEMENT, nullptr, nullptr, "http://app.example/");
  CHECK_THROWS_AS(getMetadata(def, VIR_DOMAIN_METADATA_ELEMENT, "http://app.example/"), vireo::Error);
}
