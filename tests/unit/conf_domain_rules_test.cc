// libvirt 9.0's whole-definition rules (host devices, drive addresses,
// firmware, NUMA, security labels...) on definitions outside the conformance
// corpus. Each expectation was checked against Debian's libvirt 9.0 test
// driver (test:///default): the same acceptance, code and message.
#include <catch2/catch.hpp>

#include <string>

#include <libvirt/libvirt.h>

#include "lib/conf/domain.h"
#include "lib/util/error.h"

using namespace vireo::conf;

namespace {

struct Outcome {
  int code = 0;
  std::string message;
};

Outcome define(const std::string& xml) {
  try {
    parseDomainXml(xml, ParseInactive);
  } catch (const vireo::Error& e) {
    return {e.code(), e.message()};
  }
  return {};
}

std::string domain(const std::string& devices, const std::string& top = "") {
  return "<domain type='test'><name>r</name><memory>1024</memory><os><type arch='x86_64'>hvm</type></os>" + top +
         "<devices>" + devices + "</devices></domain>";
}

std::string usbHostdev(const std::string& source) {
  return "<hostdev mode='subsystem' type='usb'><source>" + source + "</source></hostdev>";
}

std::string scsiHostdev(const std::string& adapter, const std::string& unit) {
  return "<hostdev mode='subsystem' type='scsi'><source><adapter name='" + adapter +
         "'/><address bus='0' target='0' unit='1'/></source><address type='drive' controller='0' bus='0' "
         "target='0' unit='" + unit + "'/></hostdev>";
}

}  // namespace

TEST_CASE("the same host device twice is refused", "[conf]") {
  // Ids compare as numbers: 4660 is 0x1234.
  Outcome o = define(domain(usbHostdev("<vendor id='0x1234'/><product id='0xbeef'/>") +
                            usbHostdev("<vendor id='4660'/><product id='0xbeef'/>")));
  CHECK(o.code == VIR_ERR_XML_ERROR);
  CHECK(o.message == "XML error: Hostdev already exists in the domain configuration");
  // A USB device placed on the host bus is matched by its place only.
  CHECK(define(domain(usbHostdev("<vendor id='0x1234'/><product id='0xbeef'/><address bus='1' device='2'/>") +
                      usbHostdev("<vendor id='0x1234'/><product id='0xbeef'/>")))
            .code == 0);
  // An iSCSI target without a LUN is LUN 0.
  std::string iscsi = "<hostdev mode='subsystem' type='scsi'><source protocol='iscsi' name='iqn.2014-08.com.x:t";
  CHECK(define(domain(iscsi + "'><host name='h'/></source></hostdev>" + iscsi +
                      "/0'><host name='h'/></source></hostdev>"))
            .code == VIR_ERR_XML_ERROR);
}

TEST_CASE("drive addresses are used once", "[conf]") {
  Outcome o = define(domain(scsiHostdev("scsi_host0", "2") + scsiHostdev("scsi_host1", "2")));
  CHECK(o.code == VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(o.message.find("unit='2' in use by another SCSI host device") != std::string::npos);
  o = define(domain("<disk type='file'><source file='/a'/><target dev='sda' bus='scsi'/><address type='drive' "
                    "controller='0' bus='0' target='0' unit='3'/></disk>" + scsiHostdev("scsi_host0", "3")));
  CHECK(o.code == VIR_ERR_XML_ERROR);
  CHECK(o.message.find("unit='3' in use by a SCSI disk") != std::string::npos);
  o = define(domain("<disk type='file'><source file='/a'/><target dev='hda' bus='ide'/></disk><disk type='file'>"
                    "<source file='/b'/><target dev='hdb' bus='ide'/><address type='drive' controller='0' bus='0' "
                    "target='0' unit='0'/></disk>"));
  CHECK(o.code == VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(o.message == "unsupported configuration: Found duplicate drive address for disk with target name 'hda' "
                     "controller='0' bus='0' target='0' unit='0'");
  // The same address on two buses is two addresses.
  CHECK(define(domain("<disk type='file'><source file='/a'/><target dev='sda' bus='scsi'/></disk><disk type='file'>"
                      "<source file='/b'/><target dev='hdb' bus='ide'/><address type='drive' controller='0' "
                      "bus='0' target='0' unit='0'/></disk>"))
            .code == 0);
}
