// The pieces of hotplug shared by qemu_hotplug*.cc: one file per device
// kind (disk, interface, chardev) plugs the device into QEMU and tears its
// backend down after QEMU has removed it; qemu_hotplug.cc does what every
// kind shares (definition, addresses, aliases, the unplug wait, events,
// status). Private to those files.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "drivers/qemu/qemu_command_internal.h"
#include "drivers/qemu/qemu_domain.h"
#include "drivers/qemu/qemu_driver_state.h"
#include "lib/conf/domain_def.h"
#include "lib/util/json.h"

namespace vireo::qemu::hotplug {

// One attach: the domain (job held), its monitor, and a command-line
// builder state over the live definition that already holds the new device
// with its alias and guest address (the per-device JSON comes from it).
struct AttachTarget {
  QemuDriver& driver;
  QemuDomain& dom;
  QmpMonitor& mon;
  const cmd::BuildState& st;
};

// ---- disks (qemu_hotplug_disk.cc) --------------------------------------------

// libvirt's refusals for a disk that cannot be hotplugged into `live`
// (floppies, IDE/SATA, virtio CD-ROMs, SCSI without its controller, a
// duplicate target or SCSI address).
void checkDiskAttach(const conf::DiskDef& disk, const conf::DomainDef& live);
// Its /dev nodes, blockdev nodes and device. May add <backingStore/> to
// `disk` (a qcow2 image without a backing file, as libvirt's probe finds).
void plugDisk(AttachTarget& t, conf::DiskDef& disk);
// libvirt's refusals for detaching `disk` (IDE/SATA disks, CD-ROMs, floppies).
void checkDiskDetach(const conf::DiskDef& disk);
// After DEVICE_DELETED: the blockdev nodes of the disk's image.
void unplugDiskBackend(QmpMonitor& mon, const conf::DiskDef& disk);

// ---- interfaces (qemu_hotplug_net.cc) -------------------------------------------

// The refusals of qemu_interface.h, and the types vireo does not hotplug.
void checkNetAttach(const conf::NetDef& net, const conf::DomainDef& live);
// netdev and device; for types ethernet and bridge the tap device (and
// vhost-net) first, each descriptor passed with getfd. Records the tap's
// name as <target dev> of `net`.
void plugNet(AttachTarget& t, conf::NetDef& net);
// After DEVICE_DELETED: netdev_del (QEMU closes the tap, which goes away).
void unplugNetBackend(QmpMonitor& mon, const conf::NetDef& net);

// ---- character devices (qemu_hotplug_chardev.cc) --------------------------------

void checkChrAttach(const conf::ChrDef& chr);
// chardev-add and device_add; records the pty QEMU opened as the source path.
void plugChr(AttachTarget& t, conf::ChrDef& chr);
// After DEVICE_DELETED: chardev-remove.
void unplugChrBackend(QmpMonitor& mon, const conf::ChrDef& chr);
// The QMP ChardevBackend object of a chardev's source (chardev-add).
json::Value chardevBackend(const conf::ChrDef& chr);

// ---- shared (qemu_hotplug.cc) ---------------------------------------------------

json::Value toJson(const cmd::JsonArgWriter& props);

// Runs a QMP command whose failure must not hide an earlier error (undoing
// a half-done attach, tearing down after an unplug): a failure is reported
// on stderr only.
void runQuietly(QmpMonitor& mon, std::string_view command, json::Value args) noexcept;

// Host paths (/dev nodes) a device needs inside a private /dev, with the
// optional /dev/vhost-net dropped when the host lacks it.
std::vector<std::string> hostDevicePaths(const conf::DeviceDef& dev);

// The /dev nodes of a device being attached: added on construction (before
// QEMU opens anything), removed again unless the attach succeeded.
class DevNodes {
 public:
  DevNodes(QemuDriver& driver, QemuDomain& dom, std::vector<std::string> paths);
  ~DevNodes();
  DevNodes(const DevNodes&) = delete;
  DevNodes& operator=(const DevNodes&) = delete;
  void keep() { kept_ = true; }

 private:
  QemuDriver& driver_;
  QemuDomain& dom_;
  std::vector<std::string> paths_;
  bool kept_ = false;
};

}  // namespace vireo::qemu::hotplug
