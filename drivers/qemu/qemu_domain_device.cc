// virDomainAttachDevice(Flags) and virDomainDetachDevice(Flags) with
// libvirt's flag semantics:
//
//   VIR_DOMAIN_AFFECT_LIVE    the running domain (hotplug, qemu_hotplug.h);
//                             refused when it is not running
//   VIR_DOMAIN_AFFECT_CONFIG  the persistent definition, saved to disk;
//                             refused for a transient domain
//   VIR_DOMAIN_AFFECT_CURRENT (0) LIVE when running, else CONFIG
//
// With both, the persistent change is prepared first, the live one made,
// and the definition saved only when the live change worked (libvirt's
// order), so that a failed hotplug changes nothing.
//
// virDomainUpdateDeviceFlags is not implemented (VIR_ERR_NO_SUPPORT through
// the table's shared default): media change is the only update QEMU guests
// commonly need, and vireo's disks have no tray handling yet.
#include <algorithm>
#include <optional>

#include "drivers/qemu/qemu_definitions.h"
#include "drivers/qemu/qemu_hotplug.h"
#include "drivers/qemu/qemu_ops.h"
#include "lib/conf/domain.h"
#include "lib/util/error.h"

namespace vireo::qemu::domainops {

namespace {

struct Impact {
  bool live = false;
  bool config = false;
};

// libvirt's virDomainObjUpdateModificationImpact.
Impact modificationImpact(QemuDriver& d, const QemuDomain& dom, unsigned int flags) {
  bool active, persistent;
  {
    MutexLock lock(d.mu);
    active = dom.active();
    persistent = dom.persistent;
  }
  if ((flags & (VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG)) == VIR_DOMAIN_AFFECT_CURRENT)
    flags |= active ? VIR_DOMAIN_AFFECT_LIVE : VIR_DOMAIN_AFFECT_CONFIG;
  if (!active && (flags & VIR_DOMAIN_AFFECT_LIVE))
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "domain is not running");
  if (!persistent && (flags & VIR_DOMAIN_AFFECT_CONFIG))
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, "transient domains do not have any persistent config");
  return {(flags & VIR_DOMAIN_AFFECT_LIVE) != 0, (flags & VIR_DOMAIN_AFFECT_CONFIG) != 0};
}

conf::DomainDef liveDefinition(QemuDriver& d, const QemuDomain& dom) {
  MutexLock lock(d.mu);
  return dom.def;
}

conf::DomainDef persistentDefinition(QemuDriver& d, const QemuDomain& dom) {
  MutexLock lock(d.mu);
  return dom.persistentDef();
}

// The device kinds whose persistent attach and detach libvirt's QEMU driver
// allows (qemuDomainAttachDeviceConfig / qemuDomainDetachDeviceConfig).
bool configurable(const conf::DeviceDef& dev) {
  static const std::vector<std::string_view> kinds = {"disk",      "net",    "hostdev", "lease",    "controller",
                                                      "chr",       "filesystem", "rng", "memory", "redirdev",
                                                      "shmem",     "watchdog", "input", "vsock",  "sound"};
  return std::find(kinds.begin(), kinds.end(), deviceTypeName(dev)) != kinds.end();
}

// An edited persistent definition goes through the define path again, so
// that it has the QEMU driver's defaults (addresses, implicit controllers)
// and passes its checks exactly as a defined one does.
conf::DomainDef completeDefinition(QemuDriver& d, const conf::DomainDef& edited) {
  std::string xml = conf::formatDomainXml(edited, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE, -1);
  return parseQemuDefinition(d, xml, conf::ParseInactive);
}

conf::DomainDef attachToConfig(QemuDriver& d, conf::DomainDef def, std::string_view xml) {
  conf::DeviceDef dev = conf::parseDeviceXml(xml, def, conf::ParseInactive);
  if (!configurable(dev))
    fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_QEMU,
         "persistent attach of device '" + deviceTypeName(dev) + "' is not supported");
  bool disk = false;
  if (const auto* newDisk = std::get_if<conf::DiskDef>(&dev)) {
    disk = true;
    for (const auto& existing : def.disks)
      if (existing.targetDev == newDisk->targetDev)
        fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, "target " + newDisk->targetDev + " already exists");
  }
  if (const auto* chr = std::get_if<conf::ChrDef>(&dev); chr && findChardev(def, *chr) >= 0)
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, "chardev already exists");
  conf::addDevice(def, std::move(dev));
  if (disk) placeNewDisk(def);
  return completeDefinition(d, def);
}

// libvirt's qemuDomainChrRemove: the first serial port takes the console
// that only mirrors it along.
void removeChardev(conf::DomainDef& def, const conf::ChrDef& match) {
  if (match.kind == "console" && (match.targetType == "serial" || match.targetType.empty()))
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, "detaching serial console is not supported");
  int idx = findChardev(def, match);
  if (idx < 0) fail(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU, "device not present in domain configuration");
  std::vector<conf::ChrDef>* list = match.kind == "serial"     ? &def.serials
                                    : match.kind == "parallel" ? &def.parallels
                                    : match.kind == "console"  ? &def.consoles
                                                               : &def.channels;
  bool mirrored = match.kind == "serial" && idx == 0 && !def.consoles.empty() &&
                  (def.consoles[0].targetType == "serial" || def.consoles[0].targetType.empty());
  list->erase(list->begin() + idx);
  if (mirrored) def.consoles.erase(def.consoles.begin());
}

conf::DomainDef detachFromConfig(QemuDriver& d, conf::DomainDef def, std::string_view xml) {
  conf::DeviceDef dev = conf::parseDeviceXml(xml, def, conf::ParseInactive);
  if (!configurable(dev))
    fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_QEMU,
         "persistent detach of device '" + deviceTypeName(dev) + "' is not supported");
  if (const auto* disk = std::get_if<conf::DiskDef>(&dev)) {
    auto it = std::find_if(def.disks.begin(), def.disks.end(),
                           [&](const conf::DiskDef& x) { return x.targetDev == disk->targetDev; });
    if (it == def.disks.end()) fail(VIR_ERR_DEVICE_MISSING, VIR_FROM_QEMU, "no target device " + disk->targetDev);
    def.disks.erase(it);
  } else if (const auto* net = std::get_if<conf::NetDef>(&dev)) {
    def.nets.erase(def.nets.begin() + static_cast<std::ptrdiff_t>(findInterface(def, *net)));
  } else if (const auto* chr = std::get_if<conf::ChrDef>(&dev)) {
    removeChardev(def, *chr);
  } else {
    conf::removeDevice(def, dev);
  }
  return completeDefinition(d, def);
}

// Saves a changed persistent definition; a running domain picks it up at
// its next start.
void storeDefinition(QemuDriver& d, QemuDomain& dom, conf::DomainDef def) {
  MutexLock lock(d.mu);
  saveDefinition(d, def);
  if (dom.active()) dom.newDef = std::move(def);
  else dom.def = std::move(def);
}

}  // namespace

void attachDeviceFlags(Connection& conn, DomainIdentity& id, std::string_view xml, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, VIR_FROM_QEMU, "qemuDomainAttachDeviceFlags");
  QemuDriver& d = driverOf(conn);
  DomainJob dom(d, id);
  Impact impact = modificationImpact(d, *dom, flags);
  std::optional<conf::DomainDef> config;
  if (impact.config) config = attachToConfig(d, persistentDefinition(d, *dom), xml);
  if (impact.live) {
    conf::DeviceDef dev = conf::parseDeviceXml(xml, liveDefinition(d, *dom), 0);
    attachDeviceLive(d, dom.shared(), std::move(dev));
  }
  if (config) storeDefinition(d, *dom, std::move(*config));
}

void detachDeviceFlags(Connection& conn, DomainIdentity& id, std::string_view xml, unsigned int flags) {
  checkFlags(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, VIR_FROM_QEMU, "qemuDomainDetachDeviceFlags");
  QemuDriver& d = driverOf(conn);
  DomainJob dom(d, id);
  Impact impact = modificationImpact(d, *dom, flags);
  std::optional<conf::DomainDef> config;
  if (impact.config) config = detachFromConfig(d, persistentDefinition(d, *dom), xml);
  if (impact.live) {
    conf::DeviceDef match = conf::parseDeviceXml(xml, liveDefinition(d, *dom), 0);
    detachDeviceLive(d, dom.shared(), match);
  }
  if (config) storeDefinition(d, *dom, std::move(*config));
}

}  // namespace vireo::qemu::domainops
