// What every device has besides its own settings: the guest address it sits
// at, its alias, and its boot order (<boot order='N'/>).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lib/conf/node_reader.h"
#include "lib/util/xml.h"

namespace vireo::conf {

struct PciAddress {
  unsigned domain = 0, bus = 0, slot = 0, function = 0;
  std::string multifunction;  // "on", "off" or "" (unset)
  bool isEmpty() const { return domain == 0 && bus == 0 && slot == 0 && function == 0; }
  bool operator==(const PciAddress&) const = default;
};

// <address type='drive' controller bus target unit/> of IDE/SCSI/SATA/FDC disks.
struct DriveAddress {
  unsigned controller = 0, bus = 0, target = 0, unit = 0;
  bool operator==(const DriveAddress&) const = default;
};

struct DeviceAddress {
  // "" when the device has no <address>; otherwise libvirt's address type:
  // pci, drive, virtio-serial, ccid, usb, spapr-vio, ccw, virtio-mmio, isa,
  // dimm, virtio-s390, unassigned.
  std::string type;
  PciAddress pci;      // type == "pci"
  DriveAddress drive;  // type == "drive"
  // The attributes of the other types, already normalised to libvirt's
  // number formats, in libvirt's order.
  std::vector<std::pair<std::string, std::string>> attrs;
  std::vector<xml::Element> children;  // <zpci> of a PCI address
  bool operator==(const DeviceAddress&) const = default;
};

struct DeviceInfo {
  DeviceAddress address;
  std::string alias;               // user alias ("ua-..."), kept in inactive XML
  std::optional<unsigned> bootOrder;
  std::string bootLoadParm;
  std::optional<unsigned> acpiIndex;
  xml::Element rom;                // <rom .../> preserved, name empty if absent
  xml::Element master;             // <master startport=/> of USB companions
};

// Takes <address>, <alias>, <boot>, <acpi>, <rom> and <master> from `r`.
// Throws vireo::Error for malformed addresses (libvirt's messages).
DeviceInfo parseDeviceInfo(NodeReader& r);
DeviceAddress parseAddress(const xml::Element& e);

// Appends the device info children to `e` in libvirt's order.
void formatDeviceInfo(xml::Element& e, const DeviceInfo& info);
xml::Element formatAddress(const DeviceAddress& a);

// The names of the children that formatDeviceInfo writes, in order; device
// formatters put them at the end of their child order lists.
extern const std::vector<std::string_view> kDeviceInfoOrder;

}  // namespace vireo::conf
