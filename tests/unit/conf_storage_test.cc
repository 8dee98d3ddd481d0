// The storage pool and volume models against libvirt 9.0's test driver
// (tests/unit/data/storage, made by its regenerate.py): every output byte
// for byte, every refusal with libvirt's code, domain and message, and
// parse(format(parse(x))) == parse(x).
#include <catch2/catch.hpp>

#include <libvirt/libvirt.h>

#include "lib/conf/storage_pool.h"
#include "lib/conf/storage_vol.h"
#include "tests/unit/conf_reference_cases.h"

using namespace vireo::conf;
using vireo::test::readFile;

namespace {

std::filesystem::path dataDir() { return vireo::test::referenceDir("storage"); }

// The test driver reports every pool as 100 GiB, all of it available.
void setTestDriverSizes(StoragePoolDef& def) {
  def.capacity = 100ULL << 30;
  def.allocation = 0;
  def.available = 100ULL << 30;
}

// The pool that regenerate.py creates volumes in unless a case names one.
const char* kDirPool =
    "<pool type='dir'>\n  <name>pool</name>\n  <uuid>11111111-2222-3333-4444-555555555555</uuid>\n"
    "  <target>\n    <path>/pool</path>\n  </target>\n</pool>\n";

void checkRefusal(const std::string& name, const vireo::test::Refusal& got) {
  vireo::test::Refusal want = vireo::test::readRefusal(dataDir() / (name + ".err"));
  INFO(name << ": " << got.message);
  CHECK(got.code == want.code);
  CHECK(got.domain == want.domain);
  if (got.code == VIR_ERR_XML_DETAIL)
    CHECK(vireo::test::firstLine(got.message) == vireo::test::firstLine(want.message));
  else
    CHECK(got.message == want.message);
}

StoragePoolDef poolFor(const std::string& volCase) {
  std::filesystem::path p = dataDir() / (volCase + ".pool.xml");
  return parseStoragePoolXml(std::filesystem::exists(p) ? readFile(p) : std::string(kDirPool));
}

}  // namespace

TEST_CASE("storage pools format as libvirt's test driver does", "[conf][storage]") {
  auto names = vireo::test::referenceCases(dataDir(), "pool-");
  REQUIRE(names.size() > 60);
  int outputs = 0, refusals = 0;
  for (const std::string& name : names) {
    std::string input = readFile(dataDir() / (name + ".xml"));
    if (std::filesystem::exists(dataDir() / (name + ".err"))) {
      checkRefusal(name, vireo::test::refusalOf([&] { parseStoragePoolXml(input); }));
      ++refusals;
      continue;
    }
    INFO(name);
    StoragePoolDef def = parseStoragePoolXml(input);
    // The formatted pool reads back as the same pool.
    CHECK(parseStoragePoolXml(formatStoragePoolXml(def)) == def);
    setTestDriverSizes(def);
    std::string expected = readFile(dataDir() / (name + ".out.xml"));
    CHECK(formatStoragePoolXml(def) == expected);
    // libvirt's own output is a fixed point.
    StoragePoolDef again = parseStoragePoolXml(expected);
    setTestDriverSizes(again);
    CHECK(formatStoragePoolXml(again) == expected);
    ++outputs;
  }
  CHECK(outputs > 30);
  CHECK(refusals > 30);
}

TEST_CASE("storage volumes format as libvirt's test driver does", "[conf][storage]") {
  auto names = vireo::test::referenceCases(dataDir(), "vol-");
  REQUIRE(names.size() > 40);
  int outputs = 0, refusals = 0;
  for (const std::string& name : names) {
    StoragePoolDef pool = poolFor(name);
    std::string input = readFile(dataDir() / (name + ".xml"));
    if (std::filesystem::exists(dataDir() / (name + ".err"))) {
      checkRefusal(name, vireo::test::refusalOf([&] { parseStorageVolXml(input, pool); }));
      ++refusals;
      continue;
    }
    INFO(name);
    StorageVolDef vol = parseStorageVolXml(input, pool);
    placeVolumeInPool(vol, pool);
    std::string expected = readFile(dataDir() / (name + ".out.xml"));
    CHECK(formatStorageVolXml(vol) == expected);
    // Read back, the volume is the same, except <nocow/>, which libvirt
    // reads but never writes.
    StorageVolDef again = parseStorageVolXml(formatStorageVolXml(vol), pool);
    vol.target.nocow = false;
    CHECK(again == vol);
    CHECK(formatStorageVolXml(parseStorageVolXml(expected, pool)) == expected);
    ++outputs;
  }
  CHECK(outputs > 20);
  CHECK(refusals > 20);
}

TEST_CASE("pool defaults: source names, formats and target paths", "[conf][storage]") {
  StoragePoolDef vg = parseStoragePoolXml("<pool type='logical'><source><name>vg0</name></source></pool>");
  CHECK(vg.name == "vg0");
  CHECK(vg.source.format == "lvm2");
  CHECK(vg.targetPath == "/dev/vg0");
  StoragePoolDef zfs = parseStoragePoolXml("<pool type='zfs'><name>tank</name></pool>");
  CHECK(zfs.source.name == "tank");
  CHECK(zfs.targetPath == "/dev/zvol/tank");
  StoragePoolDef dir = parseStoragePoolXml(
      "<pool type='dir'><name>d</name><source><host name='h'/><name>n</name><format type='x'/></source>"
      "<target><path>/a//b/</path></target></pool>");
  // A dir pool reads no source host, name or format.
  CHECK(dir.source == PoolSource{});
  CHECK(dir.targetPath == "/a/b");
  // Two definitions without a UUID get different ones.
  CHECK(
      parseStoragePoolXml("<pool type='mpath'><name>m</name><target><path>/m</path></target></pool>").uuid !=
      parseStoragePoolXml("<pool type='mpath'><name>m</name><target><path>/m</path></target></pool>").uuid);
}

TEST_CASE("paths are cleaned up as libvirt does", "[conf][storage]") {
  CHECK(sanitizePath("/a//b///c/") == "/a/b/c");
  CHECK(sanitizePath("//host//x") == "//host/x");
  CHECK(sanitizePath("///x") == "/x");
  CHECK(sanitizePath("/") == "/");
  CHECK(sanitizePath("rel//x/") == "rel/x");
}

TEST_CASE("a volume's driver-reported parts are written where libvirt writes them", "[conf][storage]") {
  StoragePoolDef pool = parseStoragePoolXml(kDirPool);
  StorageVolDef vol = parseStorageVolXml("<volume><name>v</name><capacity>8</capacity></volume>", pool);
  placeVolumeInPool(vol, pool);
  vol.physical = 4096;
  vol.extents = {{"/dev/sda", 0, 10}, {"/dev/sda", 20, 30}, {"/dev/sdb", 0, 5}};
  vol.target.timestamps.atime = "1341933637.273190990";
  vol.target.timestamps.mtime = "1341930622";
  CHECK(formatStorageVolXml(vol) ==
        "<volume type='file'>\n"
        "  <name>v</name>\n"
        "  <key>/pool/v</key>\n"
        "  <source>\n"
        "    <device path='/dev/sda'>\n"
        "      <extent start='0' end='10'/>\n"
        "      <extent start='20' end='30'/>\n"
        "    </device>\n"
        "    <device path='/dev/sdb'>\n"
        "      <extent start='0' end='5'/>\n"
        "    </device>\n"
        "  </source>\n"
        "  <capacity unit='bytes'>8</capacity>\n"
        "  <allocation unit='bytes'>8</allocation>\n"
        "  <physical unit='bytes'>4096</physical>\n"
        "  <target>\n"
        "    <path>/pool/v</path>\n"
        "    <format type='raw'/>\n"
        "    <timestamps>\n"
        "      <atime>1341933637.273190990</atime>\n"
        "      <mtime>1341930622</mtime>\n"
        "    </timestamps>\n"
        "  </target>\n"
        "</volume>\n");
  // None of them is read back from XML.
  StorageVolDef again = parseStorageVolXml(formatStorageVolXml(vol), pool);
  CHECK(!again.physical);
  CHECK(again.extents.empty());
  CHECK(again.target.timestamps.empty());
}

TEST_CASE("volumes in pools without a local target keep their own path", "[conf][storage]") {
  StoragePoolDef rbd = parseStoragePoolXml(
      "<pool type='rbd'><name>r</name><source><name>rbdpool</name><host name='h'/></source></pool>");
  StorageVolDef vol = parseStorageVolXml("<volume><name>v</name><capacity>1</capacity></volume>", rbd);
  placeVolumeInPool(vol, rbd);
  CHECK(vol.target.path.empty());
  CHECK(vol.key.empty());
  CHECK(vol.target.format == "raw");
}
