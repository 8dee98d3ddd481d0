// The QEMU driver's define-time defaults and address assignment, checked
// against libvirt 9.0's output for the same inputs (tests/unit/data/
// qemuxml2xml, one pair NAME.in.xml / NAME.out.xml per case, or NAME.err
// for a definition libvirt refuses; the README there names the libvirt test
// each case mirrors). The QEMU capabilities are QEMU 7.2's, written down
// here: no QEMU is started.
#include <libvirt/libvirt.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "drivers/qemu/qemu_postparse.h"
#include "lib/conf/domain.h"
#include "lib/util/error.h"

namespace fs = std::filesystem;
using vireo::qemu::QemuCaps;
using vireo::qemu::QemuMachine;

namespace {

QemuMachine machine(std::string name, std::string alias = {}, bool isDefault = false) {
  QemuMachine m;
  m.name = std::move(name);
  m.alias = std::move(alias);
  m.isDefault = isDefault;
  m.maxCpus = 255;
  m.defaultCpuType = "qemu64-x86_64-cpu";
  return m;
}

// What probing Debian's qemu-system-x86_64 7.2 yields (the parts the
// defaults look at).
QemuCaps qemu72Caps() {
  QemuCaps caps;
  caps.binary = "/usr/bin/qemu-system-x86_64";
  caps.versionMajor = 7;
  caps.versionMinor = 2;
  caps.versionMicro = 0;
  caps.arch = "x86_64";
  caps.machines = {machine("pc-i440fx-7.2", "pc", true), machine("pc-i440fx-7.1"), machine("pc-i440fx-2.12"),
                   machine("pc-q35-7.2", "q35"), machine("pc-q35-7.1"), machine("isapc"), machine("microvm")};
  caps.machines[5].defaultCpuType = "486-x86_64-cpu";
  caps.kvmPresent = true;  // QEMU built with KVM support...
  caps.kvmEnabled = false;  // ...on a host without /dev/kvm, like this machine
  caps.deviceTypes = {
      "i8042", "isa-serial", "pci-serial", "usb-serial", "piix3-usb-uhci", "piix4-usb-uhci", "qemu-xhci",
      "nec-usb-xhci", "ich9-usb-ehci1", "ich9-usb-uhci1", "pci-ohci", "usb-ehci", "usb-tablet", "usb-kbd",
      "usb-mouse", "usb-hub", "usb-storage", "usb-bot", "usb-redir", "usb-ccid", "piix3-ide", "ich9-ahci",
      "lsi53c895a", "mptsas1068", "megasas", "pvscsi", "virtio-scsi-pci", "virtio-scsi-pci-transitional",
      "virtio-scsi-pci-non-transitional", "virtio-blk-pci", "virtio-blk-pci-transitional",
      "virtio-blk-pci-non-transitional", "virtio-net-pci", "virtio-net-pci-transitional",
      "virtio-net-pci-non-transitional", "rtl8139", "e1000", "e1000e", "vmxnet3", "virtio-serial-pci",
      "virtio-serial-pci-transitional", "virtconsole", "virtserialport", "virtio-balloon-pci",
      "virtio-balloon-pci-transitional", "virtio-rng-pci", "virtio-rng-pci-transitional", "VGA", "cirrus-vga",
      "qxl-vga", "qxl", "virtio-vga", "virtio-gpu-pci", "bochs-display", "ramfb", "vmware-svga",
      "ich9-intel-hda", "intel-hda", "AC97", "ES1370", "hda-duplex", "i6300esb", "ib700", "pcie-root-port",
      "ioh3420", "pcie-pci-bridge", "pci-bridge", "i82801b11-bridge", "pxb", "pxb-pcie", "x3130-upstream",
      "xio3130-downstream", "tpm-tis", "tpm-crb", "vhost-vsock-pci", "virtio-9p-pci", "vhost-user-fs-pci",
      "ivshmem-plain", "ivshmem-doorbell", "vfio-pci", "intel-iommu", "pvpanic", "vmcoreinfo", "vmgenid"};
  return caps;
}

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The data directory next to this file. Meson compiles with a path relative
// to the build root, so a relative __FILE__ is resolved from there (the
// executable lives in <build>/tests/unit).
fs::path dataDir() {
  fs::path src = fs::path(__FILE__).parent_path() / "data" / "qemuxml2xml";
  if (src.is_absolute() || fs::exists(src)) return src;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path fromBuild = exe.parent_path().parent_path().parent_path() / src;
    if (fs::exists(fromBuild)) return fromBuild;
  }
  return src;
}

std::vector<std::string> caseNames() {
  std::vector<std::string> names;
  fs::path dir = dataDir();
  if (!fs::is_directory(dir)) return names;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string file = e.path().filename().string();
    const std::string suffix = ".in.xml";
    if (file.size() > suffix.size() && file.ends_with(suffix)) names.push_back(file.substr(0, file.size() - suffix.size()));
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> sortedLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  return lines;
}

std::string defineXml(const std::string& xml, const QemuCaps& caps) {
  auto def = vireo::qemu::parseQemuDomainXml(xml, vireo::conf::ParseInactive, caps);
  return vireo::conf::formatDomainXml(def, VIR_DOMAIN_XML_INACTIVE, -1);
}

// virErrorNumber names used in the .err files.
int errorCode(const std::string& name) {
  static const std::vector<std::pair<std::string, int>> codes = {
      {"VIR_ERR_INTERNAL_ERROR", VIR_ERR_INTERNAL_ERROR},
      {"VIR_ERR_INVALID_ARG", VIR_ERR_INVALID_ARG},
      {"VIR_ERR_XML_ERROR", VIR_ERR_XML_ERROR},
      {"VIR_ERR_CONFIG_UNSUPPORTED", VIR_ERR_CONFIG_UNSUPPORTED}};
  for (const auto& [n, c] : codes)
    if (n == name) return c;
  FAIL("unknown error code name in .err file: " << name);
  return -1;
}

}  // namespace

TEST_CASE("qemuxml2xml: every case gives libvirt's output or libvirt's error", "[qemu][postparse]") {
  const QemuCaps caps = qemu72Caps();
  const auto names = caseNames();
  INFO("data directory: " << dataDir());
  for (const auto& name : names) {
    DYNAMIC_SECTION(name) {
      const fs::path dir = dataDir();
      const std::string input = readFile(dir / (name + ".in.xml"));
      if (fs::exists(dir / (name + ".err"))) {
        // First line: the virErrorNumber; second line: the whole message.
        std::istringstream err(readFile(dir / (name + ".err")));
        std::string code, message;
        std::getline(err, code);
        std::getline(err, message);
        try {
          defineXml(input, caps);
          FAIL("the definition was accepted, libvirt refuses it with: " << message);
        } catch (const vireo::Error& e) {
          CHECK(e.message() == message);
          CHECK(e.code() == errorCode(code));
        }
      } else {
        REQUIRE(fs::exists(dir / (name + ".out.xml")));
        const std::string expected = readFile(dir / (name + ".out.xml"));
        const std::string actual = defineXml(input, caps);
        CHECK(actual == expected);
        // Defining the output again adds and changes nothing (the order of
        // controllers may change: parsing sorts them by index, libvirt too).
        CHECK(sortedLines(defineXml(actual, caps)) == sortedLines(actual));
        // Applying the defaults twice to one definition changes nothing.
        auto def = vireo::qemu::parseQemuDomainXml(input, vireo::conf::ParseInactive, caps);
        vireo::qemu::applyQemuDefaults(def, caps);
        CHECK(vireo::conf::formatDomainXml(def, VIR_DOMAIN_XML_INACTIVE, -1) == actual);
      }
    }
  }
}

TEST_CASE("qemuxml2xml: the data set has its cases", "[qemu][postparse]") {
  INFO("data directory: " << dataDir());
  CHECK(caseNames().size() >= 15);
}

TEST_CASE("qemu postparse: type='kvm' needs KVM, other virt types are refused", "[qemu][postparse]") {
  QemuCaps caps = qemu72Caps();
  const std::string kvm =
      "<domain type='kvm'><name>k</name><uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>"
      "<memory>65536</memory><os><type>hvm</type></os></domain>";
  try {
    defineXml(kvm, caps);
    FAIL("a kvm domain was accepted without KVM");
  } catch (const vireo::Error& e) {
    CHECK(e.code() == VIR_ERR_CONFIG_UNSUPPORTED);
    CHECK(e.domain() == VIR_FROM_QEMU);
    CHECK(e.message() ==
          "unsupported configuration: Emulator '/usr/bin/qemu-system-x86_64' does not support virt type 'kvm'");
  }
  caps.kvmPresent = true;
  caps.kvmEnabled = true;
  CHECK(defineXml(kvm, caps).find("<domain type='kvm'>") == 0);

  std::string xen = kvm;
  xen.replace(xen.find("kvm"), 3, "xen");
  CHECK_THROWS_WITH(defineXml(xen, caps), Catch::Contains("does not support virt type 'xen'"));
}

TEST_CASE("qemu postparse: an unknown machine without PCI fails where libvirt fails", "[qemu][postparse]") {
  // 'foo' is neither i440fx nor q35: no PCI root bus is added, so the
  // default USB controller and balloon cannot be placed.
  const std::string xml =
      "<domain type='qemu'><name>m</name><uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>"
      "<memory>65536</memory><os><type machine='foo'>hvm</type></os></domain>";
  try {
    defineXml(xml, qemu72Caps());
    FAIL("machine 'foo' was accepted");
  } catch (const vireo::Error& e) {
    CHECK(e.code() == VIR_ERR_XML_ERROR);
    CHECK(e.domain() == VIR_FROM_DOMAIN);
    CHECK(e.message() == "XML error: No PCI buses available");
  }
}

TEST_CASE("qemu postparse: a definition from conf::parseDomainXml gets the same devices", "[qemu][postparse]") {
  const QemuCaps caps = qemu72Caps();
  const std::string xml =
      "<domain type='qemu'><name>g</name><uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>"
      "<memory>65536</memory><os><type arch='x86_64'>hvm</type></os>"
      "<devices><graphics type='vnc'/></devices></domain>";
  auto viaTree = vireo::qemu::parseQemuDomainXml(xml, vireo::conf::ParseInactive, caps);
  auto viaConf = vireo::conf::parseDomainXml(xml, vireo::conf::ParseInactive);
  vireo::qemu::applyQemuDefaults(viaConf, caps);
  // No implicit drive controller here, so even the controller order agrees.
  CHECK(vireo::conf::formatDomainXml(viaConf, VIR_DOMAIN_XML_INACTIVE, -1) ==
        vireo::conf::formatDomainXml(viaTree, VIR_DOMAIN_XML_INACTIVE, -1));
  REQUIRE(viaConf.videos.size() == 1);
  CHECK(viaConf.videos[0].type == "cirrus");
  CHECK(viaConf.videos[0].info.address.pci.slot == 2);
}

TEST_CASE("qemu addresses: a hotplugged device takes the next free slot", "[qemu][address]") {
  const QemuCaps caps = qemu72Caps();
  auto def = vireo::qemu::parseQemuDomainXml(
      "<domain type='qemu'><name>h</name><uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>"
      "<memory>65536</memory><os><type machine='pc'>hvm</type></os>"
      "<devices><interface type='user'><mac address='52:54:00:00:00:01'/></interface></devices></domain>",
      vireo::conf::ParseInactive, caps);
  REQUIRE(def.nets.size() == 1);
  CHECK(def.nets[0].info.address.pci.slot == 2);
  REQUIRE(def.memballoon);
  CHECK(def.memballoon->info.address.pci.slot == 3);

  vireo::conf::NetDef nic;
  nic.type = "user";
  nic.mac = "52:54:00:00:00:02";
  nic.model = "virtio";
  def.nets.push_back(nic);
  vireo::qemu::assignQemuAddresses(def, caps);
  CHECK(def.nets[0].info.address.pci.slot == 2);  // nothing moves
  CHECK(def.memballoon->info.address.pci.slot == 3);
  CHECK(def.nets[1].info.address.type == "pci");
  CHECK(def.nets[1].info.address.pci.slot == 4);
}

TEST_CASE("qemu addresses: full virtio-serial controllers get a new one", "[qemu][address]") {
  auto def = vireo::qemu::parseQemuDomainXml(
      "<domain type='qemu'><name>v</name><uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>"
      "<memory>65536</memory><os><type machine='pc'>hvm</type></os><devices>"
      "<controller type='virtio-serial' index='0' ports='2'/>"
      "<channel type='pty'><target type='virtio' name='a'/></channel>"
      "<channel type='pty'><target type='virtio' name='b'/></channel>"
      "</devices></domain>",
      vireo::conf::ParseInactive, qemu72Caps());
  // Port 0 is kept for a console, so a two-port controller holds one channel.
  REQUIRE(def.channels.size() == 2);
  auto attrs = [](const vireo::conf::ChrDef& c) { return c.info.address.attrs; };
  using Attrs = std::vector<std::pair<std::string, std::string>>;
  CHECK(attrs(def.channels[0]) == Attrs{{"controller", "0"}, {"bus", "0"}, {"port", "1"}});
  CHECK(attrs(def.channels[1]) == Attrs{{"controller", "1"}, {"bus", "0"}, {"port", "1"}});
  int serialControllers = 0;
  for (const auto& c : def.controllers)
    if (c.type == "virtio-serial") {
      ++serialControllers;
      CHECK(c.info.address.type == "pci");
    }
  CHECK(serialControllers == 2);
}

TEST_CASE("qemu addresses: more USB devices than ports bring a hub", "[qemu][address]") {
  std::string xml =
      "<domain type='qemu'><name>u</name><uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>"
      "<memory>65536</memory><os><type machine='pc'>hvm</type></os><devices>";
  // piix3-uhci has two ports; three tablets need a hub.
  for (int i = 0; i < 3; ++i) xml += "<input type='tablet' bus='usb'/>";
  xml += "</devices></domain>";
  auto def = vireo::qemu::parseQemuDomainXml(xml, vireo::conf::ParseInactive, qemu72Caps());
  auto hubs = def.devicesOfKind("hub");
  REQUIRE(hubs.size() == 1);
  using Attrs = std::vector<std::pair<std::string, std::string>>;
  CHECK(hubs[0]->info.address.attrs == Attrs{{"bus", "0"}, {"port", "1"}});
  std::vector<std::string> ports;
  for (const auto& i : def.inputs)
    if (i.bus == "usb") ports.push_back(i.info.address.attrs.at(1).second);
  CHECK(ports == std::vector<std::string>{"2", "1.1", "1.2"});
}

TEST_CASE("qemu addresses: a PCI address on a missing bus adds a bridge", "[qemu][address]") {
  auto def = vireo::qemu::parseQemuDomainXml(
      "<domain type='qemu'><name>b</name><uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>"
      "<memory>65536</memory><os><type machine='pc'>hvm</type></os><devices>"
      "<interface type='user'><mac address='52:54:00:00:00:01'/>"
      "<address type='pci' domain='0x0000' bus='0x01' slot='0x03' function='0x0'/></interface>"
      "<memballoon model='none'/></devices></domain>",
      vireo::conf::ParseInactive, qemu72Caps());
  const vireo::conf::ControllerDef* bridge = nullptr;
  for (const auto& c : def.controllers)
    if (c.type == "pci" && c.index == 1) bridge = &c;
  REQUIRE(bridge);
  CHECK(bridge->model == "pci-bridge");
  CHECK(bridge->info.address.pci.bus == 0);
  CHECK(bridge->info.address.pci.slot == 2);
  CHECK(def.nets[0].info.address.pci.bus == 1);
}
