// Device rules of libvirt 9.0's domain XML (empty disks, the serial console,
// comments, interfaces, addresses, implicit controllers...) on definitions
// outside the conformance corpus. Each expectation was checked against
// Debian's libvirt 9.0 test driver (test:///default).
#include <libvirt/libvirt.h>

#include <catch2/catch.hpp>
#include <string>

#include "lib/conf/domain.h"
#include "lib/util/error.h"

using namespace vireo::conf;

namespace {

std::string domain(const std::string& devices, const std::string& top = "") {
  return "<domain type='test'><name>r</name><memory>1024</memory><os><type arch='x86_64'>hvm</type></os>" +
         top + "<devices>" + devices + "</devices></domain>";
}

// The persistent definition as formatted, without the whitespace between
// elements, so that expectations can be written on one line.
std::string formatted(const std::string& devices, const std::string& top = "", unsigned flags = ParseInactive) {
  std::string out = formatDomainXml(parseDomainXml(domain(devices, top), flags), 0, -1);
  std::string flat;
  bool inTag = false, lineStart = false;
  for (char c : out) {
    if (c == '\n') {
      lineStart = true;
      continue;
    }
    if (lineStart && c == ' ' && !inTag) continue;
    lineStart = false;
    if (c == '<') inTag = true;
    if (c == '>') inTag = false;
    flat += c;
  }
  return flat;
}

bool has(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

int refusal(const std::string& devices, std::string* message = nullptr) {
  try {
    parseDomainXml(domain(devices), ParseInactive);
  } catch (const vireo::Error& e) {
    if (message) *message = e.message();
    return e.code();
  }
  return 0;
}

}  // namespace

TEST_CASE("a disk without a source is an empty file disk", "[conf]") {
  // Whatever type it named: a drive without a medium.
  std::string out = formatted("<disk type='network' device='cdrom'><target dev='hda'/></disk>"
                              "<disk type='block' device='floppy'><target dev='fda'/></disk>");
  CHECK(has(out, "<disk type='file' device='cdrom'><target dev='hda' bus='ide'/><readonly/>"));
  CHECK(has(out, "<disk type='file' device='floppy'><target dev='fda' bus='fdc'/>"));
  // A bare <source/> says nothing and is not written.
  CHECK(has(formatted("<disk type='file' device='cdrom'><source/><target dev='hda'/></disk>"),
            "<disk type='file' device='cdrom'><target dev='hda' bus='ide'/>"));
  CHECK(has(formatted("<disk type='file' device='cdrom'><source startupPolicy='optional'/><target dev='hda'/></disk>"),
            "<source startupPolicy='optional'/>"));
  // Only a CD-ROM or floppy drive may be empty.
  std::string message;
  CHECK(refusal("<disk type='block' device='disk'><target dev='vdb'/></disk>", &message) == VIR_ERR_NO_SOURCE);
  CHECK(message == "missing source information for device vdb");
  CHECK(refusal("<disk type='file' device='disk'><source/><target dev='vda'/></disk>") == VIR_ERR_NO_SOURCE);
  CHECK(refusal("<disk type='dir' device='disk'><source/><target dev='vda'/></disk>") == VIR_ERR_NO_SOURCE);
  CHECK(refusal("<disk type='nvme' device='disk'><target dev='vda'/></disk>") == VIR_ERR_NO_SOURCE);
  // A LUN without a source is a file one, which a LUN cannot be.
  CHECK(refusal("<disk type='network' device='lun'><target dev='sda'/></disk>") == VIR_ERR_CONFIG_UNSUPPORTED);
  // A network source names its protocol, which is enough.
  CHECK(refusal("<disk type='network' device='disk'><source protocol='nbd'/><target dev='vda'/></disk>") == 0);
}

TEST_CASE("a serial console shows the machine's own serial port", "[conf]") {
  for (const char* type : {"isa-serial", "spapr-vio-serial", "system-serial", "sclp-serial"}) {
    INFO(type);
    CHECK(has(formatted(std::string("<serial type='pty'><target type='") + type + "'/></serial>"),
              "<console type='pty'><target type='serial' port='0'/></console>"));
  }
  // A PCI or USB serial adapter, or the ISA debug port, gets no console.
  for (const char* type : {"pci-serial", "usb-serial", "isa-debug"}) {
    INFO(type);
    CHECK(!has(formatted(std::string("<serial type='pty'><target type='") + type + "'/></serial>"), "<console"));
  }
}

TEST_CASE("comments are dropped, except in metadata", "[conf]") {
  std::string out = formatted(
      "<disk type='file'><source file='/a'/><target dev='vda'/><iotune><!-- i --><total_bytes_sec>10"
      "</total_bytes_sec></iotune></disk><!-- d -->",
      "<metadata><app:x xmlns:app='http://x/'><!-- kept --><y/></app:x></metadata>"
      "<features><acpi/><!-- f --><hyperv><!-- h --><relaxed state='on'/></hyperv></features>"
      "<cputune><!-- t --><shares>10</shares></cputune><clock offset='utc'><!-- c --></clock>");
  CHECK(has(out, "<!-- kept -->"));
  CHECK(out.find("<!--") == out.rfind("<!--"));
  CHECK(has(out, "<features><acpi/><hyperv mode='custom'><relaxed state='on'/></hyperv></features>"));
  // A device given alone (attach, update) is read the same way.
  DomainDef def = parseDomainXml(domain(""), ParseInactive);
  std::string dev = formatDeviceXml(
      parseDeviceXml("<interface type='user'><bandwidth><!-- b --><inbound average='10'/></bandwidth></interface>",
                     def, ParseInactive),
      0);
  CHECK(!has(dev, "<!--"));
}

TEST_CASE("a disk source from passed file descriptors is refused", "[conf]") {
  // No vireo driver implements virDomainFDAssociate; libvirt's test driver
  // refuses fdgroup the same way (its QEMU driver accepts it).
  std::string message;
  CHECK(refusal("<disk type='file'><source file='/a' fdgroup='g'/><target dev='vdb'/></disk>", &message) ==
        VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(message == "unsupported configuration: driver does not support FD passing for disk 'vdb'");
  // A device given alone is checked the same way.
  DomainDef def = parseDomainXml(domain(""), ParseInactive);
  CHECK_THROWS_AS(parseDeviceXml("<disk type='file'><source file='/a' fdgroup='g'/><target dev='vdb'/></disk>",
                                 def, ParseInactive),
                  vireo::Error);
}

TEST_CASE("an s390 channel subsystem address gives all its numbers or none", "[conf]") {
  auto disk = [](const std::string& address) {
    return "<disk type='file'><source file='/a'/><target dev='vda'/>" + address + "</disk>";
  };
  // Not assigned yet (the test driver assigns none): zeros.
  CHECK(has(formatted(disk("<address type='ccw'/>")), "<address type='ccw' cssid='0x0' ssid='0x0' devno='0x0000'/>"));
  CHECK(has(formatted(disk("<address type='ccw' cssid='254' ssid='3' devno='65535'/>")),
            "<address type='ccw' cssid='0xfe' ssid='0x3' devno='0xffff'/>"));
  std::string message;
  CHECK(refusal(disk("<address type='ccw' cssid='0xfe' ssid='0'/>"), &message) == VIR_ERR_INTERNAL_ERROR);
  CHECK(message == "internal error: Invalid partial specification for virtio ccw address");
  CHECK(refusal(disk("<address type='ccw' cssid='0xff' ssid='0' devno='0x12'/>"), &message) ==
        VIR_ERR_INTERNAL_ERROR);
  CHECK(message ==
        "internal error: Invalid specification for virtio ccw address: cssid='0xff' ssid='0x0' devno='0x0012'");
  CHECK(refusal(disk("<address type='ccw' cssid='0xfe' ssid='4' devno='0'/>")) == VIR_ERR_INTERNAL_ERROR);
  CHECK(refusal(disk("<address type='ccw' cssid='-1' ssid='0' devno='1'/>"), &message) == VIR_ERR_XML_ERROR);
  CHECK(message == "XML error: Invalid value for attribute 'cssid' in element 'address': '-1'. Expected "
                   "non-negative integer value");
}

TEST_CASE("an interface keeps the driver settings its type and model have", "[conf]") {
  const std::string mac = "<mac address='52:54:00:00:00:01'/>";
  const std::string pci = "<source><address type='pci' domain='0' bus='6' slot='18' function='1'/></source>";
  // A hostdev interface: the host device backend after the MAC; of the
  // rest only the virtio device options, after the model.
  std::string out = formatted("<interface type='hostdev'>" + mac + pci +
                              "<model type='virtio'/><driver name='vfio' queues='4' iommu='on'><host csum='off'/>"
                              "</driver></interface>");
  CHECK(has(out, mac + "<driver name='vfio'/><source><address type='pci' domain='0x0000' bus='0x06' "
                       "slot='0x12' function='0x1'/></source>"));
  CHECK(has(out, "<model type='virtio'/><driver iommu='on'/></interface>"));
  std::string message;
  CHECK(refusal("<interface type='hostdev'>" + mac + pci + "<driver name='qemu'/></interface>", &message) ==
        VIR_ERR_XML_ERROR);
  CHECK(message == "XML error: Invalid value for attribute 'name' in element 'driver': 'qemu'.");
  // A virtio model: the backend settings in libvirt's order.
  out = formatted("<interface type='user'>" + mac +
                  "<model type='virtio'/><driver packed='on' queues='4' txmode='iothread' name='vhost'>"
                  "<guest tso4='off'/><host csum='off'/></driver></interface>");
  CHECK(has(out, "<driver name='vhost' txmode='iothread' queues='4' packed='on'><host csum='off'/>"
                 "<guest tso4='off'/></driver>"));
  CHECK(refusal("<interface type='user'>" + mac + "<model type='virtio'/><driver name='vfio'/></interface>") ==
        VIR_ERR_XML_ERROR);
  CHECK(refusal("<interface type='user'>" + mac + "<model type='virtio'/><driver queues='x'/></interface>") ==
        VIR_ERR_XML_ERROR);
  // Another model: no backend (not even checked), and no virtio options.
  out = formatted("<interface type='user'>" + mac + "<model type='e1000'/><driver name='bad' queues='x'/></interface>");
  CHECK(!has(out, "<driver"));
  CHECK(refusal("<interface type='user'>" + mac + "<model type='e1000'/><driver ats='on'/></interface>", &message) ==
        VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(message == "unsupported configuration: ats driver option is only supported for virtio devices");
  // A vhost-user interface needs a virtio model.
  CHECK(refusal("<interface type='vhostuser'>" + mac +
                "<source type='unix' path='/tmp/s' mode='server'/><model type='e1000'/></interface>") ==
        VIR_ERR_INTERNAL_ERROR);
}

TEST_CASE("traffic filters and network ports of an interface", "[conf]") {
  const std::string mac = "<mac address='52:54:00:00:00:01'/>";
  const std::string filter = "<filterref filter='f'/>";
  // Only a network, bridge or ethernet interface keeps its filter.
  CHECK(has(formatted("<interface type='bridge'>" + mac + "<source bridge='br0'/>" + filter + "</interface>"),
            filter));
  CHECK(has(formatted("<interface type='ethernet'>" + mac + filter + "</interface>"), filter));
  CHECK(!has(formatted("<interface type='user'>" + mac + filter + "</interface>"), "filterref"));
  CHECK(!has(formatted("<interface type='vhostuser'>" + mac +
                       "<source type='unix' path='/tmp/s' mode='server'/><model type='virtio'/>" + filter +
                       "</interface>"),
             "filterref"));
  // The port a network gave is live state: only status XML keeps it.
  const std::string net = "<interface type='network'>" + mac +
                          "<source network='default' portid='873be5a0-6b8a-4a0b-a1df-ef3659cd64bc'/></interface>";
  CHECK(has(formatted(net), "<source network='default'/>"));
  CHECK(has(formatted(net, "", 0), "portid='873be5a0-6b8a-4a0b-a1df-ef3659cd64bc'"));
}

TEST_CASE("SCSI host devices get drive addresses and their controllers one model", "[conf]") {
  auto hostdev = [](int n, const std::string& address = "") {
    return "<hostdev mode='subsystem' type='scsi'><source><adapter name='scsi_host" + std::to_string(n) +
           "'/><address bus='0' target='0' unit='0'/></source>" + address + "</hostdev>";
  };
  auto drive = [](int controller, int unit) {
    return "<address type='drive' controller='" + std::to_string(controller) + "' bus='0' target='0' unit='" +
           std::to_string(unit) + "'/>";
  };
  // Units 0 to 6 of each controller in turn, past the SCSI disks' and the
  // host devices' own addresses.
  std::string devices = "<disk type='file'><source file='/a'/><target dev='sdb' bus='scsi'/></disk>";
  for (int i = 0; i < 7; ++i) devices += hostdev(i, i == 2 ? drive(0, 3) : "");
  DomainDef def = parseDomainXml(domain(devices), ParseInactive);
  std::string units;
  for (const auto& h : def.hostdevs)
    units += std::to_string(h.info.address.drive.controller) + ":" + std::to_string(h.info.address.drive.unit) + " ";
  CHECK(units == "0:0 0:2 0:3 0:4 0:5 0:6 1:0 ");
  // An LSI SAS1068 has two units; the controllers added take the model of
  // the one the highest given address names.
  std::string out = formatted("<controller type='scsi' index='0' model='lsisas1068'/>" + hostdev(0) + hostdev(1) +
                              hostdev(2));
  CHECK(has(out, "<controller type='scsi' index='1' model='lsisas1068'/>"));
  CHECK(has(out, "scsi_host2'/><address bus='0' target='0' unit='0'/></source>" + drive(1, 0)));
  out = formatted("<controller type='scsi' index='1' model='buslogic'/>" + hostdev(0, drive(1, 0)) +
                  hostdev(1, drive(0, 0)));
  CHECK(has(out, "<controller type='scsi' index='0' model='buslogic'/>"));
  // Without a controller to take it from, no model.
  CHECK(has(formatted(hostdev(0)), "<controller type='scsi' index='0'/>"));
}
