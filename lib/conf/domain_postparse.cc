// The defaults libvirt applies after parsing a definition: what a definition
// formats back with even though the input did not say it.
#include <sys/utsname.h>

#include <algorithm>
#include <climits>
#include <map>
#include <set>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lib/conf/domain.h"
#include "lib/conf/domain_internal.h"
#include "lib/conf/domain_tuning.h"
#include "lib/conf/units.h"
#include "lib/util/error.h"

namespace vireo::conf {

namespace {

// ---- memory and CPU --------------------------------------------------------

// The total size of the hotpluggable <memory> devices (DIMMs, NVDIMMs...).
unsigned long long hotplugMemoryKiB(const DomainDef& def) {
  unsigned long long total = 0;
  for (const GenericDeviceDef* m : def.devicesOfKind("memory"))
    for (const auto& c : m->rest.children)
      if (c.isElement() && c.name == "target")
        if (const xml::Element* size = c.child("size"))
          total += parseMemoryKiB(size->textContent(), size->attrOr("unit"), "size");
  return total;
}

// <memory> is the total: the initial memory plus the memory devices. The
// NUMA cells give the initial memory when <memory> is absent, or always when
// the driver asks for libvirt's ABI update (qemu's define).
void defaultMemory(DomainDef& def, unsigned parseFlags) {
  unsigned long long numaTotal = 0;
  bool hasCells = false;
  if (const xml::Element* numa = def.cpu.child("numa")) {
    for (const xml::Element* cell : numa->childrenNamed("cell")) {
      hasCells = true;
      numaTotal += parseMemoryKiB(cell->attrOr("memory", "0"), cell->attrOr("unit"), "memory");
    }
  }
  if (hasCells && numaTotal && (def.memory.maxKiB == 0 || (parseFlags & ParseAbiUpdate)))
    def.memory.maxKiB = numaTotal + hotplugMemoryKiB(def);
  if (def.memory.maxKiB == 0)
    fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
         "Memory size must be specified via <memory> or in the <numa> configuration");
  if (def.memory.currentKiB == 0 || def.memory.currentKiB > def.memory.maxKiB)
    def.memory.currentKiB = def.memory.maxKiB;
}

void defaultCpu(DomainDef& def) {
  xml::Element& cpu = def.cpu;
  if (cpu.name.empty()) return;
  const xml::Element* model = cpu.child("model");
  if (!cpu.hasAttr("mode") && (model || cpu.child("feature"))) cpu.setAttr("mode", "custom");
  std::string mode = cpu.attrOr("mode", "custom");
  if (mode == "custom" && model && !cpu.hasAttr("match")) cpu.setAttr("match", "exact");
  // A model is formatted only with a name or a vendor_id, and then says its
  // fallback (allow unless told otherwise).
  std::erase_if(cpu.children, [](const xml::Element& c) {
    return c.isElement() && c.name == "model" && c.textContent().empty() && !c.hasAttr("vendor_id");
  });
  if (mode == "custom" || mode == "host-model")
    if (xml::Element* m = cpu.child("model"); m && !m->hasAttr("fallback")) m->setAttr("fallback", "allow");
  orderAttrs(cpu, {"mode", "match", "check", "migratable"});
  for (auto& c : cpu.children) {
    if (c.name == "feature") orderAttrs(c, {"policy", "name"});
    if (c.name == "maxphysaddr") orderAttrs(c, {"mode", "bits", "limit"});
  }
  if (xml::Element* numa = cpu.child("numa")) {
    // Cells are kept by id and their memory in KiB, as libvirt formats them.
    unsigned id = 0;
    for (auto& cell : numa->children) {
      if (!cell.isElement() || cell.name != "cell") continue;
      checkNumaCellSwitches(cell);
      if (!cell.hasAttr("id")) cell.setAttr("id", std::to_string(id));
      ++id;
      if (const std::string* mem = cell.attr("memory")) {
        cell.setAttr("memory", std::to_string(parseMemoryKiB(*mem, cell.attrOr("unit"), "memory")));
        cell.setAttr("unit", "KiB");
      }
      orderAttrs(cell, {"id", "cpus", "memory", "unit", "memAccess", "discard"});
    }
    auto cellId = [](const xml::Element& c) {
      const std::string* v = c.attr("id");
      return v ? std::strtoul(v->c_str(), nullptr, 10) : 0ul;
    };
    auto byId = [&](const xml::Element& a, const xml::Element& b) {
      bool aCell = a.isElement() && a.name == "cell", bCell = b.isElement() && b.name == "cell";
      if (aCell != bCell) return aCell;  // cells first, as libvirt formats them
      return aCell && cellId(a) < cellId(b);
    };
    std::stable_sort(numa->children.begin(), numa->children.end(), byId);
  }
  orderChildren(cpu, {"model", "vendor", "topology", "cache", "maxphysaddr", "feature", "numa"});
}

// <numatune><memory>: mode defaults to strict; placement follows the vCPUs'
// when the definition names no nodeset (libvirt formats placement only when
// it is auto), and automatic vCPU placement implies automatic memory placement.
void defaultNumatune(DomainDef& def) {
  xml::Element* numatune = nullptr;
  for (auto& e : def.otherTopLevel)
    if (e.isElement() && e.name == "numatune") numatune = &e;
  bool vcpuAuto = def.vcpu.placement == "auto";
  if (!numatune) {
    if (!vcpuAuto) return;
    def.otherTopLevel.push_back(xml::Element::make("numatune"));
    numatune = &def.otherTopLevel.back();
  }
  xml::Element* memory = numatune->child("memory");
  if (!memory) {
    if (!vcpuAuto) return;
    memory = &numatune->addChild(xml::Element::make("memory"));
  }
  if (!memory->hasAttr("mode")) memory->setAttr("mode", "strict");
  std::string placement = memory->attrOr("placement");
  if (placement.empty()) placement = memory->hasAttr("nodeset") || !vcpuAuto ? "static" : "auto";
  if (placement == "static" && !memory->hasAttr("nodeset"))
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN,
         "nodeset for NUMA memory tuning must be set if 'placement' is 'static'");
  if (placement == "static") memory->removeAttr("placement");
  else memory->setAttr("placement", placement);
  orderAttrs(*memory, {"mode", "nodeset", "placement"});
}

// ---- OS ---------------------------------------------------------------------

bool anyDeviceBoot(const DomainDef& def) {
  auto has = [](const auto& v) {
    return std::any_of(v.begin(), v.end(), [](const auto& d) { return d.info.bootOrder.has_value(); });
  };
  return has(def.disks) || has(def.nets) || has(def.hostdevs) ||
         has(def.otherDevices);
}

std::string hostArch() {
  struct utsname u;
  if (uname(&u) != 0) return "x86_64";
  std::string m = u.machine;
  // libvirt's names: i386..i686 are all i686.
  if (m.size() == 4 && m[0] == 'i' && m.substr(2) == "86") return "i686";
  return m;
}

void defaultOs(DomainDef& def) {
  if (def.os.type.empty()) def.os.type = def.type == "lxc" ? "exe" : "hvm";
  // The test driver's only guest architectures are i686 and x86_64; libvirt
  // picks the first one. A container runs on the host: its architecture.
  if (def.os.arch.empty()) def.os.arch = def.type == "lxc" ? hostArch() : "i686";
  if (def.os.type == "hvm" && def.os.bootDevs.empty() && !anyDeviceBoot(def))
    def.os.bootDevs.push_back("hd");
  if (def.os.type == "hvm" && !def.os.bootDevs.empty() && anyDeviceBoot(def) )
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN,
         "per-device boot elements cannot be used together with os/boot elements");
}

// The <features> that are on/off switches in libvirt's model: an element
// without state= means on, and libvirt writes the state either way.
void defaultFeatureStates(DomainDef& def) {
  static const std::set<std::string_view> kSwitches = {"hap", "pmu", "pvspinlock", "vmport", "htm",
                                                       "nested-hv", "ccf-assist", "vmcoreinfo"};
  for (xml::Element& f : def.features.children) {
    if (!f.isElement()) continue;
    if (kSwitches.count(f.name) && !f.hasAttr("state")) f.setAttr("state", "on");
    // Hyper-V enlightenments are chosen one by one unless the mode says otherwise.
    if (f.name == "hyperv" && !f.hasAttr("mode")) f.attrs.insert(f.attrs.begin(), {"mode", "custom"});
    // A pSeries guest's largest hash page table page size is kept in KiB.
    if (xml::Element* size = f.name == "hpt" ? f.child("maxpagesize") : nullptr) {
      unsigned long long kib = parseMemoryKiB(size->textContent(), size->attrOr("unit"), "maxpagesize");
      *size = xml::Element::make("maxpagesize");
      size->setAttr("unit", "KiB");
      size->addText(std::to_string(kib));
    }
  }
}

// <memtune>'s limits as libvirt keeps them: in KiB, in its order, and an
// unlimited one (9007199254740991 KiB, or more) not at all; a <memtune> left
// empty is dropped.
void normalizeMemtune(DomainDef& def) {
  auto it = std::find_if(def.otherTopLevel.begin(), def.otherTopLevel.end(),
                         [](const xml::Element& e) { return e.isElement() && e.name == "memtune"; });
  if (it == def.otherTopLevel.end()) return;
  std::vector<xml::Element> limits;
  for (const char* name : {"hard_limit", "soft_limit", "min_guarantee", "swap_hard_limit"}) {
    const xml::Element* c = it->child(name);
    if (!c) continue;
    unsigned long long kib = parseMemoryKiB(c->textContent(), c->attrOr("unit"), name);
    if (kib >= kMemoryUnlimitedKiB) continue;
    xml::Element limit = xml::Element::make(name);
    limit.setAttr("unit", "KiB");
    limit.addText(std::to_string(kib));
    limits.push_back(std::move(limit));
  }
  if (limits.empty())
    def.otherTopLevel.erase(it);
  else
    it->children = std::move(limits);
}

// Top-level elements kept as written, in libvirt's order of attributes and
// children.
void orderKeptTopLevel(DomainDef& def) {
  for (xml::Element& e : def.otherTopLevel) {
    if (e.name == "seclabel")
      orderAttrs(e, {"type", "model", "relabel"});
    else if (e.name == "memoryBacking")
      orderChildren(e, {"hugepages", "nosharepages", "locked", "source", "access", "allocation", "discard"});
  }
}

// ---- controllers and disks --------------------------------------------------

// libvirt appends the controllers it adds implicitly after the ones the
// definition gave (which insertController() sorted), each type in turn.
void addControllerIfMissing(DomainDef& def, const std::string& type, int index) {
  for (const auto& c : def.controllers)
    if (c.type == type && c.index == index) return;
  ControllerDef c;
  c.type = type;
  c.index = index;
  def.controllers.push_back(std::move(c));
}

void assignControllerIndexes(DomainDef& def) {
  for (auto& c : def.controllers) {
    if (c.index) continue;
    int idx = 0;
    while (std::any_of(def.controllers.begin(), def.controllers.end(),
                       [&](const ControllerDef& o) { return o.type == c.type && o.index == idx; }))
      ++idx;
    c.index = idx;
  }
}

// libvirt's fixed layout of drive addresses per bus, from the target name.
// A SCSI disk's address must not be one a SCSI host device was given.
void assignDriveAddress(DiskDef& d, const DomainDef& def) {
  if (!d.info.address.type.empty()) return;
  int idx = diskNameIndex(d.targetDev);
  if (idx < 0)
    fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "Unknown disk name '" + d.targetDev + "' and no address specified");
  DriveAddress a;
  unsigned i = static_cast<unsigned>(idx);
  if (d.targetBus == "ide") {
    a.controller = i / 4;
    a.bus = (i % 4) / 2;
    a.unit = i % 2;
  } else if (d.targetBus == "scsi") {
    a.controller = i / 7;
    a.unit = i % 7;
  } else if (d.targetBus == "sata") {
    a.controller = i / 6;
    a.unit = i % 6;
  } else if (d.targetBus == "fdc") {
    a.controller = i / 2;
    a.unit = i % 2;
  } else {
    return;
  }
  d.info.address.type = "drive";
  d.info.address.drive = a;
  if (d.targetBus == "scsi" && scsiHostdevAt(def, a))
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN,
         "using disk target name '" + d.targetDev + "' conflicts with SCSI host device address " +
             driveAddressText(a, false));
}

// The port libvirt assumes for a network disk host of `protocol` that names
// none; 0 for the protocols without one (rbd, nfs...).
unsigned defaultNetworkPort(const std::string& protocol) {
  static const std::pair<const char*, unsigned> kPorts[] = {
      {"http", 80},   {"https", 443},    {"ftp", 21},   {"ftps", 990},     {"tftp", 69},
      {"nbd", 10809}, {"sheepdog", 7000}, {"ssh", 22},   {"iscsi", 3260},   {"gluster", 24007},
      {"vxhs", 9999}};
  for (const auto& [name, port] : kPorts)
    if (protocol == name) return port;
  return 0;
}

// An iSCSI target name without a LUN ("iqn.../N") means LUN 0.
void defaultIscsiLun(std::string& name) {
  if (!name.empty() && name.find('/') == std::string::npos) name += "/0";
}

// A network source's TCP hosts get the protocol's default port, and an
// iSCSI target without a LUN means LUN 0.
void defaultNetworkSource(DiskDef& d) {
  if (d.type != "network") return;
  DiskSource& src = d.source;
  if (unsigned port = defaultNetworkPort(src.protocol))
    for (DiskHost& h : src.hosts)
      if ((h.transport.empty() || h.transport == "tcp") && h.port.empty()) h.port = std::to_string(port);
  if (src.protocol == "iscsi") defaultIscsiLun(src.name);
}

// The units a SCSI host device may take on controller `index`: libvirt
// assigns on a narrow bus (units 0 to 6) in every driver, and an LSI SAS1068
// has two targets. A controller that does not exist yet limits nothing.
unsigned scsiHostdevUnits(const DomainDef& def, unsigned index) {
  for (const ControllerDef& c : def.controllers)
    if (c.type == "scsi" && c.index == static_cast<int>(index) && c.model == "lsisas1068") return 2;
  return 7;
}

// A SCSI host device without an address takes the first free unit (bus 0,
// target 0) of the first controller that has one, free meaning no SCSI disk
// or host device there; the controllers missing are added afterwards.
void assignScsiHostdevAddress(HostdevDef& h, const DomainDef& def) {
  DriveAddress a;
  for (;; ++a.controller) {
    const unsigned units = scsiHostdevUnits(def, a.controller);
    for (a.unit = 0; a.unit < units; ++a.unit)
      if (!scsiDiskAt(def, a) && !scsiHostdevAt(def, a)) {
        h.info.address.type = "drive";
        h.info.address.drive = a;
        return;
      }
  }
}

// An iSCSI host device's target, like a disk's, means LUN 0 without one;
// a mediated device's address must suit its model; a SCSI one gets a drive
// address.
void postParseHostdev(HostdevDef& h, const DomainDef& def) {
  if (h.mode != "subsystem") return;
  if (h.type == "scsi" && h.info.address.type.empty()) assignScsiHostdevAddress(h, def);
  if (h.type == "scsi")
    for (auto& src : h.rest.children)
      if (src.isElement() && src.name == "source" && src.attrOr("protocol") == "iscsi" &&
          src.hasAttr("name")) {
        std::string name = src.attrOr("name");
        defaultIscsiLun(name);
        src.setAttr("name", name);
      }
  checkMdevAddress(h);
  if (h.type == "scsi" && h.info.address.type == "drive" && scsiDiskAt(def, h.info.address.drive))
    fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
         "SCSI host address " + driveAddressText(h.info.address.drive, true) + " in use by a SCSI disk");
}

// A vhost-user disk cannot be snapshotted: unless told otherwise, libvirt
// marks it snapshot='no'. A CD-ROM is always read-only.
void defaultDiskSnapshot(DiskDef& d) {
  if (d.type == "vhostuser" && d.snapshot.empty()) d.snapshot = "no";
  if (d.device == "cdrom") d.readonly = true;
}

// A disk source opened from file descriptors the client passed
// (fdgroup=, virDomainFDAssociate) needs a driver that takes them: libvirt's
// QEMU driver does, its test driver does not, and no vireo driver implements
// virDomainFDAssociate, so every one refuses it as libvirt's test driver does.
void refuseFdPassing(const DiskDef& d) {
  for (const auto& [name, value] : d.source.rest.attrs)
    if (name == "fdgroup")
      fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN,
           "driver does not support FD passing for disk '" + d.targetDev + "'");
}

// The qcow2 metadata cache limit (<metadata_cache><max_size> in a disk's
// <driver> or a backing store's <format>) is kept in bytes, its default unit.
void normalizeMetadataCache(std::vector<xml::Element>& children) {
  for (auto& c : children) {
    if (!c.isElement() || c.name != "metadata_cache") continue;
    xml::Element* size = c.child("max_size");
    if (!size) continue;
    const unsigned long long bytes =
        parseScaledBytes(size->textContent(), size->attrOr("unit"), "./metadata_cache/max_size");
    *size = xml::Element::make("max_size");
    size->setAttr("unit", "bytes");
    size->addText(std::to_string(bytes));
  }
}

// A backing chain element as libvirt keeps it: its <format>, its <source>,
// then the next element of the chain. The index of an element is runtime
// state, read only from a live (status) document.
void normalizeBackingStore(xml::Element& bs, bool inactive) {
  if (inactive) bs.removeAttr("index");
  std::vector<xml::Element> ordered;
  for (const char* name : {"format", "source", "backingStore"})
    for (xml::Element& c : bs.children)
      if (c.isElement() && c.name == name) {
        if (c.name == "backingStore") normalizeBackingStore(c, inactive);
        if (c.name == "format") normalizeMetadataCache(c.children);
        ordered.push_back(std::move(c));
        break;
      }
  bs.children = std::move(ordered);
}

// libvirt reads a disk's block job (<mirror>) and its backing chain's indexes
// from status XML only: a persistent definition does not keep them.
void normalizeDiskRuntimeState(DiskDef& d, bool inactive) {
  if (inactive)
    std::erase_if(d.rest.children, [](const xml::Element& c) { return c.isElement() && c.name == "mirror"; });
  for (xml::Element& c : d.rest.children)
    if (c.isElement() && c.name == "backingStore") normalizeBackingStore(c, inactive);
}

}  // namespace

namespace {

// The highest controller index that a drive address may make vireo add
// implicitly: every target name of up to four letters fits on every bus
// ("fdzzzz" is controller 237626). libvirt has no limit and allocates
// until it runs out of memory for <target dev='hdfxshrxx'/> (index
// 2147483647) or <address type='drive' controller='4000000000'/>.
constexpr unsigned kMaxImplicitControllerIndex = 262143;

// Appends the controllers 0..maxIdx of `type` that `def` lacks, in index
// order, in one pass (one lookup per index would be quadratic for "sdzzzz",
// 67894 controllers).
void addMissingControllers(DomainDef& def, const std::string& type, unsigned maxIdx,
                           const std::string& model = "") {
  std::vector<bool> present(maxIdx + 1);
  for (const ControllerDef& c : def.controllers)
    if (c.type == type && c.index && *c.index >= 0 && static_cast<unsigned>(*c.index) <= maxIdx)
      present[static_cast<unsigned>(*c.index)] = true;
  for (unsigned k = 0; k <= maxIdx; ++k) {
    if (present[k]) continue;
    ControllerDef c;
    c.type = type;
    c.index = static_cast<int>(k);
    c.model = model;
    def.controllers.push_back(std::move(c));
  }
}

// The drive controllers `bus` needs for the highest drive address on it
// (disks, or SCSI host devices when `hostdevs`). The controllers added for
// host devices keep one model for all of them: the model of the controller
// that each new highest address names, where it exists and has one.
void addDriveControllers(DomainDef& def, const std::string& bus, bool hostdevs) {
  std::optional<unsigned> maxIdx;
  std::string user;  // the device that needs the highest index, for the error
  std::string model;
  auto need = [&](unsigned idx, const std::string& who) {
    if (maxIdx && idx <= *maxIdx) return;
    maxIdx = idx;
    user = who;
    if (!hostdevs) return;
    for (const ControllerDef& c : def.controllers)
      if (c.type == bus && c.index == static_cast<int>(idx) && !c.model.empty()) model = c.model;
  };
  if (!hostdevs) {
    for (const auto& d : def.disks)
      if (d.targetBus == bus && d.info.address.type == "drive")
        need(d.info.address.drive.controller, "disk '" + d.targetDev + "'");
  } else {
    for (const auto& h : def.hostdevs)
      if (h.type == "scsi" && h.info.address.type == "drive")
        need(h.info.address.drive.controller, "a SCSI host device");
  }
  if (!maxIdx) return;
  if (*maxIdx > kMaxImplicitControllerIndex)
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN,
         bus + " controller index " + std::to_string(*maxIdx) + " needed by " + user +
             " is over the limit of " + std::to_string(kMaxImplicitControllerIndex));
  addMissingControllers(def, bus, *maxIdx, model);
}

// The value of attribute `name` of a non-PCI, non-drive address, or -1.
int addressAttr(const DeviceAddress& a, std::string_view name) {
  for (const auto& [k, v] : a.attrs)
    if (k == name) return std::stoi(v);
  return -1;
}

// A smartcard without an address takes the next free slot of CCID controller 0.
void assignSmartcardAddresses(DomainDef& def) {
  for (GenericDeviceDef& card : def.otherDevices) {
    if (card.kind != "smartcard" || !card.info.address.type.empty()) continue;
    int maxSlot = -1;
    for (const GenericDeviceDef& other : def.otherDevices)
      if (other.kind == "smartcard" && other.info.address.type == "ccid" &&
          addressAttr(other.info.address, "controller") == 0)
        maxSlot = std::max(maxSlot, addressAttr(other.info.address, "slot"));
    card.info.address.type = "ccid";
    card.info.address.attrs = {{"controller", "0"}, {"slot", std::to_string(maxSlot + 1)}};
  }
}

}  // namespace

void addImplicitControllers(DomainDef& def) {
  for (const char* bus : {"scsi", "fdc", "ide", "sata"}) addDriveControllers(def, bus, false);
  // virtio consoles and channels sit on a virtio-serial controller.
  auto virtioSerial = [&](const ChrDef& c) {
    if (c.targetType != "virtio") return;
    int idx = c.info.address.type == "virtio-serial" ? addressAttr(c.info.address, "controller") : 0;
    addControllerIfMissing(def, "virtio-serial", std::max(idx, 0));
  };
  for (const auto& c : def.channels) virtioSerial(c);
  for (const auto& c : def.consoles) virtioSerial(c);
  assignSmartcardAddresses(def);
  for (const GenericDeviceDef* card : def.devicesOfKind("smartcard"))
    addControllerIfMissing(def, "ccid", std::max(addressAttr(card->info.address, "controller"), 0));
  addDriveControllers(def, "scsi", true);
}

namespace {

// ---- character devices -------------------------------------------------------

// Serial and parallel ports without a number get the next ones past the
// highest number given.
void numberPorts(std::vector<ChrDef>& list) {
  int next = 0;
  for (const auto& c : list)
    if (c.targetPort) next = std::max(next, static_cast<int>(*c.targetPort) + 1);
  for (auto& c : list)
    if (!c.targetPort) c.targetPort = static_cast<unsigned>(next++);
}

// libvirt numbers consoles by their position, whatever port they name.
void numberConsoles(std::vector<ChrDef>& list) {
  for (std::size_t i = 0; i < list.size(); ++i) list[i].targetPort = static_cast<unsigned>(i);
}

// The console that shows serial port `serial`: libvirt formats the port
// itself (source, port, address) under a serial console target.
ChrDef serialConsole(const ChrDef& serial) {
  ChrDef console = serial;
  console.kind = "console";
  console.targetType = "serial";
  console.targetModel.clear();
  console.targetRest = {};
  return console;
}

// Whether a serial port of this target type is the machine's own (ISA,
// pSeries VIO, s390 SCLP, a system one, or not yet typed), the kind a serial
// console shows; a PCI or USB serial adapter and isa-debug are not.
bool isSystemSerial(const std::string& targetType) {
  return targetType.empty() || targetType == "isa-serial" || targetType == "spapr-vio-serial" ||
         targetType == "system-serial" || targetType == "sclp-serial";
}

// libvirt keeps the first console and the first serial port in step: a
// serial console implies a serial port and the other way round.
void pairConsoleAndSerial(DomainDef& def) {
  if (def.os.type != "hvm") return;
  if (!def.consoles.empty() && (def.consoles[0].targetType.empty() || def.consoles[0].targetType == "serial")) {
    if (def.serials.empty()) {
      ChrDef serial = def.consoles[0];
      serial.kind = "serial";
      serial.targetType.clear();
      serial.targetPort = 0;
      def.serials.push_back(serial);
    }
    def.consoles[0] = serialConsole(def.serials[0]);
  } else if (!def.serials.empty() && isSystemSerial(def.serials[0].targetType)) {
    // The first console is another kind (virtio...): a serial console goes ahead of it.
    def.consoles.insert(def.consoles.begin(), serialConsole(def.serials[0]));
  }
}

void defaultChardevs(DomainDef& def) {
  numberPorts(def.serials);
  numberPorts(def.parallels);
  numberConsoles(def.consoles);
  pairConsoleAndSerial(def);
}

// ---- cputune ---------------------------------------------------------------------

// libvirt keeps one scheduler per vCPU (per I/O thread) and formats one
// <vcpusched> (<iothreadsched>) element per id, in id order.
void splitSchedulers(xml::Element& cputune, const char* element, const char* idsAttr) {
  std::map<unsigned, xml::Element> byId;
  for (const xml::Element* e : cputune.childrenNamed(element)) {
    const std::string* ids = e->attr(idsAttr);
    if (!ids) continue;
    for (unsigned id : parseIdSet(*ids)) {
      xml::Element one = *e;
      one.setAttr(idsAttr, std::to_string(id));
      if (!byId.emplace(id, std::move(one)).second)
        fail(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN,
             std::string("'") + element + "' attributes '" + idsAttr + "' must not overlap");
    }
  }
  if (byId.empty()) return;
  std::vector<xml::Element> kept;
  bool placed = false;
  for (auto& c : cputune.children) {
    if (!(c.isElement() && c.name == element)) {
      kept.push_back(std::move(c));
    } else if (!placed) {
      for (auto& [id, e] : byId) kept.push_back(std::move(e));
      placed = true;
    }
  }
  cputune.children = std::move(kept);
}

// <cachetune> and <memorytune>: the allocations first, then the monitors;
// the id is a live name libvirt does not read from a definition, and a tune
// with neither allocations nor monitors is dropped.
void normalizeResctrl(xml::Element& cputune) {
  std::erase_if(cputune.children, [](const xml::Element& c) {
    return c.isElement() && (c.name == "cachetune" || c.name == "memorytune") && !c.hasElementChildren();
  });
  for (auto& c : cputune.children) {
    if (!c.isElement()) continue;
    if (c.name == "cachetune") orderChildren(c, {"cache", "monitor"});
    else if (c.name == "memorytune") orderChildren(c, {"node", "monitor"});
    else continue;
    c.removeAttr("id");
  }
}

void defaultCputune(DomainDef& def) {
  for (auto& e : def.otherTopLevel) {
    if (!e.isElement() || e.name != "cputune") continue;
    splitSchedulers(e, "vcpusched", "vcpus");
    splitSchedulers(e, "iothreadsched", "iothreads");
    normalizeResctrl(e);
  }
}

// ---- video, network -----------------------------------------------------------

unsigned long long defaultVram(const DomainDef& def, const std::string& type) {
  if (type == "vga" || type == "cirrus" || type == "vmvga") {
    if (def.type == "vbox") return 8 * 1024;
    if (def.type == "vmware") return 4 * 1024;
    return 16 * 1024;
  }
  if (type == "bochs") return 16 * 1024;
  if (type == "xen") return 4 * 1024;
  if (type == "qxl") return 64 * 1024;
  return 0;
}

std::string defaultVideoType(const DomainDef& def) {
  if (def.type == "vbox") return "vbox";
  if (def.type == "vmware") return "vmvga";
  if (def.os.type == "xen" || def.os.type == "linux") return "xen";
  if (def.os.arch.rfind("ppc64", 0) == 0) return "vga";
  return "cirrus";
}

void defaultVideo(VideoDef& v, const DomainDef& def) {
  if (v.type.empty()) v.type = defaultVideoType(def);
  if (v.type == "none") return;
  if (!v.vram) {
    auto d = defaultVram(def, v.type);
    if (d) v.vram = d;
  }
  if (v.type == "qxl" && !v.ram) v.ram = 64 * 1024;
  if (!v.heads) v.heads = 1;
}

void defaultMac(NetDef& n) {
  if (!n.mac.empty()) return;
  Uuid rnd = Uuid::generate();
  char buf[18];
  std::snprintf(buf, sizeof buf, "52:54:00:%02x:%02x:%02x", rnd.bytes[0], rnd.bytes[1], rnd.bytes[2]);
  n.mac = buf;
  n.macGenerated = true;
}

void defaultVideos(DomainDef& def) {
  if (def.videos.empty() && !def.graphics.empty()) def.videos.emplace_back();
  for (auto& v : def.videos) defaultVideo(v, def);
  if (!def.videos.empty() && def.videos[0].type != "none") def.videos[0].primary = true;
}

// The port a network gave an interface (portid=) is live state: libvirt
// reads it from status XML only, not from a definition.
void dropNetRuntimeState(NetDef& n) {
  std::erase_if(n.sourceRest.attrs, [](const auto& a) { return a.first == "portid"; });
}

void defaultNets(DomainDef& def, bool inactive) {
  for (auto& n : def.nets) {
    defaultMac(n);
    if (inactive) dropNetRuntimeState(n);
  }
}

}  // namespace

int diskNameIndex(const std::string& name) {
  // The index is the letters after the prefix read as a bijective base-26
  // number; a partition number may follow ("vda1" is disk 0).
  std::size_t start = 0;
  for (const char* prefix : {"xvd", "ubd", "hd", "sd", "vd", "fd"})
    if (name.rfind(prefix, 0) == 0) {
      start = std::string(prefix).size();
      break;
    }
  if (start == 0) return -1;
  std::size_t i = start;
  long long idx = 0;
  for (; i < name.size() && name[i] >= 'a' && name[i] <= 'z'; ++i) {
    idx = idx * 26 + (name[i] - 'a' + 1);
    // libvirt computes this in an int that wraps: "vdfxshrxy" (2^31) is
    // refused, but 26 letters may wrap back to a valid index. No wrapping
    // here: everything past INT_MAX is unknown.
    if (idx - 1 > INT_MAX) return -1;
  }
  if (i == start) return -1;
  for (; i < name.size(); ++i)
    if (name[i] < '0' || name[i] > '9') return -1;
  return static_cast<int>(idx - 1);
}

void insertDisk(std::vector<DiskDef>& disks, std::vector<std::string>& buses, DiskDef d, std::string bus) {
  // libvirt's rule, working backwards: before the first disk of the same bus
  // with a higher target index, else after the last disk of that bus.
  const int index = diskNameIndex(d.targetDev);
  int insertAt = -1;
  for (int i = static_cast<int>(disks.size()) - 1; i >= 0; --i) {
    const std::size_t at = static_cast<std::size_t>(i);
    if (buses[at] != bus) continue;
    if (diskNameIndex(disks[at].targetDev) > index) insertAt = i;
    else if (insertAt == -1) insertAt = i + 1;
  }
  if (insertAt < 0) insertAt = static_cast<int>(disks.size());
  disks.insert(disks.begin() + insertAt, std::move(d));
  buses.insert(buses.begin() + insertAt, std::move(bus));
}

void insertController(DomainDef& def, ControllerDef c) {
  // Work backwards over controllers of the same type, as libvirt does.
  int insertAt = -1;
  for (int i = static_cast<int>(def.controllers.size()) - 1; i >= 0; --i) {
    const ControllerDef& cur = def.controllers[static_cast<std::size_t>(i)];
    if (cur.type != c.type) continue;
    if (!c.index) {
      insertAt = i + 1;
      break;
    }
    const bool sameIndex = cur.index.value_or(0) == *c.index;
    if (cur.index && *cur.index > *c.index) insertAt = i;
    // A master goes before the companions (with <master>) of its index.
    else if (sameIndex && c.info.master.name.empty() && !cur.info.master.name.empty()) insertAt = i;
    else if (insertAt == -1) insertAt = i + 1;
  }
  if (insertAt < 0) def.controllers.push_back(std::move(c));
  else def.controllers.insert(def.controllers.begin() + insertAt, std::move(c));
}

void postParseDevice(DeviceDef& dev, const DomainDef& def) {
  if (auto* d = std::get_if<DiskDef>(&dev)) {
    // No parse flags here: a device keeps the live state it was given.
    normalizeResourceSeclabels(d->source.rest.children, false);
    refuseFdPassing(*d);
    assignDriveAddress(*d, def);
    defaultNetworkSource(*d);
    defaultDiskSnapshot(*d);
    normalizeMetadataCache(d->driverRest.children);
  }
  if (auto* n = std::get_if<NetDef>(&dev)) defaultMac(*n);
  if (auto* h = std::get_if<HostdevDef>(&dev)) postParseHostdev(*h, def);
  if (auto* v = std::get_if<VideoDef>(&dev)) defaultVideo(*v, def);
  if (auto* c = std::get_if<ChrDef>(&dev); c && !c->targetPort) {
    std::vector<ChrDef> list = c->kind == "serial" ? def.serials : c->kind == "parallel" ? def.parallels
                             : c->kind == "console" ? def.consoles : def.channels;
    if (c->kind != "channel") {
      list.push_back(*c);
      numberPorts(list);
      c->targetPort = list.back().targetPort;
    }
  }
}

std::set<unsigned> parseIdSet(const std::string& text) {
  // libvirt's bitmaps of vCPUs and iothreads hold 16384 bits
  // (VIR_DOMAIN_CPUMASK_LEN); a larger id is refused as a parse error, the
  // same error as libvirt's (which reports it without an error domain).
  // The bound also keeps "0-999999999" from expanding to a billion ids.
  constexpr unsigned kMaxIds = 16384;
  auto bad = [&]() -> std::set<unsigned> {
    fail(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, "Failed to parse bitmap '" + text + "'");
  };
  auto number = [&](std::string_view t) {
    unsigned v = 0;
    if (t.empty() || t.size() > 9) bad();
    for (char ch : t) {
      if (ch < '0' || ch > '9') bad();
      v = v * 10 + static_cast<unsigned>(ch - '0');
    }
    if (v >= kMaxIds) bad();
    return v;
  };
  std::set<unsigned> in, out;
  std::string_view rest = text;
  while (true) {
    std::size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty() && item[0] == '^') {
      out.insert(number(item.substr(1)));
    } else if (std::size_t dash = item.find('-'); dash != std::string_view::npos) {
      unsigned lo = number(item.substr(0, dash)), hi = number(item.substr(dash + 1));
      if (hi < lo) bad();
      for (unsigned i = lo; i <= hi; ++i) in.insert(i);
    } else {
      in.insert(number(item));
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  for (unsigned i : out) in.erase(i);
  return in;
}

void postParseDomain(DomainDef& def, unsigned parseFlags) {
  const bool inactive = parseFlags & ParseInactive;
  normalizeDomainSeclabels(def, inactive);
  for (auto& d : def.disks) normalizeResourceSeclabels(d.source.rest.children, inactive);
  for (auto* list : {&def.serials, &def.parallels, &def.consoles, &def.channels})
    for (auto& c : *list)
      for (auto& src : c.sources) normalizeResourceSeclabels(src.children, inactive);
  defaultMemory(def, parseFlags);
  defaultCpu(def);
  defaultNumatune(def);
  normalizeGuestNumaMemory(def);
  defaultOs(def);
  defaultFeatureStates(def);
  orderKeptTopLevel(def);
  normalizeMemtune(def);
  if (def.clock.name.empty()) {
    def.clock = xml::Element::make("clock");
    def.clock.setAttr("offset", "utc");
  }
  assignControllerIndexes(def);
  for (auto& d : def.disks) {
    refuseFdPassing(d);
    assignDriveAddress(d, def);
    defaultNetworkSource(d);
    defaultDiskSnapshot(d);
    normalizeMetadataCache(d.driverRest.children);
    normalizeDiskRuntimeState(d, parseFlags & ParseInactive);
  }
  for (auto& h : def.hostdevs) postParseHostdev(h, def);
  defaultChardevs(def);
  defaultCputune(def);
  addImplicitControllers(def);
  defaultVideos(def);
  defaultNets(def, inactive);
}

}  // namespace vireo::conf
