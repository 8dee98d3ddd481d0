// The node-device model against libvirt 9.0: the default devices of its
// test driver format byte for byte as Debian's libvirt shows them, and
// refusals come with libvirt's code, domain and message (measured through
// virNodeDeviceCreateXML, tests/capi/test_nodedev.c checks them end to end).
#include <catch2/catch.hpp>

#include <libvirt/libvirt.h>

#include "lib/conf/node_device_def.h"
#include "tests/unit/conf_reference_cases.h"

using namespace vireo::conf;

namespace {

constexpr const char* kComputer = R"(<device>
  <name>computer</name>
  <capability type='system'>
    <hardware>
      <vendor>Libvirt</vendor>
      <version>Test driver</version>
      <serial>123456</serial>
      <uuid>11111111-2222-3333-4444-555555555555</uuid>
    </hardware>
    <firmware>
      <vendor>Libvirt</vendor>
      <version>Test Driver</version>
      <release_date>01/22/2007</release_date>
    </firmware>
  </capability>
</device>
)";

constexpr const char* kScsiHost = R"(<device>
  <name>scsi_host2</name>
  <parent>computer</parent>
  <capability type='scsi_host'>
    <host>2</host>
    <unique_id>1</unique_id>
    <capability type='fc_host'>
      <wwnn>2000000056785678</wwnn>
      <wwpn>1000000056785678</wwpn>
      <fabric_wwn>2000000087658765</fabric_wwn>
    </capability>
    <capability type='vport_ops'>
      <max_vports>0</max_vports>
      <vports>0</vports>
    </capability>
  </capability>
</device>
)";

vireo::test::Refusal refusal(const std::string& xml, NodeDeviceParse mode = NodeDeviceParse::Create) {
  return vireo::test::refusalOf([&] { parseNodeDeviceXml(xml, mode); });
}

}  // namespace

TEST_CASE("node devices format as libvirt does", "[conf][nodedev]") {
  for (const char* xml : {kComputer, kScsiHost}) {
    NodeDeviceDef def = parseNodeDeviceXml(xml, NodeDeviceParse::Existing);
    CHECK(formatNodeDeviceXml(def) == xml);
    CHECK(parseNodeDeviceXml(formatNodeDeviceXml(def), NodeDeviceParse::Existing) == def);
  }
  // libvirt reads max_vports and vports from sysfs: given values do not show.
  NodeDeviceDef host = parseNodeDeviceXml(
      "<device><name>h</name><capability type='scsi_host'><host>3</host>"
      "<capability type='vport_ops'><max_vports>127</max_vports><vports>1</vports></capability>"
      "</capability></device>",
      NodeDeviceParse::Existing);
  CHECK(formatNodeDeviceXml(host) ==
        "<device>\n  <name>h</name>\n  <capability type='scsi_host'>\n    <host>3</host>\n"
        "    <capability type='vport_ops'>\n      <max_vports>0</max_vports>\n      <vports>0</vports>\n"
        "    </capability>\n  </capability>\n</device>\n");
}

TEST_CASE("node device capabilities as listings see them", "[conf][nodedev]") {
  NodeDeviceDef computer = parseNodeDeviceXml(kComputer, NodeDeviceParse::Existing);
  NodeDeviceDef host = parseNodeDeviceXml(kScsiHost, NodeDeviceParse::Existing);
  CHECK(computer.hasCap("system"));
  CHECK(!computer.hasCap("scsi_host"));
  CHECK(computer.fcHost() == nullptr);
  CHECK(host.hasCap("scsi_host"));
  CHECK(host.hasCap("fc_host"));
  CHECK(host.hasCap("vports"));
  CHECK(!host.hasCap("vport_ops"));
  REQUIRE(host.fcHost() != nullptr);
  CHECK(host.fcHost()->wwnn == "2000000056785678");
  CHECK(host.parent == "computer");
  CHECK(nodeDeviceCapTypes().size() == 22);
  CHECK(nodeDeviceCapTypes()[9] == "fc_host");  // VIR_CONNECT_LIST_NODE_DEVICES_CAP_FC_HOST is 1 << 9
}

TEST_CASE("a device to create", "[conf][nodedev]") {
  NodeDeviceDef def = parseNodeDeviceXml(
      "<device><name>x</name><parent wwnn='a' wwpn='b'>p</parent><capability type='scsi_host'>"
      "<host>zz</host><capability type='fc_host'><wwnn>1</wwnn><wwpn>2</wwpn></capability>"
      "</capability></device>",
      NodeDeviceParse::Create);
  CHECK(def.name == "new device");  // the given name is not used
  CHECK(def.parent == "p");
  CHECK(def.parentWwnn == "a");
  CHECK(def.parentWwpn == "b");
  REQUIRE(def.fcHost() != nullptr);
  CHECK(def.fcHost()->wwpn == "2");
}

TEST_CASE("node device refusals", "[conf][nodedev]") {
  struct Case {
    std::string xml;
    int code, domain;
    std::string message;
    NodeDeviceParse mode = NodeDeviceParse::Create;
  };
  const std::string fc = "<capability type='fc_host'><wwnn>1</wwnn><wwpn>2</wwpn></capability>";
  const Case cases[] = {
      {"<dev/>", VIR_ERR_XML_ERROR, VIR_FROM_XML, "XML error: expecting root element of 'device', not 'dev'"},
      {"<device/>", VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV,
       "internal error: no device capabilities for 'new device'"},
      {"<device><capability type='bogus'/></device>", VIR_ERR_XML_ERROR, VIR_FROM_XML,
       "XML error: Invalid value for attribute 'type' in element 'capability': 'bogus'."},
      {"<device><capability/></device>", VIR_ERR_XML_ERROR, VIR_FROM_XML,
       "XML error: Missing required attribute 'type' in element 'capability'"},
      {"<device><capability type='fc_host'/></device>", VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV,
       "internal error: unknown capability type '9' for 'new device'"},
      {"<device><capability type='system'/></device>", VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV,
       "internal error: no system UUID supplied for 'new device'"},
      {"<device><capability type='system'><hardware><uuid>zz</uuid></hardware></capability></device>",
       VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV, "internal error: malformed uuid element for 'new device'"},
      {"<device><parent wwnn='9'/><capability type='scsi_host'>" + fc + "</capability></device>", VIR_ERR_XML_ERROR,
       VIR_FROM_NODEDEV, "XML error: when providing parent wwnn='9', the wwpn must also be provided"},
      {"<device><capability type='scsi_host'><capability type='fc_host'><wwpn>2</wwpn></capability></capability>"
       "</device>",
       VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV,
       "internal error: no WWNN supplied for 'new device', and auto-generation failed"},
      {"<device><capability type='scsi_host'><capability type='x'/></capability></device>", VIR_ERR_INTERNAL_ERROR,
       VIR_FROM_NODEDEV, "internal error: unknown SCSI host capability type 'x' for 'new device'"},
      // A device of a node file needs its name and SCSI host number.
      {"<device><name>h</name><capability type='scsi_host'/></device>", VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV,
       "internal error: no SCSI host ID supplied for 'h'", NodeDeviceParse::Existing},
      {"<device><name>h</name><capability type='scsi_host'><host>x</host></capability></device>",
       VIR_ERR_INTERNAL_ERROR, VIR_FROM_NODEDEV, "internal error: invalid SCSI host ID supplied for 'h'",
       NodeDeviceParse::Existing},
  };
  for (const Case& c : cases) {
    INFO(c.xml);
    vireo::test::Refusal got = refusal(c.xml, c.mode);
    CHECK(got.code == c.code);
    CHECK(got.domain == c.domain);
    CHECK(got.message == c.message);
  }
  CHECK(refusal("junk").code == VIR_ERR_XML_DETAIL);
}
