// The snapshot model against libvirt 9.0's test driver (tests/unit/data/
// snapshot, made by its regenerate.py): redefinitions formatted byte for
// byte, refusals of parse and disk alignment with libvirt's code, domain
// and message, parse(format(x)) == x.
#include <catch2/catch.hpp>

#include <libvirt/libvirt.h>

#include "lib/conf/domain.h"
#include "lib/conf/domain_snapshot_def.h"
#include "tests/unit/conf_reference_cases.h"

using namespace vireo::conf;
using vireo::test::readFile;

namespace {

constexpr long long kNow = 1700000000;

// What virDomainSnapshotCreateXML does with `input` on the running domain
// `domain`, up to the driver's own steps: parse, then align (a redefinition
// against its embedded domain, a new snapshot against the domain).
DomainSnapshotDef create(const std::string& input, bool redefine, const DomainDef& domain) {
  DomainSnapshotDef def =
      parseDomainSnapshotXml(input, redefine ? unsigned{SnapshotParseRedefine} : 0u, kNow);
  if (redefine) {
    alignRedefinedSnapshot(def);
    return def;
  }
  bool external = def.memory == "external";
  if (!external) def.memory = "internal";
  def.state = "running";
  alignSnapshotDisks(def, domain, external ? "external" : "internal", !external);
  return def;
}

}  // namespace

TEST_CASE("snapshots parse, align and format as libvirt does", "[conf][snapshot]") {
  std::filesystem::path dir = vireo::test::referenceDir("snapshot");
  DomainDef domain = parseDomainXml(readFile(dir / "domain.xml"), 0);
  auto names = vireo::test::referenceCases(dir, "");
  REQUIRE(names.size() > 20);
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
      if (got.code == VIR_ERR_XML_DETAIL)
        CHECK(vireo::test::firstLine(got.message) == vireo::test::firstLine(want.message));
      else
        CHECK(got.message == want.message);
      ++refusals;
      continue;
    }
    DomainSnapshotDef def = create(input, redefine, domain);
    std::string expected = readFile(dir / (name + ".out.xml"));
    std::string formatted = formatDomainSnapshotXml(def, domain.uuid, false);
    CHECK(formatted == expected);
    // What libvirt writes, redefined, comes back the same.
    CHECK(formatDomainSnapshotXml(create(expected, true, domain), domain.uuid, false) == expected);
    ++outputs;
  }
  CHECK(outputs >= 4);
  CHECK(refusals >= 20);
}

TEST_CASE("snapshot names, states and old snapshots without a domain", "[conf][snapshot]") {
  DomainSnapshotDef def = parseDomainSnapshotXml("<domainsnapshot/>", 0, kNow);
  CHECK(def.name == "1700000000");
  CHECK(def.creationTime == kNow);
  CHECK(snapshotStateNumber("disk-snapshot") ==
        8);  // libvirt's VIR_DOMAIN_SNAPSHOT_DISK_SNAPSHOT (not public)
  CHECK(snapshotStateNumber("bogus") == -1);
  CHECK(snapshotStateName(VIR_DOMAIN_PAUSED) == "paused");
  CHECK(snapshotStateName(VIR_DOMAIN_SHUTOFF) == "shutoff");
  // A redefinition that names only the domain's UUID keeps no definition;
  // the formatter writes the UUID it is given.
  DomainSnapshotDef old = parseDomainSnapshotXml(
      "<domainsnapshot><name>old</name><state>shutoff</state><creationTime>5</creationTime>"
      "<domain><uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid></domain></domainsnapshot>",
      SnapshotParseRedefine, kNow);
  CHECK(!old.domain);
  CHECK(old.memory == "no");
  auto uuid = vireo::Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193f");
  REQUIRE(uuid);
  CHECK(formatDomainSnapshotXml(old, *uuid, false) ==
        "<domainsnapshot>\n  <name>old</name>\n  <state>shutoff</state>\n  <creationTime>5</creationTime>\n"
        "  <memory snapshot='no'/>\n  <domain>\n    <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>\n"
        "  </domain>\n</domainsnapshot>\n");
  CHECK(indentXml("<a>\n  <b/>\n</a>\n") == "  <a>\n    <b/>\n  </a>\n");
}
