// libvirt's checks across a definition's host devices and drive addresses:
// the same host device given twice, more than one mediated device with a
// ramfb display, two disks or SCSI host devices at one drive address.
#include <cstdlib>
#include <string>

#include "lib/conf/domain_internal.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

const xml::Element* sourceOf(const HostdevDef& h) {
  for (const auto& c : h.rest.children)
    if (c.isElement() && c.name == "source") return &c;
  return nullptr;
}

std::string attrOf(const Unparsed& u, std::string_view name) {
  for (const auto& [k, v] : u.attrs)
    if (k == name) return v;
  return {};
}

// The attribute `attr` of the source's child `child` ("" when absent).
std::string sourceAttr(const xml::Element* src, std::string_view child, std::string_view attr) {
  if (!src) return {};
  const xml::Element* c = child.empty() ? src : src->child(child);
  return c ? c->attrOr(attr) : std::string();
}

std::string sourceText(const xml::Element* src, std::string_view child) {
  const xml::Element* c = src ? src->child(child) : nullptr;
  return c ? c->textContent() : std::string();
}

// A number as libvirt reads USB and SCSI ids (decimal, 0x hex or 0 octal);
// 0 for anything else.
unsigned long number(const std::string& s) { return std::strtoul(s.c_str(), nullptr, 0); }

// A USB device is named by its place on the host bus when the first device
// gives one, else by its vendor and product ids.
bool sameUsb(const xml::Element* a, const xml::Element* b) {
  unsigned long bus = number(sourceAttr(a, "address", "bus")),
                dev = number(sourceAttr(a, "address", "device"));
  if (bus && dev)
    return bus == number(sourceAttr(b, "address", "bus")) &&
           dev == number(sourceAttr(b, "address", "device"));
  return number(sourceAttr(a, "vendor", "id")) == number(sourceAttr(b, "vendor", "id")) &&
         number(sourceAttr(a, "product", "id")) == number(sourceAttr(b, "product", "id"));
}

bool samePci(const xml::Element* a, const xml::Element* b) {
  for (const char* part : {"domain", "bus", "slot", "function"})
    if (number(sourceAttr(a, "address", part)) != number(sourceAttr(b, "address", part))) return false;
  return true;
}

// An iSCSI LUN by its portal host and target name, a local SCSI device by
// its adapter and its address on it.
bool sameScsi(const xml::Element* a, const xml::Element* b) {
  if (sourceAttr(a, "", "protocol") != sourceAttr(b, "", "protocol")) return false;
  if (sourceAttr(a, "", "protocol") == "iscsi")
    return sourceAttr(a, "host", "name") == sourceAttr(b, "host", "name") &&
           sourceAttr(a, "", "name") == sourceAttr(b, "", "name");
  if (sourceAttr(a, "adapter", "name") != sourceAttr(b, "adapter", "name")) return false;
  for (const char* part : {"bus", "target", "unit"})
    if (number(sourceAttr(a, "address", part)) != number(sourceAttr(b, "address", part))) return false;
  return true;
}

bool sameSubsystemDevice(const HostdevDef& x, const HostdevDef& y) {
  const xml::Element *a = sourceOf(x), *b = sourceOf(y);
  if (x.type == "pci") return samePci(a, b);
  if (x.type == "usb") return sameUsb(a, b);
  if (x.type == "scsi") return sameScsi(a, b);
  if (x.type == "scsi_host")
    return sourceAttr(a, "", "protocol") == sourceAttr(b, "", "protocol") &&
           sourceAttr(a, "", "wwpn") == sourceAttr(b, "", "wwpn");
  if (x.type == "mdev") return sourceAttr(a, "address", "uuid") == sourceAttr(b, "address", "uuid");
  return false;
}

// Capability devices (containers) by the host block device, character
// device or network interface they pass.
bool sameCapsDevice(const HostdevDef& x, const HostdevDef& y) {
  const xml::Element *a = sourceOf(x), *b = sourceOf(y);
  if (x.type == "storage") return sourceText(a, "block") == sourceText(b, "block");
  if (x.type == "misc") return sourceText(a, "char") == sourceText(b, "char");
  if (x.type == "net") return sourceText(a, "interface") == sourceText(b, "interface");
  return false;
}

bool sameHostDevice(const HostdevDef& x, const HostdevDef& y) {
  if (x.mode != y.mode || x.type != y.type) return false;
  if (x.mode == "subsystem") return sameSubsystemDevice(x, y);
  if (x.mode == "capabilities") return sameCapsDevice(x, y);
  return false;
}

}  // namespace

void validateHostdevs(const DomainDef& def) {
  bool ramfb = false;
  for (std::size_t i = 0; i < def.hostdevs.size(); ++i) {
    const HostdevDef& h = def.hostdevs[i];
    for (std::size_t j = i + 1; j < def.hostdevs.size(); ++j)
      if (sameHostDevice(h, def.hostdevs[j]))
        fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "Hostdev already exists in the domain configuration");
    if (h.mode == "subsystem" && h.type == "mdev" && attrOf(h.rest, "ramfb") == "on") {
      if (ramfb)
        fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "Only one vgpu device can have 'ramfb' enabled");
      ramfb = true;
    }
  }
}

bool scsiHostdevAt(const DomainDef& def, const DriveAddress& a) {
  for (const auto& h : def.hostdevs)
    if (h.mode == "subsystem" && h.type == "scsi" && h.info.address.type == "drive" &&
        h.info.address.drive == a)
      return true;
  return false;
}

bool scsiDiskAt(const DomainDef& def, const DriveAddress& a) {
  for (const auto& d : def.disks)
    if (d.targetBus == "scsi" && d.info.address.type == "drive" && d.info.address.drive == a) return true;
  return false;
}

std::string driveAddressText(const DriveAddress& a, bool closeQuote) {
  return "controller='" + std::to_string(a.controller) + "' bus='" + std::to_string(a.bus) + "' target='" +
         std::to_string(a.target) + "' unit='" + std::to_string(a.unit) + (closeQuote ? "'" : "");
}

void validateDriveAddresses(const DomainDef& def) {
  for (std::size_t i = 0; i < def.disks.size(); ++i) {
    const DiskDef& d = def.disks[i];
    if (d.info.address.type != "drive") continue;
    for (std::size_t j = i + 1; j < def.disks.size(); ++j) {
      const DiskDef& o = def.disks[j];
      if (o.targetBus == d.targetBus && o.info.address.type == "drive" &&
          o.info.address.drive == d.info.address.drive)
        fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN,
             "Found duplicate drive address for disk with target name '" + d.targetDev + "' " +
                 driveAddressText(d.info.address.drive, true));
    }
  }
  for (std::size_t i = 0; i < def.hostdevs.size(); ++i) {
    const HostdevDef& h = def.hostdevs[i];
    if (h.mode != "subsystem" || h.type != "scsi" || h.info.address.type != "drive") continue;
    // libvirt names the bus as the controller and the controller as the bus
    // in these two messages; kept so that the messages read the same.
    DriveAddress shown = h.info.address.drive;
    std::swap(shown.controller, shown.bus);
    for (std::size_t j = i + 1; j < def.hostdevs.size(); ++j) {
      const HostdevDef& o = def.hostdevs[j];
      if (o.mode == "subsystem" && o.type == "scsi" && o.info.address == h.info.address)
        fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN,
             "SCSI host address " + driveAddressText(shown, true) + " in use by another SCSI host device");
    }
    if (scsiDiskAt(def, h.info.address.drive))
      fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN,
           "SCSI host address " + driveAddressText(shown, true) + " in use by another SCSI disk");
  }
}

void checkMdevAddress(const HostdevDef& h) {
  if (h.mode != "subsystem" || h.type != "mdev" || h.info.address.type.empty()) return;
  std::string model = attrOf(h.rest, "model");
  if ((model == "vfio-pci" && h.info.address.type != "pci") ||
      (model == "vfio-ccw" && h.info.address.type != "ccw"))
    fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
         "Unsupported address type '" + h.info.address.type + "' with mediated device model '" + model + "'");
}

}  // namespace vireo::conf
