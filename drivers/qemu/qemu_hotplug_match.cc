// Which device of a definition a device XML names (for detach), where a new
// disk goes, and libvirt's names for device types in messages.
#include <strings.h>

#include <cstdio>

#include "drivers/qemu/qemu_hotplug.h"
#include "drivers/qemu/qemu_pci_bus.h"
#include "lib/conf/domain.h"
#include "lib/util/error.h"

namespace vireo::qemu {

std::string deviceTypeName(const conf::DeviceDef& dev) {
  return std::visit(
      [](const auto& d) -> std::string {
        using T = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<T, conf::DiskDef>) return "disk";
        else if constexpr (std::is_same_v<T, conf::ControllerDef>) return "controller";
        else if constexpr (std::is_same_v<T, conf::NetDef>) return "net";
        else if constexpr (std::is_same_v<T, conf::ChrDef>) return "chr";
        else if constexpr (std::is_same_v<T, conf::InputDef>) return "input";
        else if constexpr (std::is_same_v<T, conf::GraphicsDef>) return "graphics";
        else if constexpr (std::is_same_v<T, conf::VideoDef>) return "video";
        else if constexpr (std::is_same_v<T, conf::HostdevDef>) return "hostdev";
        else if constexpr (std::is_same_v<T, conf::MemballoonDef>) return "memballoon";
        else return d.kind;  // the element name is libvirt's type name (filesystem, rng, ...)
      },
      dev);
}

std::size_t findInterface(const conf::DomainDef& def, const conf::NetDef& match) {
  bool macGiven = !match.macGenerated;
  bool pciGiven = match.info.address.type == "pci";
  int found = -1;
  for (std::size_t i = 0; i < def.nets.size(); ++i) {
    const conf::NetDef& n = def.nets[i];
    if (macGiven && strcasecmp(n.mac.c_str(), match.mac.c_str()) != 0) continue;
    if (pciGiven && !(n.info.address.type == "pci" && n.info.address.pci == match.info.address.pci)) continue;
    if (!match.info.alias.empty() && n.info.alias != match.info.alias) continue;
    if (found >= 0) {
      // Without a guest address to tell them apart, libvirt refuses to guess.
      fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN,
           macGiven ? "multiple devices matching MAC address " + match.mac + " found"
                    : std::string("multiple matching devices found"));
    }
    found = static_cast<int>(i);
  }
  if (found >= 0) return static_cast<std::size_t>(found);
  std::string pci = pciGiven ? pciAddressString(match.info.address.pci) : std::string();
  if (macGiven && pciGiven)
    fail(VIR_ERR_DEVICE_MISSING, VIR_FROM_DOMAIN, "no device matching MAC address " + match.mac + " found on " + pci);
  if (pciGiven) fail(VIR_ERR_DEVICE_MISSING, VIR_FROM_DOMAIN, "no device found on " + pci);
  if (macGiven) fail(VIR_ERR_DEVICE_MISSING, VIR_FROM_DOMAIN, "no device matching MAC address " + match.mac + " found");
  fail(VIR_ERR_DEVICE_MISSING, VIR_FROM_DOMAIN, "no matching device found");
}

namespace {

const std::vector<conf::ChrDef>* chrListOf(const conf::DomainDef& def, const std::string& kind) {
  if (kind == "serial") return &def.serials;
  if (kind == "parallel") return &def.parallels;
  if (kind == "console") return &def.consoles;
  if (kind == "channel") return &def.channels;
  return nullptr;
}

std::string sourcePath(const conf::ChrDef& c) { return c.sources.empty() ? std::string() : c.sources[0].attrOr("path"); }

bool sameChardev(const conf::ChrDef& q, const conf::ChrDef& c) {
  if (q.type != c.type || q.targetType != c.targetType) return false;
  if (q.kind == "channel" && q.targetName != c.targetName) return false;
  if (q.targetPort && q.targetPort != c.targetPort) return false;
  // A pty's path is QEMU's choice: a query without one matches any.
  std::string path = sourcePath(q);
  if (!path.empty() && path != sourcePath(c)) return false;
  if (q.type == "tcp" || q.type == "udp") return q.sources == c.sources;
  return true;
}

}  // namespace

int findChardev(const conf::DomainDef& def, const conf::ChrDef& match) {
  const std::vector<conf::ChrDef>* list = chrListOf(def, match.kind);
  if (!list) return -1;
  for (std::size_t i = 0; i < list->size(); ++i)
    if (sameChardev(match, (*list)[i])) return static_cast<int>(i);
  return -1;
}

std::size_t placeNewDisk(conf::DomainDef& def) {
  auto& disks = def.disks;
  conf::DiskDef disk = std::move(disks.back());
  disks.pop_back();
  // From the end: the first disk of the bus whose target sorts after the
  // new one is where it goes; failing that, right after the bus's last disk.
  int at = -1;
  int index = conf::diskNameIndex(disk.targetDev);
  for (int i = static_cast<int>(disks.size()) - 1; i >= 0; --i) {
    if (disks[static_cast<std::size_t>(i)].targetBus != disk.targetBus) continue;
    if (conf::diskNameIndex(disks[static_cast<std::size_t>(i)].targetDev) > index) at = i;
    else if (at == -1) at = i + 1;
  }
  std::size_t pos = at < 0 ? disks.size() : static_cast<std::size_t>(at);
  disks.insert(disks.begin() + static_cast<std::ptrdiff_t>(pos), std::move(disk));
  return pos;
}

}  // namespace vireo::qemu
