// Device hotplug and unplug on a running QEMU domain (the LIVE half of
// virDomainAttachDeviceFlags / virDomainDetachDeviceFlags), following
// libvirt 9.0's QMP sequences:
//
//   disk       the host node into the private /dev, blockdev-add storage
//              and format nodes (libvirt-N-storage / -format, N above every
//              node QEMU has), device_add
//   interface  user: netdev_add + device_add; ethernet: a tap device opened
//              here, getfd, netdev_add tap fd=NAME, device_add
//   chardev    chardev-add + device_add (virtio channels, usb-serial and
//              pci-serial ports)
//
// and the reverse for unplug: device_del, wait up to 5 s for DEVICE_DELETED,
// then blockdev-del / netdev_del / chardev-remove and the /dev nodes no other
// device needs. A failed attach undoes each step it made.
//
// Every function here runs with the domain's job held and the driver lock
// not held. Each success updates the live definition (alias and guest
// address filled in), writes the status file, sends the audit record
// (attach/detach) and queues DEVICE_ADDED / DEVICE_REMOVED.
#pragma once

#include <memory>
#include <string>

#include "drivers/qemu/qemu_domain.h"
#include "drivers/qemu/qemu_driver_state.h"
#include "lib/conf/domain_def.h"

namespace vireo::qemu {

// Attaches `dev` (parsed against the live definition) to the running
// domain. Throws vireo::Error with libvirt's errors: VIR_ERR_OPERATION_UNSUPPORTED
// for a device kind or bus that cannot be hotplugged ("disk bus 'ide' cannot
// be hotplugged."), VIR_ERR_XML_ERROR for a duplicate disk target,
// VIR_ERR_SYSTEM_ERROR (VIR_FROM_STORAGE) for a missing disk source, QEMU's
// own error ("unable to execute QEMU command 'device_add': ...") when it
// refuses. Nothing is left behind on failure.
void attachDeviceLive(QemuDriver& driver, const std::shared_ptr<QemuDomain>& dom, conf::DeviceDef dev);

// Detaches the device that `match` identifies (disks by target, interfaces
// by MAC, chardevs by kind, type, target and source). Returns once QEMU has
// removed it, or after 5 s with the removal still pending: the device then
// stays in the live definition until DEVICE_DELETED arrives (see
// completeDeviceRemoval). Throws VIR_ERR_DEVICE_MISSING ("disk vdb not
// found"), VIR_ERR_OPERATION_UNSUPPORTED for devices that cannot be
// unplugged, or QEMU's error from device_del.
void detachDeviceLive(QemuDriver& driver, const std::shared_ptr<QemuDomain>& dom, const conf::DeviceDef& match);

// DEVICE_DELETED for `alias` arrived when no detach was waiting for it (the
// wait timed out, or the guest ejected the device itself): finishes the
// removal (backends, /dev nodes, live definition, status, event). Does
// nothing when no device has that alias. Never throws.
void completeDeviceRemoval(QemuDriver& driver, const std::shared_ptr<QemuDomain>& dom, const std::string& alias);

// After a takeover: a device whose removal was pending may have left QEMU
// while no process listened for DEVICE_DELETED. Finishes the removal of
// every hotpluggable device (disk, interface, channel, usb/pci serial) of
// the live definition that QEMU no longer has (qom-list of
// /machine/peripheral), as libvirt does when it reconnects. Never throws.
void reconcileRemovedDevices(QemuDriver& driver, const std::shared_ptr<QemuDomain>& dom);

// ---- lookups shared with the persistent (AFFECT_CONFIG) path -----------------
// (qemu_hotplug_match.cc)

// libvirt's name of a device's type in messages: "disk", "net", "chr",
// "controller", "rng", ...
std::string deviceTypeName(const conf::DeviceDef& dev);

// The index in def.nets of the interface `match` names, by libvirt's rules
// (virDomainNetFindIdx): its MAC when the XML gives one, its PCI address and
// alias when given. Throws VIR_ERR_DEVICE_MISSING ("no device matching MAC
// address 52:54:00:12:34:56 found", "no matching device found") or
// VIR_ERR_OPERATION_FAILED ("multiple devices matching MAC address ... found").
std::size_t findInterface(const conf::DomainDef& def, const conf::NetDef& match);

// The index, in its list (serials, channels, ...), of the character device
// `match` names: same kind, type and target (type, name, port when given),
// and the same source path when `match` gives one. -1 when none.
int findChardev(const conf::DomainDef& def, const conf::ChrDef& match);

// Moves the last disk of `def` to where libvirt inserts a new disk
// (virDomainDiskInsert: after the disks of its bus whose target sorts
// before it) and returns its index.
std::size_t placeNewDisk(conf::DomainDef& def);

}  // namespace vireo::qemu
