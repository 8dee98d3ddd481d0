// libvirt 9.0's whole-definition rules (host devices, drive addresses,
// firmware, NUMA, security labels...) on definitions outside the conformance
// corpus. Each expectation was checked against Debian's libvirt 9.0 test
// driver (test:///default): the same acceptance, code and message.
#include <libvirt/libvirt.h>

#include <catch2/catch.hpp>
#include <string>

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
  return "<domain type='test'><name>r</name><memory>1024</memory><os><type arch='x86_64'>hvm</type></os>" +
         top + "<devices>" + devices + "</devices></domain>";
}

std::string usbHostdev(const std::string& source) {
  return "<hostdev mode='subsystem' type='usb'><source>" + source + "</source></hostdev>";
}

std::string scsiHostdev(const std::string& adapter, const std::string& unit) {
  return "<hostdev mode='subsystem' type='scsi'><source><adapter name='" + adapter +
         "'/><address bus='0' target='0' unit='1'/></source><address type='drive' controller='0' bus='0' "
         "target='0' unit='" +
         unit + "'/></hostdev>";
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
  std::string iscsi =
      "<hostdev mode='subsystem' type='scsi'><source protocol='iscsi' name='iqn.2014-08.com.x:t";
  CHECK(define(domain(iscsi + "'><host name='h'/></source></hostdev>" + iscsi +
                      "/0'><host name='h'/></source></hostdev>"))
            .code == VIR_ERR_XML_ERROR);
}

TEST_CASE("drive addresses are used once", "[conf]") {
  Outcome o = define(domain(scsiHostdev("scsi_host0", "2") + scsiHostdev("scsi_host1", "2")));
  CHECK(o.code == VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(o.message.find("unit='2' in use by another SCSI host device") != std::string::npos);
  o = define(
      domain("<disk type='file'><source file='/a'/><target dev='sda' bus='scsi'/><address type='drive' "
             "controller='0' bus='0' target='0' unit='3'/></disk>" +
             scsiHostdev("scsi_host0", "3")));
  CHECK(o.code == VIR_ERR_XML_ERROR);
  CHECK(o.message.find("unit='3' in use by a SCSI disk") != std::string::npos);
  o = define(
      domain("<disk type='file'><source file='/a'/><target dev='hda' bus='ide'/></disk><disk type='file'>"
             "<source file='/b'/><target dev='hdb' bus='ide'/><address type='drive' controller='0' bus='0' "
             "target='0' unit='0'/></disk>"));
  CHECK(o.code == VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(o.message ==
        "unsupported configuration: Found duplicate drive address for disk with target name 'hda' "
        "controller='0' bus='0' target='0' unit='0'");
  // The same address on two buses is two addresses.
  CHECK(define(
            domain(
                "<disk type='file'><source file='/a'/><target dev='sda' bus='scsi'/></disk><disk type='file'>"
                "<source file='/b'/><target dev='hdb' bus='ide'/><address type='drive' controller='0' "
                "bus='0' target='0' unit='0'/></disk>"))
            .code == 0);
}

namespace {

const char* kTwoCells =
    "<cpu><numa><cell id='0' cpus='0' memory='1048576'/><cell id='1' cpus='1' "
    "memory='1048576'/></numa></cpu>";

std::string withHugepages(const std::string& pages, const std::string& cpu = "") {
  return "<domain type='test'><name>h</name><memory>4194304</memory><memoryBacking><hugepages>" + pages +
         "</hugepages></memoryBacking><vcpu>2</vcpu><os><type arch='x86_64'>hvm</type></os>" + cpu +
         "<devices/></domain>";
}

std::string withNumatune(const std::string& numatune, const std::string& vcpuAttrs = "") {
  return "<domain type='test'><name>n</name><memory>4194304</memory><vcpu" + vcpuAttrs +
         ">2</vcpu><numatune>" + numatune + "</numatune><os><type arch='x86_64'>hvm</type></os>" + kTwoCells +
         "<devices/></domain>";
}

}  // namespace

TEST_CASE("huge pages are read in KiB and checked against the NUMA cells", "[conf]") {
  std::string out = formatDomainXml(
      parseDomainXml(withHugepages("<page size='1' unit='G' nodeset='1'/><page size='2048'/>", kTwoCells), 0),
      0, -1);
  CHECK(out.find("<page size='1048576' unit='KiB' nodeset='1'/>\n      <page size='2048' unit='KiB'/>") !=
        std::string::npos);
  // Without cells, a nodeset of just node 0 is the whole guest.
  out = formatDomainXml(parseDomainXml(withHugepages("<page size='2048' nodeset='0-1,^1'/>"), 0), 0, -1);
  CHECK(out.find("<page size='2048' unit='KiB'/>") != std::string::npos);
  Outcome o =
      define(withHugepages("<page size='2' unit='M' nodeset='0'/><page size='1' unit='G' nodeset='0'/>"));
  CHECK(o.code == VIR_ERR_XML_DETAIL);
  CHECK(o.message == "two master hugepages detected: 1048576 and 2048");
  o = define(withHugepages("<page size='2048' nodeset='0'/><page size='1048576' nodeset='0'/>", kTwoCells));
  CHECK(o.message == "nodeset attribute of hugepages of sizes 1048576 and 2048 intersect");
  CHECK(define(withHugepages("<page size='2048' nodeset='0,1'/>")).message == "hugepages: node 0 not found");
  CHECK(define(withHugepages("<page size='2048' nodeset='2'/>", kTwoCells)).message ==
        "hugepages: node 2 not found");
  CHECK(define(withHugepages("<page size='0'/>")).code == VIR_ERR_XML_DETAIL);
  CHECK(define(withHugepages("<page/>")).code == VIR_ERR_XML_ERROR);
  o = define(
      withHugepages("<page size='2048'/>",
                    "<cpu><numa><cell id='0' cpus='0-1' memory='1048576' memAccess='bogus'/></numa></cpu>"));
  CHECK(o.message == "XML error: Invalid value for attribute 'memAccess' in element 'cell': 'bogus'.");
}

TEST_CASE("numatune memnodes name existing cells once", "[conf]") {
  std::string out = formatDomainXml(
      parseDomainXml(
          withNumatune("<memnode cellid='1' nodeset='0-1,^0'/><memory mode='strict' nodeset='0-1'/>"
                       "<memnode cellid='0' mode='interleave' nodeset='0'/>"),
          0),
      0, -1);
  CHECK(
      out.find(
          "<numatune>\n    <memory mode='strict' nodeset='0-1'/>\n    <memnode cellid='0' mode='interleave' "
          "nodeset='0'/>\n    <memnode cellid='1' mode='strict' nodeset='1'/>") != std::string::npos);
  CHECK(define(withNumatune("<memnode cellid='1' nodeset='0'/>", " placement='auto'")).code ==
        VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(define(withNumatune("<memnode cellid='2' nodeset='0'/>")).code == VIR_ERR_XML_ERROR);
  CHECK(define(withNumatune("<memnode cellid='1' nodeset='0'/><memnode cellid='1' nodeset='1'/>")).message ==
        "XML error: Multiple memnode elements with cellid 1");
  CHECK(define(withNumatune("<memnode cellid='1'/>")).code == VIR_ERR_XML_ERROR);
  // Restrictive memory needs restrictive cells; libvirt 9.0 allows the converse.
  CHECK(define(withNumatune("<memory mode='restrictive' nodeset='0'/><memnode cellid='0' nodeset='0'/>"))
            .code == VIR_ERR_XML_ERROR);
  CHECK(define(withNumatune("<memory mode='strict' nodeset='0'/><memnode cellid='0' mode='restrictive' "
                            "nodeset='0'/>"))
            .code == 0);
}

TEST_CASE("PCI controller settings are in libvirt's ranges", "[conf]") {
  auto pci = [](const std::string& controller) {
    return define(domain("<controller type='pci' index='0' model='pci-root'/>" + controller));
  };
  CHECK(pci("<controller type='pci' index='1' model='pci-expander-bus'><target busNr='255'/></controller>")
            .message == "unsupported configuration: PCI controller busNr '255' out of range - must be 1-254");
  CHECK(
      pci("<controller type='pci' index='1' model='pci-bridge'><target chassisNr='0'/></controller>").code ==
      VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(pci("<controller type='pci' index='300' model='pci-bridge'/>").code == VIR_ERR_CONFIG_UNSUPPORTED);
  CHECK(
      pci("<controller type='pci' index='1' model='pci-bridge'><target chassisNr='5'/></controller>").code ==
      0);
  CHECK(define(domain("<controller type='pci' index='0' model='pci-root'><target><node>0</node></target>"
                      "</controller>"))
            .code == VIR_ERR_CONFIG_UNSUPPORTED);
}

namespace {

std::string withOs(const std::string& osAttrs, const std::string& os) {
  return "<domain type='test'><name>f</name><memory>1048576</memory><os" + osAttrs +
         "><type arch='x86_64' machine='pc-q35-4.0'>hvm</type>" + os + "</os><devices/></domain>";
}

std::string osXml(const std::string& osAttrs, const std::string& os) {
  std::string out = formatDomainXml(parseDomainXml(withOs(osAttrs, os), 0), 0, -1);
  return out.substr(out.find("<os"), out.find("</os>") - out.find("<os"));
}

}  // namespace

TEST_CASE("firmware autoselection leaves the image to the hypervisor", "[conf]") {
  const std::string efi = " firmware='efi'";
  for (const char* attr : {"readonly", "type", "secure"}) {
    std::string loader =
        std::string("<loader ") + attr + "='" + (attr == std::string("type") ? "rom" : "no") + "'/>";
    Outcome o = define(withOs(efi, loader));
    CHECK(o.code == VIR_ERR_XML_DETAIL);
    CHECK(o.message == std::string("loader attribute '") + attr +
                           "' cannot be specified when firmware autoselection is enabled");
  }
  // A path is an image, and so a type.
  CHECK(define(withOs(efi, "<loader>/x.fd</loader>")).message.find("'type'") != std::string::npos);
  CHECK(define(withOs(efi, "<nvram template='/t'/>")).code == VIR_ERR_XML_DETAIL);
  CHECK(define(withOs(" firmware='bios'", "<nvram>/n</nvram>")).message ==
        "firmware type 'bios' does not support nvram");
  CHECK(define(withOs(" firmware='bios'", "<loader stateless='no'/>")).message ==
        "Only EFI firmware permits NVRAM");
  CHECK(define(withOs(efi,
                      "<firmware><feature enabled='yes' name='enrolled-keys'/><feature enabled='no' "
                      "name='secure-boot'/></firmware>"))
            .code == VIR_ERR_XML_DETAIL);
  CHECK(define(withOs(" firmware='uefi'", "")).code == VIR_ERR_XML_ERROR);
  // Features in libvirt's order, the last value wins, enrolled keys imply
  // Secure Boot; a loader that says nothing is dropped.
  CHECK(
      osXml(efi, "<firmware><feature enabled='yes' name='enrolled-keys'/></firmware><loader format='raw'/>")
          .find(
              "<firmware>\n      <feature enabled='yes' name='enrolled-keys'/>\n      <feature enabled='yes' "
              "name='secure-boot'/>\n    </firmware>\n    <boot") != std::string::npos);
  CHECK(osXml(efi,
              "<firmware><feature enabled='yes' name='secure-boot'/><feature enabled='no' "
              "name='secure-boot'/></firmware>")
            .find("<feature enabled='no' name='secure-boot'/>\n    </firmware>") != std::string::npos);
  // Without autoselection the features are not read.
  CHECK(osXml("", "<loader>/x</loader><firmware><feature enabled='yes' name='bogus'/></firmware>")
            .find("firmware") == std::string::npos);
}

TEST_CASE("a manual loader names its image, a ROM by default", "[conf]") {
  CHECK(osXml("", "<loader stateless='yes'>/x</loader>")
            .find("<loader type='rom' stateless='yes'>/x</loader>") != std::string::npos);
  CHECK(osXml("", "<loader type='pflash' stateless='no' readonly='yes' secure='no'>/x</loader>")
            .find("<loader readonly='yes' secure='no' type='pflash' stateless='no'>/x</loader>") !=
        std::string::npos);
  CHECK(define(withOs("", "<loader type='pflash'/>")).message ==
        "no loader path specified and firmware auto selection disabled");
  CHECK(define(withOs("", "<nvram>/n</nvram>")).code == VIR_ERR_XML_DETAIL);
  CHECK(define(withOs("", "<loader stateless='no'>/x</loader>")).message ==
        "Only pflash loader type permits NVRAM");
  CHECK(define(withOs("", "<loader stateless='yes'>/x</loader><nvram>/n</nvram>")).message ==
        "NVRAM is not permitted when loader is stateless");
  CHECK(define(withOs("", "<loader stateless='yes'>/x</loader><nvram template='/t'/>")).message ==
        "NVRAM template is not permitted when loader is stateless");
  CHECK(define(withOs("", "<loader readonly='maybe'>/x</loader>")).code == VIR_ERR_XML_ERROR);
}

TEST_CASE("security labels keep what a persistent definition keeps", "[conf]") {
  auto labels = [](const std::string& seclabels, const std::string& devices = "",
                   unsigned flags = ParseInactive) {
    return formatDomainXml(parseDomainXml(domain(devices, seclabels), flags), 0, -1);
  };
  // A static label is not relabelled unless told; image labels are live state.
  std::string out = labels(
      "<seclabel type='static' model='selinux'><label>a</label><imagelabel>b</imagelabel>"
      "<baselabel>c</baselabel></seclabel>");
  CHECK(out.find(
            "<seclabel type='static' model='selinux' relabel='no'>\n    <label>a</label>\n  </seclabel>") !=
        std::string::npos);
  // A dynamic label's label is generated at start; its base label is kept.
  out =
      labels("<seclabel type='dynamic' model='selinux'><label>a</label><baselabel>c</baselabel></seclabel>");
  CHECK(out.find("<seclabel type='dynamic' model='selinux' relabel='yes'>\n    <baselabel>c</baselabel>") !=
        std::string::npos);
  // ... and kept when a live definition is read.
  out =
      labels("<seclabel type='dynamic' model='selinux'><label>a</label><imagelabel>b</imagelabel></seclabel>",
             "", 0);
  CHECK(out.find("<label>a</label>\n    <imagelabel>b</imagelabel>") != std::string::npos);
  // A label of no type is not formatted.
  CHECK(labels("<seclabel model='selinux'/>").find("seclabel") == std::string::npos);

  auto refused = [](const std::string& seclabels, const std::string& devices = "") {
    return define(domain(devices, seclabels));
  };
  Outcome o = refused("<seclabel type='none' relabel='no'/><seclabel type='dynamic' model='dac'/>");
  CHECK(o.message == "XML error: missing security model when using multiple labels");
  o = refused("<seclabel type='dynamic' model='selinux'/><seclabel type='dynamic' model='selinux'/>");
  CHECK(o.code == VIR_ERR_XML_DETAIL);
  CHECK(refused("<seclabel type='static' model='selinux'/>").message ==
        "XML error: security label is missing");
  CHECK(refused("<seclabel type='default' model='selinux'/>").code == VIR_ERR_XML_ERROR);
  CHECK(refused("<seclabel type='none' model='selinux' relabel='yes'/>").code == VIR_ERR_CONFIG_UNSUPPORTED);

  // A resource's labels: one per model, no label without relabelling, and
  // relabelling with the default label (or labelskip, live state) not kept.
  const std::string disk = "<disk type='file'><source file='/a'>";
  const std::string end = "</source><target dev='hda'/></disk>";
  CHECK(refused("", disk + "<seclabel model='dac' relabel='no'/><seclabel model='dac' relabel='no'/>" + end)
            .message == "seclabel for model dac is already provided");
  CHECK(refused("", disk + "<seclabel model='selinux' relabel='no'><label>x</label></seclabel>" + end)
            .message == "XML error: Cannot specify a label if relabelling is turned off. model=selinux");
  out = labels(
      "", disk + "<seclabel model='selinux' labelskip='yes'/><seclabel model='dac' relabel='no'/>" + end);
  CHECK(out.find("<source file='/a'>\n        <seclabel model='dac' relabel='no'/>\n      </source>") !=
        std::string::npos);
}

TEST_CASE("USB companions, interface backends and disk secrets", "[conf]") {
  const std::string companion =
      "<controller type='usb' index='0' model='ich9-uhci2'><master startport='2'/></controller>";
  CHECK(define(domain(companion)).message == "No master USB controller specified");
  CHECK(define(domain(companion + "<controller type='usb' index='0' model='ich9-ehci1'/>")).code == 0);

  Outcome o = define(domain("<interface type='user'><backend type='default'/></interface>"));
  CHECK(o.code == VIR_ERR_XML_ERROR);
  CHECK(o.message == "XML error: Invalid value for attribute 'type' in element 'backend': 'default'.");

  auto netDisk = [](const std::string& secret, const std::string& protocol) {
    return define(domain("<disk type='network'><auth username='u'>" + secret + "</auth><source protocol='" +
                         protocol +
                         "' name='iqn.x/1'><host name='h'/></source><target dev='vda' bus='virtio'/>"
                         "</disk>"));
  };
  CHECK(netDisk("<secret usage='x'/>", "iscsi").message ==
        "unsupported configuration: unknown secret type '<null>'");
  CHECK(netDisk("<secret type='ceph' usage='x'/>", "iscsi").message ==
        "unsupported configuration: invalid secret type 'ceph'");
  CHECK(netDisk("<secret type='ceph' usage='x'/>", "rbd").code == 0);
  CHECK(netDisk("<secret type='iscsi'/>", "iscsi").code == VIR_ERR_XML_ERROR);
  CHECK(netDisk("", "iscsi").message == "XML error: Missing <secret> element in auth");
}

TEST_CASE("device details libvirt formats its own way", "[conf]") {
  auto formatted = [](const std::string& devices, const std::string& top = "") {
    return formatDomainXml(parseDomainXml(domain(devices, top), ParseInactive), 0, -1);
  };
  // zPCI ids: both, uid in four hex digits and fid in eight.
  std::string out = formatted(
      "<hostdev mode='subsystem' type='pci'><source><address domain='0' bus='1' slot='0' "
      "function='0'/></source>"
      "<address type='pci' domain='0' bus='0' slot='5' function='0'><zpci uid='0x1' fid='10'/></address>"
      "</hostdev>");
  CHECK(out.find("<zpci uid='0x0001' fid='0x0000000a'/>") != std::string::npos);
  // A shared memory device: ivshmem by default, its size in whole MiB.
  out = formatted(
      "<shmem name='s0'><size>1048575</size></shmem><shmem name='s1'><msi vectors='4'/>"
      "<size unit='G'>1</size><model type='ivshmem-doorbell'/></shmem>");
  CHECK(out.find("<shmem name='s0'>\n      <model type='ivshmem'/>\n      <size unit='M'>0</size>") !=
        std::string::npos);
  CHECK(out.find(
            "<model type='ivshmem-doorbell'/>\n      <size unit='M'>1024</size>\n      <msi vectors='4'/>") !=
        std::string::npos);
  CHECK(define(domain("<shmem name='s0'><size>abc</size></shmem>")).code == VIR_ERR_XML_ERROR);
  // A vsock's <driver> follows its address.
  out = formatted(
      "<vsock model='virtio'><driver iommu='on'/><cid auto='no' address='4'/>"
      "<address type='pci' domain='0' bus='0' slot='6' function='0'/></vsock>");
  CHECK(out.find(
            "<cid auto='no' address='4'/>\n      <address type='pci' domain='0x0000' bus='0x00' slot='0x06' "
            "function='0x0'/>\n      <driver iommu='on'/>") != std::string::npos);
  // The largest HPT page size is kept in KiB (rounded up).
  out = formatted(
      "", "<features><hpt resizing='enabled'><maxpagesize unit='b'>4097</maxpagesize></hpt></features>");
  CHECK(out.find("<maxpagesize unit='KiB'>5</maxpagesize>") != std::string::npos);
  // A CD-ROM is read-only; the qcow2 metadata cache limit is kept in bytes.
  out = formatted(
      "<disk type='file' device='cdrom'><driver name='qemu' type='qcow2'><metadata_cache><max_size "
      "unit='KB'>3</max_size></metadata_cache></driver><source file='/a'/><target dev='sda' "
      "bus='scsi'/></disk>");
  CHECK(out.find("<max_size unit='bytes'>3000</max_size>") != std::string::npos);
  CHECK(out.find("<readonly/>") != std::string::npos);
  // A bare panic device is not written.
  CHECK(formatted("<panic/>").find("panic") == std::string::npos);
  CHECK(formatted("<panic model='isa'/>").find("<panic model='isa'/>") != std::string::npos);
}

TEST_CASE("disks are kept by bus in target order", "[conf]") {
  auto disk = [](const std::string& dev, const std::string& bus) {
    return "<disk type='file'><source file='/" + dev + "'/><target dev='" + dev + "' bus='" + bus +
           "'/></disk>";
  };
  DomainDef def = parseDomainXml(domain(disk("sdc", "scsi") + disk("hdb", "ide") + disk("sda", "scsi") +
                                        disk("vdz", "virtio") + disk("hda", "ide") + disk("vda", "virtio")),
                                 ParseInactive);
  std::string order;
  for (const auto& d : def.disks) order += d.targetDev + " ";
  CHECK(order == "sda sdc hda hdb vda vdz ");
  // Disks that name no bus are one group (their bus is chosen afterwards).
  auto noBus = [](const std::string& dev) {
    return "<disk type='file'><source file='/" + dev + "'/><target dev='" + dev + "'/></disk>";
  };
  def =
      parseDomainXml(domain(noBus("vdb") + noBus("vda") + noBus("hdb") + disk("hda", "ide")), ParseInactive);
  order.clear();
  for (const auto& d : def.disks) order += d.targetDev + " ";
  CHECK(order == "vda vdb hdb hda ");
}
