// The checkpoint model against libvirt 9.0's test driver (tests/unit/
// data/checkpoint, made by its regenerate.py): new checkpoints and
// redefinitions formatted byte for byte, refusals with libvirt's code,
// domain and message (the first line for XML and schema errors), and
// what is written redefines to the same.
#include <catch2/catch.hpp>

#include <libvirt/libvirt.h>

#include "lib/conf/domain.h"
#include "lib/conf/domain_checkpoint_def.h"
#include "tests/unit/conf_reference_cases.h"

using namespace vireo::conf;
using vireo::test::readFile;

namespace {

constexpr long long kNow = 1700000000;

// What virDomainCheckpointCreateXML does with `input` on the running
// domain `domain`, up to the driver's own steps.
DomainCheckpointDef create(const std::string& input, bool redefine, const DomainDef& domain) {
  DomainCheckpointDef def =
      parseDomainCheckpointXml(input, redefine ? unsigned{CheckpointParseRedefine} : 0u, kNow);
  if (!redefine) {
    def.domain = domain;
    alignCheckpointDisks(def, domain);
  }
  return def;
}

}  // namespace

TEST_CASE("checkpoints parse, align and format as libvirt does", "[conf][checkpoint]") {
  std::filesystem::path dir = vireo::test::referenceDir("checkpoint");
  DomainDef domain = parseDomainXml(readFile(dir / "domain.xml"), 0);
  auto names = vireo::test::referenceCases(dir, "");
  REQUIRE(names.size() > 12);
  int outputs = 0, refusals = 0;
  for (const std::string& name : names) {
    if (name == "domain") continue;
    std::string input = readFile(dir / (name + ".xml"));
    bool redefine = name.find("redefine") != std::string::npos;
    INFO(name);
    if (std::filesystem::exists(dir / (name + ".err"))) {
      vireo::test::Refusal want = vireo::test::readRefusal(dir / (name + ".err"));
      vireo::test::Refusal got = vireo::test::refusalOf([&] { create(input, redefine, domain); });
      INFO(got.message);
      CHECK(got.code == want.code);
      CHECK(got.domain == want.domain);
      // libvirt's XML and schema errors carry libxml2's details after the first line.
      if (got.code == VIR_ERR_XML_DETAIL || got.code == VIR_ERR_XML_INVALID_SCHEMA)
        CHECK(vireo::test::firstLine(got.message) == vireo::test::firstLine(want.message));
      else
        CHECK(got.message == want.message);
      ++refusals;
      continue;
    }
    DomainCheckpointDef def = create(input, redefine, domain);
    std::string expected = readFile(dir / (name + ".out.xml"));
    CHECK(formatDomainCheckpointXml(def, false, false) == expected);
    CHECK(formatDomainCheckpointXml(create(expected, true, domain), false, false) == expected);
    ++outputs;
  }
  CHECK(outputs >= 6);
  CHECK(refusals >= 9);
}

TEST_CASE("checkpoint disks: defaults, read-only disks and NO_DOMAIN", "[conf][checkpoint]") {
  DomainDef domain = parseDomainXml(
      "<domain type='test'><name>d</name><memory>1024</memory><os><type>hvm</type></os><devices>"
      "<disk type='file' device='disk'><source file='/a.img'/><target dev='vda' bus='virtio'/></disk>"
      "<disk type='file' device='cdrom'><target dev='hdc' bus='ide'/><readonly/></disk>"
      "</devices></domain>",
      0);
  DomainCheckpointDef def = parseDomainCheckpointXml("<domaincheckpoint/>", 0, kNow);
  CHECK(def.name == "1700000000");
  alignCheckpointDisks(def, domain);
  REQUIRE(def.disks.size() == 2);
  CHECK(def.disks[0] == CheckpointDiskDef{"vda", "bitmap", "1700000000"});
  CHECK(def.disks[1] == CheckpointDiskDef{"hdc", "no", ""});
  CHECK(
      formatDomainCheckpointXml(def, true, false) ==
      "<domaincheckpoint>\n  <name>1700000000</name>\n  <creationTime>1700000000</creationTime>\n  <disks>\n"
      "    <disk name='vda' checkpoint='bitmap' bitmap='1700000000'/>\n    <disk name='hdc' "
      "checkpoint='no'/>\n"
      "  </disks>\n</domaincheckpoint>\n");
  DomainCheckpointDef ro = parseDomainCheckpointXml(
      "<domaincheckpoint><disks><disk name='hdc'/></disks></domaincheckpoint>", 0, kNow);
  vireo::test::Refusal got = vireo::test::refusalOf([&] { alignCheckpointDisks(ro, domain); });
  CHECK(got.code == VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(got.message == "unsupported configuration: disk 'hdc' is empty or readonly");
}
