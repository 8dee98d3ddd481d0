// Disk hotplug: the image's storage and format blockdev nodes, then the
// guest device; unplug deletes the nodes once QEMU has let the device go.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "drivers/qemu/qemu_hotplug_internal.h"
#include "drivers/qemu/qemu_lock.h"
#include "drivers/qemu/qemu_security.h"
#include "lib/util/error.h"
#include "lib/util/fd.h"
#include "lib/util/log.h"

namespace vireo::qemu::hotplug {

namespace {

std::string sourcePath(const conf::DiskDef& disk) {
  return disk.type == "block" ? disk.source.dev : disk.source.file;
}

// libvirt checks the image before QEMU sees it (its backing-chain probe);
// a missing one is the storage layer's error, naming the user it checked as.
void requireSource(const std::string& path) {
  struct stat sb;
  if (stat(path.c_str(), &sb) == 0) return;
  failSystem(VIR_FROM_STORAGE, errno,
             "Cannot access storage file '" + path + "' (as uid:" + std::to_string(geteuid()) +
                 ", gid:" + std::to_string(getegid()) + ")");
}

uint64_t bigEndian64(const unsigned char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | p[i];
  return v;
}

// libvirt's probe ends the chain of a qcow2 image that names no backing
// file with an empty <backingStore/>, which tells QEMU not to look for one
// ("backing": null). An image that has one keeps QEMU's own lookup.
void probeBackingChain(conf::DiskDef& disk, const std::string& path) {
  if (disk.driverType != "qcow2") return;
  for (const auto& c : disk.rest.children)
    if (c.isElement() && c.name == "backingStore") return;
  UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  unsigned char header[16];
  if (!fd || pread(fd.get(), header, sizeof header, 0) != static_cast<ssize_t>(sizeof header)) return;
  // "QFI\xfb", version, then the offset of the backing file name (0: none).
  if (std::memcmp(header, "QFI\xfb", 4) != 0 || bigEndian64(header + 8) != 0) return;
  disk.rest.children.push_back(xml::Element::make("backingStore"));
}

// The N of a node named libvirt-N-storage / libvirt-N-format; 0 otherwise.
unsigned nodeNumber(const std::string& name) {
  constexpr std::string_view prefix = "libvirt-";
  if (name.compare(0, prefix.size(), prefix) != 0) return 0;
  std::size_t pos = prefix.size();
  unsigned n = 0;
  while (pos < name.size() && name[pos] >= '0' && name[pos] <= '9') n = n * 10 + static_cast<unsigned>(name[pos++] - '0');
  return pos < name.size() && name[pos] == '-' ? n : 0;
}

json::Value namedNodes(QmpMonitor& mon) {
  return mon.execute("query-named-block-nodes", json::Value::object({{"flat", true}}));
}

// A node number above every node QEMU has: the disks of the command line
// (1..number of disks) and everything hotplugged since, whoever did it.
unsigned nextNodeNumber(QmpMonitor& mon) {
  unsigned highest = 0;
  json::Value nodes = namedNodes(mon);
  for (const json::Value& node : nodes.asArray())
    if (const json::Value* name = node.find("node-name"); name && name->isString())
      highest = std::max(highest, nodeNumber(name->asString()));
  return highest + 1;
}

bool hasDriveAddress(const conf::DomainDef& def, const conf::DiskDef& disk) {
  for (const auto& d : def.disks)
    if (d.targetBus == disk.targetBus && d.info.address.type == "drive" && d.info.address == disk.info.address)
      return true;
  return false;
}

}  // namespace

void checkDiskAttach(const conf::DiskDef& disk, const conf::DomainDef& live) {
  if (disk.device == "floppy")
    fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_QEMU, "floppy device hotplug isn't supported");
  for (const auto& d : live.disks)
    if (d.targetDev == disk.targetDev)
      fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
           "target '" + d.targetDev + "' duplicated for disk sources '" + sourcePath(d) + "' and '" +
               sourcePath(disk) + "'");
  const std::string& bus = disk.targetBus;
  if (bus == "usb") {
    if (disk.device == "lun")
      fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "disk device='lun' is not supported for usb bus");
  } else if (bus == "virtio") {
    if (disk.device == "cdrom")
      fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_QEMU, "cdrom device with virtio bus isn't supported");
  } else if (bus == "scsi") {
    if (disk.info.address.type != "drive")
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU,
           "unexpected disk address type " + (disk.info.address.type.empty() ? "none" : disk.info.address.type));
    if (hasDriveAddress(live, disk))
      fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, "Domain already contains a disk with that address");
    // libvirt hotplugs a missing SCSI controller first; vireo does not
    // hotplug controllers, so the domain must have it.
    unsigned index = disk.info.address.drive.controller;
    if (!cmd::findController(live, "scsi", index))
      fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_QEMU,
           "disk '" + disk.targetDev + "' needs SCSI controller " + std::to_string(index) +
               ", which the running domain lacks (vireo does not hotplug controllers)");
  } else {
    fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_QEMU, "disk bus '" + bus + "' cannot be hotplugged.");
  }
}

void plugDisk(AttachTarget& t, conf::DiskDef& disk) {
  std::string path = sourcePath(disk);
  if (!path.empty()) {
    requireSource(path);
    probeBackingChain(disk, path);
  }
  unsigned node = path.empty() ? 0 : nextNodeNumber(t.mon);
  cmd::DiskArgs args = cmd::diskArgs(t.st, disk, node, disk.info.bootOrder.value_or(0));

  // Its lease first: a disk another domain uses is refused before anything
  // changes.
  bool leased = acquireDiskLease(t.driver, t.dom, disk);
  struct LeaseBack {
    AttachTarget& t;
    const conf::DiskDef& disk;
    bool armed;
    ~LeaseBack() {
      if (armed) releaseDiskLease(t.driver, t.dom, disk);
    }
  } leaseBack{t, disk, leased};
  // The node goes into QEMU's /dev before QEMU is asked to open it.
  VIREO_DEBUG("qemu.qemu_hotplug_disk", "disk %s: source '%s', block node %u", disk.targetDev.c_str(), path.c_str(),
              node);
  DevNodes nodes(t.driver, t.dom, hostDevicePaths(disk));
  DeviceLabels labels(t.driver, t.dom, disk);  // (after the node exists in a private /dev)
  bool storageAdded = false, formatAdded = false;
  try {
    if (args.storage) {
      t.mon.execute("blockdev-add", toJson(*args.storage));
      storageAdded = true;
      t.mon.execute("blockdev-add", toJson(*args.format));
      formatAdded = true;
    }
    t.mon.execute("device_add", toJson(args.device));
  } catch (...) {
    std::string n = std::to_string(node);
    if (formatAdded) runQuietly(t.mon, "blockdev-del", json::Value::object({{"node-name", "libvirt-" + n + "-format"}}));
    if (storageAdded) runQuietly(t.mon, "blockdev-del", json::Value::object({{"node-name", "libvirt-" + n + "-storage"}}));
    throw;
  }
  nodes.keep();
  labels.keep();
  leaseBack.armed = false;
}

void checkDiskDetach(const conf::DiskDef& disk) {
  const std::string& bus = disk.targetBus;
  bool pluggableBus = bus == "virtio" || bus == "usb" || bus == "scsi";
  if (disk.device == "disk" || disk.device == "lun") {
    if (!pluggableBus)
      fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_QEMU, "This type of disk cannot be hot unplugged");
    return;
  }
  if (disk.device == "cdrom" && (bus == "usb" || bus == "scsi")) return;
  fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_QEMU, "disk device type '" + disk.device + "' cannot be detached");
}

void unplugDiskBackend(QmpMonitor& mon, const conf::DiskDef& disk) {
  std::string path = sourcePath(disk);
  if (path.empty()) return;
  // Which nodes the disk had is not recorded anywhere: QEMU knows. The
  // format node over the disk's image that no device uses any more is it
  // (a node still in use refuses blockdev-del, so another disk of the same
  // image is safe), and its storage node carries the same number.
  json::Value nodes;
  try {
    nodes = namedNodes(mon);
  } catch (const Error& e) {
    VIREO_WARN("qemu.qemu_hotplug_disk", "block nodes of '%s' left in QEMU: %s", path.c_str(), e.message().c_str());
    return;
  }
  for (const json::Value& node : nodes.asArray()) {
    const json::Value* name = node.find("node-name");
    const json::Value* file = node.find("file");
    if (!name || !name->isString() || !file || !file->isString() || file->asString() != path) continue;
    unsigned n = nodeNumber(name->asString());
    if (n == 0 || name->asString() != "libvirt-" + std::to_string(n) + "-format") continue;
    try {
      mon.execute("blockdev-del", json::Value::object({{"node-name", name->asString()}}));
    } catch (const Error& e) {
      // In use by another device of the same image: that one keeps it.
      VIREO_DEBUG("qemu.qemu_hotplug_disk", "block node %s kept: %s", name->asString().c_str(), e.message().c_str());
      continue;
    }
    runQuietly(mon, "blockdev-del", json::Value::object({{"node-name", "libvirt-" + std::to_string(n) + "-storage"}}));
  }
}

}  // namespace vireo::qemu::hotplug
