// What every device has besides its own settings: the guest address it sits
// at, its alias, and its boot order (<boot order='N'/>).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lib/conf/format_order.h"
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

// Adds the device info children (boot, alias, master, acpi, rom, address,
// in that order) that `info` has to `kids`. The typed ones get tags that
// writeDeviceInfoChild() knows; devices use tags below 1000 for their own.
void addDeviceInfo(ChildList& kids, const DeviceInfo& info);
// Writes the child `tag` stands for if it is one of addDeviceInfo()'s;
// returns whether it was.
bool writeDeviceInfoChild(xml::Writer& w, int tag, const DeviceInfo& info);
void writeAddress(xml::Writer& w, const DeviceAddress& a);

// The names of the children that addDeviceInfo() adds, in order; device
// formatters put them at the end of their child order lists.
extern const std::vector<std::string_view> kDeviceInfoOrder;

}  // namespace vireo::conf
