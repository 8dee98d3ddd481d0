// The host-interface model against libvirt 9.0's test driver (tests/unit/
// data/interface, made by its regenerate.py): outputs byte for byte,
// refusals with libvirt's code, domain and message, and
// parse(format(parse(x))) == parse(x).
#include <catch2/catch.hpp>

#include <libvirt/libvirt.h>

#include "lib/conf/interface_def.h"
#include "tests/unit/conf_reference_cases.h"

using namespace vireo::conf;
using vireo::test::readFile;

TEST_CASE("interfaces format as libvirt does", "[conf][interface]") {
  std::filesystem::path dir = vireo::test::referenceDir("interface");
  auto names = vireo::test::referenceCases(dir, "");
  REQUIRE(names.size() > 15);
  int outputs = 0, refusals = 0;
  for (const std::string& name : names) {
    std::string input = readFile(dir / (name + ".xml"));
    INFO(name);
    if (std::filesystem::exists(dir / (name + ".err"))) {
      vireo::test::Refusal want = vireo::test::readRefusal(dir / (name + ".err"));
      vireo::test::Refusal got = vireo::test::refusalOf([&] { parseInterfaceXml(input); });
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
    InterfaceDef def = parseInterfaceXml(input);
    std::string expected = readFile(dir / (name + ".out.xml"));
    CHECK(formatInterfaceXml(def) == expected);
    CHECK(formatInterfaceXml(parseInterfaceXml(expected)) == expected);
    ++outputs;
  }
  CHECK(outputs == 8);
  CHECK(refusals == 11);
}

TEST_CASE("interface identity fields", "[conf][interface]") {
  InterfaceDef eth = parseInterfaceXml(
      "<interface type='ethernet' name='eth1'><mac address='aa:bb:cc:dd:ee:ff'/><mtu size='1492'/></interface>");
  CHECK(eth.type == "ethernet");
  CHECK(eth.name == "eth1");
  CHECK(eth.mac == "aa:bb:cc:dd:ee:ff");
  CHECK(eth.mtu == 1492u);
  InterfaceDef br = parseInterfaceXml("<interface type='bridge' name='br0'><bridge/></interface>");
  CHECK(br.mac.empty());
  CHECK(!br.mtu);
  // libvirt 9.0 fails here without a message; vireo names the cause.
  auto bad = vireo::test::refusalOf(
      [] { parseInterfaceXml("<interface type='ethernet' name='a'><mtu size='x'/></interface>"); });
  CHECK(bad.code == VIR_ERR_XML_ERROR);
  CHECK(bad.message == "XML error: invalid mtu size 'x' of interface 'a'");
}
