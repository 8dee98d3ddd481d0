// Hotplug and unplug: what every device kind shares. The new device is
// placed in a copy of the live definition the way a define would place it
// (lib/conf's device defaults, the QEMU driver's device defaults, a guest
// address), gets libvirt's alias, and is plugged by its kind's file; the
// copy becomes the live definition only when QEMU has the device.
#include "drivers/qemu/qemu_hotplug.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>

#include "drivers/qemu/qemu_audit.h"
#include "drivers/qemu/qemu_device_defaults.h"
#include "drivers/qemu/qemu_hotplug_internal.h"
#include "drivers/qemu/qemu_lock.h"
#include "drivers/qemu/qemu_namespace.h"
#include "drivers/qemu/qemu_ops.h"
#include "drivers/qemu/qemu_postparse.h"
#include "drivers/qemu/qemu_process.h"
#include "drivers/qemu/qemu_security.h"
#include "lib/audit/domain_resources.h"
#include "lib/conf/domain.h"
#include "lib/util/error.h"
#include "lib/util/log.h"

namespace vireo::qemu {

namespace {
constexpr char kLogModule[] = "qemu.qemu_hotplug";
}  // namespace

// ---- pieces shared by the device kinds ------------------------------------------

namespace hotplug {

json::Value toJson(const cmd::JsonArgWriter& props) { return json::parse(props.text()); }

void runQuietly(QmpMonitor& mon, std::string_view command, json::Value args) noexcept {
  try {
    mon.execute(command, std::move(args));
  } catch (const std::exception& e) {
    VIREO_WARN(kLogModule, "%.*s failed: %s", static_cast<int>(command.size()), command.data(), e.what());
  }
}

std::vector<std::string> hostDevicePaths(const conf::DeviceDef& dev) {
  std::vector<std::string> out;
  for (auto& p : devicePaths(dev))
    if (p != "/dev/vhost-net" || access(p.c_str(), F_OK) == 0) out.push_back(std::move(p));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

DevNodes::DevNodes(QemuDriver& driver, QemuDomain& dom, std::vector<std::string> paths)
    : driver_(driver), dom_(dom), paths_(std::move(paths)) {
  // A failure leaves nothing behind (lib/ns undoes its own half-made work).
  namespaceAddPaths(driver_, dom_, paths_);
}

DevNodes::~DevNodes() {
  // Only what no device of the (unchanged) live definition uses goes.
  if (!kept_) namespaceRemovePaths(driver_, dom_, paths_);
}

}  // namespace hotplug

namespace {

using hotplug::AttachTarget;

// libvirt waits this long for DEVICE_DELETED before it lets the removal
// finish in the background.
constexpr std::chrono::milliseconds kUnplugWait{5000};

conf::DomainDef liveCopy(QemuDriver& d, const QemuDomain& dom) {
  MutexLock lock(d.mu);
  return dom.def;
}

void emitDeviceEvent(QemuDriver& d, const QemuDomain& dom, int eventId, const std::string& alias) {
  MutexLock lock(d.mu);
  driver::DomainEvent ev;
  ev.domain = dom.identity();
  ev.eventId = eventId;
  ev.devAlias = alias;
  d.emit(std::move(ev));
}

// The VIRT_RESOURCE record of one device (disks by path, interfaces by MAC,
// chardevs by host path; other kinds have none).
void auditDevice(QemuDriver& d, const QemuDomain& dom, const conf::DeviceDef& dev, std::string_view reason,
                 bool ok) {
  audit::AuditLog* log = d.auditLog();
  if (!log || !log->enabled()) return;
  audit::AuditedDomain who = audit::auditedDomain(dom.def, dom.run.pid);
  bool attach = reason == "attach";
  auto oldNew = [&](std::optional<std::string> v) {
    return attach ? std::pair{std::optional<std::string>(), v} : std::pair{v, std::optional<std::string>()};
  };
  if (const auto* disk = std::get_if<conf::DiskDef>(&dev)) {
    auto [o, n] = oldNew(audit::diskPath(*disk));
    log->send(audit::diskRecord(who, reason, o, n), ok);
  } else if (const auto* net = std::get_if<conf::NetDef>(&dev)) {
    auto [o, n] = oldNew(net->mac);
    log->send(audit::netRecord(who, reason, o, n), ok);
  } else if (const auto* chr = std::get_if<conf::ChrDef>(&dev)) {
    auto [o, n] = oldNew(audit::chardevPath(*chr));
    log->send(audit::chardevRecord(who, reason, o, n), ok);
  }
}

// ---- attach -----------------------------------------------------------------------

void checkAttach(const conf::DeviceDef& dev, const conf::DomainDef& live) {
  if (const auto* disk = std::get_if<conf::DiskDef>(&dev)) return hotplug::checkDiskAttach(*disk, live);
  if (const auto* net = std::get_if<conf::NetDef>(&dev)) return hotplug::checkNetAttach(*net, live);
  if (const auto* chr = std::get_if<conf::ChrDef>(&dev)) return hotplug::checkChrAttach(*chr);
  fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_QEMU,
       "live attach of device '" + deviceTypeName(dev) + "' is not supported");
}

// "<prefix>N" with N one above the highest such alias in `list` (libvirt's
// qemuAssignDevice*Alias with idx -1): net2 after net0 and net1, net0 again
// once every netN has gone.
template <typename List>
std::string nextAlias(const List& list, const std::string& prefix) {
  int next = 0;
  for (const auto& item : list) {
    const std::string& a = item.info.alias;
    if (a.size() <= prefix.size() || a.size() > prefix.size() + 6 || a.compare(0, prefix.size(), prefix) != 0)
      continue;
    std::string digits = a.substr(prefix.size());
    if (digits.find_first_not_of("0123456789") != std::string::npos) continue;
    next = std::max(next, std::stoi(digits) + 1);
  }
  return prefix + std::to_string(next);
}

// The guest addresses of a running guest cannot grow new buses: a device
// that needs a new controller (or USB hub) cannot be hotplugged.
void refuseNewControllers(const conf::DomainDef& live, const conf::DomainDef& next) {
  for (std::size_t i = live.controllers.size(); i < next.controllers.size(); ++i) {
    const std::string& type = next.controllers[i].type;
    if (type == "virtio-serial")
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, "no virtio-serial controllers are available");
    if (type == "pci") fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, "No more available PCI slots");
    fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_QEMU,
         "the device needs a new " + type + " controller, which cannot be hotplugged");
  }
  if (next.otherDevices.size() > live.otherDevices.size())
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, "No free USB ports");
}

// Where the new device sits in the definition being built.
struct Placed {
  enum class Kind { Disk, Net, Chr } kind = Kind::Disk;
  std::size_t index = 0;
  std::string chrKind;
};

const std::vector<conf::ChrDef>& chrsOf(const conf::DomainDef& def, const std::string& kind) {
  if (kind == "serial") return def.serials;
  if (kind == "parallel") return def.parallels;
  if (kind == "console") return def.consoles;
  return def.channels;
}
std::vector<conf::ChrDef>& chrsOf(conf::DomainDef& def, const std::string& kind) {
  return const_cast<std::vector<conf::ChrDef>&>(chrsOf(static_cast<const conf::DomainDef&>(def), kind));
}

// Adds `dev` to `next` as a define would have it: lib/conf's device
// defaults, the QEMU driver's, and a guest address.
Placed placeDevice(conf::DomainDef& next, conf::DeviceDef dev, const QemuCaps& caps) {
  Placed at;
  std::string target;
  if (const auto* disk = std::get_if<conf::DiskDef>(&dev)) {
    target = disk->targetDev;
  } else if (std::holds_alternative<conf::NetDef>(dev)) {
    at.kind = Placed::Kind::Net;
  } else {
    at.kind = Placed::Kind::Chr;
    at.chrKind = std::get<conf::ChrDef>(dev).kind;
  }
  conf::addDevice(next, std::move(dev));
  if (at.kind == Placed::Kind::Disk) placeNewDisk(next);
  applyDeviceDefaults(next, caps);
  assignQemuAddresses(next, caps);
  // Find it again: the defaults may not reorder lists, but do not rely on it.
  if (at.kind == Placed::Kind::Disk) {
    auto it = std::find_if(next.disks.begin(), next.disks.end(),
                           [&](const conf::DiskDef& d) { return d.targetDev == target; });
    at.index = static_cast<std::size_t>(it - next.disks.begin());
  } else if (at.kind == Placed::Kind::Net) {
    at.index = next.nets.size() - 1;
  } else {
    at.index = chrsOf(next, at.chrKind).size() - 1;
  }
  return at;
}

conf::DeviceDef deviceAt(conf::DomainDef& def, const Placed& at) {
  switch (at.kind) {
    case Placed::Kind::Disk: return def.disks[at.index];
    case Placed::Kind::Net: return def.nets[at.index];
    case Placed::Kind::Chr: break;
  }
  return chrsOf(def, at.chrKind)[at.index];
}

// Gives the device its alias and plugs it into QEMU; returns the alias.
std::string plug(AttachTarget& t, conf::DomainDef& next, const Placed& at) {
  switch (at.kind) {
    case Placed::Kind::Disk: {
      conf::DiskDef& disk = next.disks[at.index];
      disk.info.alias = cmd::diskAlias(t.st, disk);
      hotplug::plugDisk(t, disk);
      return disk.info.alias;
    }
    case Placed::Kind::Net: {
      conf::NetDef& net = next.nets[at.index];
      net.info.alias = cmd::aliasOr(net.info, nextAlias(next.nets, "net"));
      hotplug::plugNet(t, net);
      return net.info.alias;
    }
    case Placed::Kind::Chr: break;
  }
  std::vector<conf::ChrDef>& list = chrsOf(next, at.chrKind);
  conf::ChrDef& chr = list[at.index];
  chr.info.alias = cmd::aliasOr(chr.info, nextAlias(list, at.chrKind));
  hotplug::plugChr(t, chr);
  return chr.info.alias;
}

// ---- detach -----------------------------------------------------------------------

const conf::DeviceInfo* infoOf(const conf::DeviceDef& dev) {
  return std::visit(
      [](const auto& d) -> const conf::DeviceInfo* {
        if constexpr (requires { d.info; }) return &d.info;
        else return nullptr;
      },
      dev);
}

// The live device `match` names, with libvirt's refusals.
conf::DeviceDef findForDetach(const conf::DomainDef& live, const conf::DeviceDef& match) {
  if (const auto* q = std::get_if<conf::DiskDef>(&match)) {
    for (const auto& disk : live.disks)
      if (disk.targetDev == q->targetDev) {
        hotplug::checkDiskDetach(disk);
        return disk;
      }
    fail(VIR_ERR_DEVICE_MISSING, VIR_FROM_QEMU, "disk " + q->targetDev + " not found");
  }
  if (const auto* q = std::get_if<conf::NetDef>(&match)) return live.nets[findInterface(live, *q)];
  if (const auto* q = std::get_if<conf::ChrDef>(&match)) {
    int idx = findChardev(live, *q);
    if (idx < 0)
      fail(VIR_ERR_DEVICE_MISSING, VIR_FROM_QEMU, "chr type '" + q->kind + "' device not present in domain configuration");
    const conf::ChrDef& chr = chrsOf(live, q->kind)[static_cast<std::size_t>(idx)];
    if (chr.kind == "console" && (chr.targetType == "serial" || chr.targetType.empty() || chr.targetType == "none"))
      fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_QEMU,
           "detaching of <console/> is unsupported. Try corresponding <serial/> instead");
    return chr;
  }
  fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_QEMU,
       "live detach of device '" + deviceTypeName(match) + "' is not supported");
}

// QEMU unplugs a whole slot: a device that shares its slot with other
// functions cannot go alone.
void refuseMultifunction(const conf::DomainDef& live, const conf::DeviceDef& dev) {
  const conf::DeviceInfo* info = infoOf(dev);
  if (!info || info->address.type != "pci") return;
  const conf::PciAddress& a = info->address.pci;
  bool shared = false;
  auto check = [&](const conf::DeviceInfo& other) {
    const conf::PciAddress& b = other.address.pci;
    if (other.address.type == "pci" && b.domain == a.domain && b.bus == a.bus && b.slot == a.slot &&
        b.function != a.function)
      shared = true;
  };
  for (const auto& x : live.disks) check(x.info);
  for (const auto& x : live.controllers) check(x.info);
  for (const auto& x : live.nets) check(x.info);
  for (const auto& x : live.videos) check(x.info);
  for (const auto& x : live.hostdevs) check(x.info);
  for (const auto& x : live.inputs) check(x.info);
  for (const auto& x : live.otherDevices) check(x.info);
  if (live.memballoon) check(live.memballoon->info);
  if (!shared) return;
  char addr[64];
  snprintf(addr, sizeof addr, "%04x:%02x:%02x.%u", a.domain, a.bus, a.slot, a.function);
  fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_QEMU,
       "cannot hot unplug " + deviceTypeName(dev) + " device with multifunction PCI guest address: " + addr);
}

// Takes the device with `alias` out of `def` (a serial port takes the
// console that mirrors it along).
std::optional<conf::DeviceDef> takeByAlias(conf::DomainDef& def, const std::string& alias) {
  auto take = [&](auto& list) -> std::optional<conf::DeviceDef> {
    for (auto it = list.begin(); it != list.end(); ++it)
      if (it->info.alias == alias) {
        conf::DeviceDef out = *it;
        list.erase(it);
        return out;
      }
    return std::nullopt;
  };
  if (auto d = take(def.disks)) return d;
  if (auto d = take(def.nets)) return d;
  if (auto d = take(def.serials)) {
    if (!def.consoles.empty() && def.consoles[0].info.alias == alias) def.consoles.erase(def.consoles.begin());
    return d;
  }
  for (auto* list : {&def.channels, &def.consoles, &def.parallels})
    if (auto d = take(*list)) return d;
  if (auto d = take(def.controllers)) return d;
  if (auto d = take(def.inputs)) return d;
  if (auto d = take(def.hostdevs)) return d;
  if (auto d = take(def.videos)) return d;
  if (auto d = take(def.otherDevices)) return d;
  return std::nullopt;
}

// QEMU has removed the device `alias`: its backend goes, then the live
// definition forgets it, then its /dev nodes go (those no other device
// needs), and the event and the status file follow.
void finishRemoval(QemuDriver& d, QemuDomain& dom, const std::string& alias) {
  conf::DomainDef next = liveCopy(d, dom);
  std::optional<conf::DeviceDef> removed = takeByAlias(next, alias);
  if (!removed) return;
  VIREO_DEBUG(kLogModule, "removing device '%s' of domain '%s'", alias.c_str(), next.name.c_str());
  if (dom.run.monitor && dom.run.monitor->alive()) {
    QmpMonitor& mon = *dom.run.monitor;
    if (const auto* disk = std::get_if<conf::DiskDef>(&*removed)) hotplug::unplugDiskBackend(mon, *disk);
    else if (const auto* net = std::get_if<conf::NetDef>(&*removed)) hotplug::unplugNetBackend(mon, *net);
    else if (const auto* chr = std::get_if<conf::ChrDef>(&*removed)) hotplug::unplugChrBackend(mon, *chr);
  }
  if (const auto* disk = std::get_if<conf::DiskDef>(&*removed)) releaseDiskLease(d, dom, *disk);
  auditDevice(d, dom, *removed, "detach", true);
  {
    MutexLock lock(d.mu);
    dom.def = std::move(next);
  }
  restoreDeviceLabels(d, dom, *removed);  // before its nodes leave the private /dev
  namespaceRemovePaths(d, dom, devicePaths(*removed));
  // The status file first: whoever reacts to the event finds it current.
  saveDomainStatus(d, dom);
  emitDeviceEvent(d, dom, VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED, alias);
}

}  // namespace

void attachDeviceLive(QemuDriver& d, const std::shared_ptr<QemuDomain>& domPtr, conf::DeviceDef dev) {
  QemuDomain& dom = *domPtr;
  QmpMonitor& mon = monitorOf(dom);
  conf::DomainDef live = liveCopy(d, dom);
  checkAttach(dev, live);
  std::shared_ptr<const QemuCaps> caps = d.capsFor(d.emulatorFor(live));

  conf::DomainDef next = live;
  Placed at = placeDevice(next, std::move(dev), *caps);
  refuseNewControllers(live, next);

  CommandContext ctx;
  ctx.caps = caps.get();
  ctx.emulator = d.emulatorFor(live);
  ctx.domainId = dom.id;
  QemuCommand scratch;
  cmd::BuildState st{next, ctx, scratch};
  AttachTarget target{d, dom, mon, st};
  std::string alias;
  VIREO_DEBUG(kLogModule, "attaching a %s device to domain '%s'", deviceTypeName(deviceAt(next, at)).c_str(),
              live.name.c_str());
  try {
    alias = plug(target, next, at);
  } catch (const std::exception& e) {
    VIREO_DEBUG(kLogModule, "attach to domain '%s' failed: %s", live.name.c_str(), e.what());
    auditDevice(d, dom, deviceAt(next, at), "attach", false);
    throw;
  }
  VIREO_INFO(kLogModule, "device '%s' attached to domain '%s'", alias.c_str(), live.name.c_str());
  auditDevice(d, dom, deviceAt(next, at), "attach", true);
  {
    MutexLock lock(d.mu);
    dom.def = std::move(next);
  }
  saveDomainStatus(d, dom);
  emitDeviceEvent(d, dom, VIR_DOMAIN_EVENT_ID_DEVICE_ADDED, alias);
}

void detachDeviceLive(QemuDriver& d, const std::shared_ptr<QemuDomain>& domPtr, const conf::DeviceDef& match) {
  QemuDomain& dom = *domPtr;
  QmpMonitor& mon = monitorOf(dom);
  conf::DomainDef live = liveCopy(d, dom);
  conf::DeviceDef device = findForDetach(live, match);
  const conf::DeviceInfo* info = infoOf(device);
  if (!info || info->alias.empty())
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, "Cannot detach " + deviceTypeName(device) + " device with no alias");
  refuseMultifunction(live, device);
  std::string alias = info->alias;

  VIREO_DEBUG(kLogModule, "detaching device '%s' from domain '%s'", alias.c_str(), live.name.c_str());
  dom.removals.expect(alias);
  bool gone = false;
  try {
    mon.execute("device_del", json::Value::object({{"id", alias}}));
  } catch (const Error& e) {
    if (!dom.removals.seen()) {
      if (e.str1 != "DeviceNotFound") {
        dom.removals.cancel();
        auditDevice(d, dom, device, "detach", false);
        throw;
      }
      // QEMU no longer has it (a guest-initiated removal whose event was
      // missed): finish the removal now.
      gone = true;
    }
  }
  if (gone) dom.removals.cancel();
  else gone = dom.removals.wait(kUnplugWait);
  // Not gone yet: the guest has not released it. The detach succeeds with
  // the removal pending, as in libvirt; DEVICE_DELETED finishes it.
  if (gone) finishRemoval(d, dom, alias);
  else VIREO_DEBUG(kLogModule, "device '%s' not released by the guest yet: removal pending", alias.c_str());
}

void completeDeviceRemoval(QemuDriver& d, const std::shared_ptr<QemuDomain>& dom, const std::string& alias) {
  try {
    finishRemoval(d, *dom, alias);
  } catch (const std::exception& e) {
    VIREO_WARN(kLogModule, "removal of device '%s' of domain '%s': %s", alias.c_str(), dom->def.name.c_str(),
               e.what());
  }
}

void reconcileRemovedDevices(QemuDriver& d, const std::shared_ptr<QemuDomain>& dom) {
  if (!dom->run.monitor || !dom->run.monitor->alive()) return;
  std::set<std::string> present;
  try {
    json::Value list = dom->run.monitor->execute("qom-list", json::Value::object({{"path", "/machine/peripheral"}}));
    for (const json::Value& entry : list.asArray()) {
      const json::Value* name = entry.find("name");
      const json::Value* type = entry.find("type");
      if (name && name->isString() && type && type->isString() && type->asString().rfind("child<", 0) == 0)
        present.insert(name->asString());
    }
  } catch (const std::exception& e) {
    VIREO_WARN(kLogModule, "cannot list the devices of domain '%s': %s", dom->def.name.c_str(), e.what());
    return;
  }
  std::vector<std::string> gone;
  {
    MutexLock lock(d.mu);
    auto check = [&](const conf::DeviceInfo& info) {
      if (!info.alias.empty() && !present.count(info.alias)) gone.push_back(info.alias);
    };
    for (const auto& disk : dom->def.disks)
      if (disk.targetBus == "virtio" || disk.targetBus == "scsi" || disk.targetBus == "usb") check(disk.info);
    for (const auto& net : dom->def.nets) check(net.info);
    for (const auto& chr : dom->def.channels)
      if (chr.targetType == "virtio") check(chr.info);
    for (const auto& chr : dom->def.serials)
      if (chr.targetType == "usb-serial" || chr.targetType == "pci-serial") check(chr.info);
  }
  for (const std::string& alias : gone) completeDeviceRemoval(d, dom, alias);
}

}  // namespace vireo::qemu
