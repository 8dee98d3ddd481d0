// PCI slot assignment for x86 QEMU guests, following libvirt 9.0's
// qemuDomainAssignPCIAddresses: a dry run over the devices finds how many
// buses they need and adds the missing controllers, then the real run
// places every device. The order of the device kinds is libvirt's (it
// dates from QEMU < 0.12 and keeps guests' PCI layout stable).
#include <algorithm>
#include <functional>

#include "drivers/qemu/qemu_address.h"
#include "drivers/qemu/qemu_domain_util.h"
#include "drivers/qemu/qemu_pci_bus.h"
#include "lib/util/error.h"

namespace vireo::qemu {

namespace {

using conf::ControllerDef;
using conf::DeviceInfo;
using conf::DomainDef;
using conf::PciAddress;

// The connect flags that depend on the machine and the QEMU binary.
struct PciContext {
  const QemuCaps& caps;
  bool i440fx = false, q35 = false;
  bool pcieRoot = false;  // the root bus is pcie-root
  unsigned pci = kPciDevice | kPciAutoassign;
  unsigned pcie = 0;      // a PCI Express device: PCIe when the machine has it
  unsigned virtio = 0;    // virtio devices are PCIe when QEMU has the transitional models
};

PciContext makeContext(const DomainDef& def, const QemuCaps& caps) {
  PciContext x{caps};
  x.i440fx = isI440fx(def.os.machine);
  x.q35 = isQ35(def.os.machine);
  for (const auto& c : def.controllers)
    if (c.type == "pci" && c.index == 0 && c.model == "pcie-root") x.pcieRoot = true;
  x.pcie = x.pcieRoot ? (kPcieDevice | kPciAutoassign) : x.pci;
  // libvirt's QEMU_CAPS_VIRTIO_PCI_TRANSITIONAL (QEMU 4.0 and later).
  bool transitional = caps.hasDevice("virtio-net-pci-transitional") || caps.versionMajor >= 4;
  x.virtio = transitional ? x.pcie : x.pci;
  return x;
}

// "virtio-transitional" models only work in conventional PCI slots.
unsigned virtioModelFlags(const std::string& model, const PciContext& x) {
  return model == "virtio-transitional" ? x.pci : x.virtio;
}

// ---- how each kind of device connects ---------------------------------

unsigned controllerFlags(const ControllerDef& c, const PciContext& x) {
  if (c.type == "pci") return pciControllerConnectType(c.model);
  if (c.type == "sata" || c.type == "ide") return x.pci;
  if (c.type == "usb") {
    if (c.model == "nec-xhci" || c.model == "qemu-xhci") return x.pcie;
    if (c.model == "none" || c.model == "qusb1" || c.model == "qusb2") return 0;
    return x.pci;  // piix3-uhci, ehci, ich9-*, pci-ohci, and "-usb" itself
  }
  if (c.type == "scsi") {
    if (c.model.empty() || c.model == "ncr53c90") return 0;
    if (c.model == "virtio-scsi" || c.model == "virtio-non-transitional") return x.virtio;
    return x.pci;
  }
  if (c.type == "virtio-serial") return virtioModelFlags(c.model, x);
  return 0;  // fdc, ccid, xenbus, isa
}

unsigned netFlags(const conf::NetDef& n, const PciContext& x) {
  // type='hostdev' interfaces get their address with the host devices.
  if (n.type == "hostdev" || n.model == "usb-net") return 0;
  if (n.model == "virtio" || n.model == "virtio-non-transitional") return x.virtio;
  if (n.model == "virtio-transitional") return x.pci;
  // e1000e and igb are PCIe; an unknown model is a pool of host devices.
  if (n.model == "e1000e" || n.model == "igb" || n.model.empty()) return x.pcie;
  return x.pci;
}

unsigned diskFlags(const conf::DiskDef& d, const PciContext& x) {
  if (d.targetBus != "virtio") return 0;
  return virtioModelFlags(attrOf(d.rest, "model"), x);
}

unsigned videoFlags(const conf::VideoDef& v, const PciContext& x) {
  if (v.type == "virtio") return x.virtio;
  if (v.type == "bochs") return x.pcie;
  if (v.type == "none" || v.type == "ramfb" || v.type == "gop" || v.type.empty()) return 0;
  return x.pci;  // vga, cirrus, vmvga, xen, vbox, qxl, parallels
}

unsigned hostdevFlags(const conf::HostdevDef& h, const PciContext& x) {
  if (h.mode != "subsystem") return 0;
  if (h.type == "scsi_host") return virtioModelFlags(attrOf(h.rest, "model"), x);
  if (h.type == "mdev") return attrOf(h.rest, "model") == "vfio-pci" ? x.pcie : 0;
  // The host device's own PCIe-ness is not looked up here; libvirt assumes
  // PCIe too when it cannot read the device's config space.
  if (h.type == "pci") return x.pcie;
  return 0;
}

unsigned inputFlags(const conf::InputDef& i, const PciContext& x) {
  return i.bus == "virtio" ? virtioModelFlags(i.model, x) : 0;
}

unsigned genericFlags(const conf::GenericDeviceDef& g, const PciContext& x) {
  const std::string model = attrOf(g.rest, "model");
  if (g.kind == "sound")
    return (model == "es1370" || model == "ac97" || model == "ich6" || model == "ich9") ? x.pci : 0;
  if (g.kind == "rng") return virtioModelFlags(model, x);
  if (g.kind == "watchdog") return model == "i6300esb" ? x.pci : 0;
  if (g.kind == "shmem" || g.kind == "crypto") return x.pci;
  if (g.kind == "memory") return (model == "virtio-pmem" || model == "virtio-mem") ? x.virtio : 0;
  if (g.kind == "iommu") return model == "virtio" ? (x.virtio | kPciIntegrated) : 0;
  if (g.kind == "vsock") return model.empty() ? 0 : virtioModelFlags(model, x);
  if (g.kind == "filesystem") {
    const xml::Element* drv = childOf(g.rest, "driver");
    std::string type = drv ? drv->attrOr("type") : "";
    if (type == "loop" || type == "nbd" || type == "ploop") return 0;
    return type == "virtiofs" ? x.virtio : virtioModelFlags(model, x);
  }
  return 0;
}

unsigned memballoonFlags(const conf::MemballoonDef& m, const PciContext& x) {
  if (m.model == "virtio-transitional") return x.pci;
  if (m.model == "virtio" || m.model == "virtio-non-transitional") return x.virtio;
  return 0;
}

// ---- visiting every device that can have a PCI address -----------------

using Visitor = std::function<void(DeviceInfo&, unsigned flags, const ControllerDef* controller)>;

// Every device with a DeviceInfo, in libvirt's device iteration order (it
// decides which of two devices given the same address is reported).
void forEachDevice(DomainDef& def, const PciContext& x, const Visitor& visit) {
  auto generic = [&](std::initializer_list<std::string_view> kinds) {
    for (auto kind : kinds)
      for (auto& g : def.otherDevices)
        if (g.kind == kind) visit(g.info, genericFlags(g, x), nullptr);
  };
  for (auto& d : def.disks) visit(d.info, diskFlags(d, x), nullptr);
  for (auto& n : def.nets) visit(n.info, netFlags(n, x), nullptr);
  generic({"sound"});
  for (auto& h : def.hostdevs) visit(h.info, hostdevFlags(h, x), nullptr);
  for (auto& v : def.videos) visit(v.info, videoFlags(v, x), nullptr);
  for (auto& c : def.controllers) visit(c.info, controllerFlags(c, x), &c);
  generic({"smartcard"});
  for (auto& c : def.serials) visit(c.info, c.targetType == "pci-serial" ? x.pci : 0, nullptr);
  for (auto& c : def.parallels) visit(c.info, 0, nullptr);
  for (auto& c : def.channels) visit(c.info, 0, nullptr);
  for (auto& c : def.consoles) visit(c.info, 0, nullptr);
  for (auto& i : def.inputs) visit(i.info, inputFlags(i, x), nullptr);
  generic({"filesystem", "watchdog"});
  if (def.memballoon) visit(def.memballoon->info, memballoonFlags(*def.memballoon, x), nullptr);
  generic({"rng", "nvram", "hub", "shmem", "tpm", "panic", "memory", "redirdev", "vsock", "iommu", "crypto"});
}

// ---- the address set of a definition ------------------------------------

bool hotplugAllowed(const ControllerDef& c) {
  const xml::Element* target = childOf(c.rest, "target");
  return !target || target->attrOr("hotplug") != "off";
}

bool isPiix3Integrated(const ControllerDef& c, const PciAddress& a) {
  if (a.domain != 0 || a.bus != 0 || a.slot != 1 || c.index != 0) return false;
  return (c.type == "ide" && a.function == 1) ||
         (c.type == "usb" && (c.model == "piix3-uhci" || c.model.empty()) && a.function == 2);
}

PciAddressSet createSet(DomainDef& def, const PciContext& x, std::size_t nbuses, bool dryRun) {
  PciAddressSet set(nbuses, dryRun, x.caps.hasDevice("pcie-pci-bridge"));
  for (const auto& c : def.controllers) {
    if (c.type != "pci") continue;
    std::size_t idx = static_cast<std::size_t>(c.index.value_or(0));
    if (idx >= nbuses)
      fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU,
           "Inappropriate new pci controller index " + std::to_string(idx) + " exceeds addrs array length");
    set.setBusModel(idx, c.model, hotplugAllowed(c));
  }
  if (nbuses > 0 && set.bus(0).model.empty()) set.setBusModel(0, "pci-root", true);
  // Buses whose controller is still missing get the model libvirt would add.
  for (std::size_t i = 1; i < nbuses; ++i)
    if (set.bus(i).model.empty()) set.setBusModel(i, x.pcieRoot ? "pcie-root-port" : "pci-bridge", true);

  forEachDevice(def, x, [&](DeviceInfo& info, unsigned flags, const ControllerDef* c) {
    if (!pciAddressPresent(info)) return;
    // Devices that should not have a PCI address but were given one keep
    // it, as a plain PCI device (libvirt tolerates old configurations).
    if (!flags) flags = kPciDevice;
    // The PIIX3's IDE and USB functions are reserved with the chipset.
    if (c && isPiix3Integrated(*c, info.address.pci)) {
      if (set.size() > 0 && !(set.bus(0).flags & kPciDevice))
        fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, "Bus 0 must be PCI for integrated PIIX3 USB or IDE controllers");
      return;
    }
    set.reserve(info.address.pci, flags, true);
  });
  return set;
}

PciAddress slotAddress(unsigned slot, unsigned function = 0) {
  PciAddress a;
  a.slot = slot;
  a.function = function;
  return a;
}

void setPciAddress(DeviceInfo& info, const PciAddress& a) {
  info.address.type = "pci";
  info.address.attrs.clear();
  info.address.pci = a;
}

// Puts the primary video card where QEMU would put the first VGA device:
// the first slot after the chipset's integrated devices.
void placePrimaryVideo(DomainDef& def, const PciContext& x, PciAddressSet& set, unsigned slot, unsigned flags) {
  if (def.videos.empty()) return;
  conf::VideoDef& video = def.videos[0];
  if (video.type == "none" || video.type == "ramfb" || !pciAddressWanted(video.info)) return;
  PciAddress a = slotAddress(slot);
  set.validate(a, flags, true);
  if (set.slotInUse(a)) {
    set.reserveNext(video.info, videoFlags(video, x));
  } else {
    set.reserve(a, flags, true);
    setPciAddress(video.info, a);
  }
}

void checkFixedAddress(DeviceInfo& info, const PciAddress& fixed, const char* what) {
  if (pciAddressPresent(info)) {
    PciAddress given = info.address.pci;
    given.multifunction.clear();
    PciAddress want = fixed;
    if (!(given == want)) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, what);
  } else {
    setPciAddress(info, fixed);
  }
}

// i440fx: the PIIX3 owns slot 1 (ISA bridge .0, IDE .1, USB .2, ACPI .3).
void validatePiix3(DomainDef& def, const PciContext& x, PciAddressSet& set) {
  const unsigned flags = kPciAutoassign | kPciDevice;
  for (auto& c : def.controllers) {
    if (c.index != 0) continue;
    if (c.type == "ide") {
      checkFixedAddress(c.info, slotAddress(1, 1), "Primary IDE controller must have PCI address 0:0:1.1");
    } else if (c.type == "usb" && (c.model == "piix3-uhci" || c.model.empty())) {
      checkFixedAddress(c.info, slotAddress(1, 2), "PIIX3 USB controller at index 0 must have PCI address 0:0:1.2");
    } else {
      continue;
    }
    if (set.size()) set.reserve(c.info.address.pci, flags, true);
  }
  if (set.size()) {
    PciAddress isa = slotAddress(1, 0), acpi = slotAddress(1, 3);
    set.reserve(isa, flags, true);
    set.reserve(acpi, flags, true);
  }
  placePrimaryVideo(def, x, set, 2, flags);
}

// q35: the ICH9 owns slot 0x1f (LPC .0, SATA .2, SMBus .3); real hardware
// has its USB2 controllers at 0x1d/0x1a, its DMI bridge at 0x1e and its HD
// audio at 0x1b, and libvirt puts those devices there when free.
void validateQ35(DomainDef& def, const PciContext& x, PciAddressSet& set) {
  const unsigned flags = kPcieDevice;
  for (auto& c : def.controllers) {
    if (c.type == "sata" && c.index == 0) {
      checkFixedAddress(c.info, slotAddress(0x1f, 2), "Primary SATA controller must have PCI address 0:0:1f.2");
    } else if (c.type == "usb" && c.model == "ich9-uhci1" && c.info.address.type.empty()) {
      for (unsigned slot : {0x1du, 0x1au}) {
        PciAddress a = slotAddress(slot);
        if (set.slotInUse(a)) continue;
        set.reserve(a, flags, true);
        a.multifunction = "on";
        setPciAddress(c.info, a);
        break;
      }
    } else if (c.type == "pci" && c.model == "dmi-to-pci-bridge" && c.info.address.type.empty()) {
      PciAddress a = slotAddress(0x1e);
      if (!set.slotInUse(a)) {
        set.reserve(a, flags, true);
        setPciAddress(c.info, a);
      }
    }
  }
  if (set.size()) {
    PciAddress lpc = slotAddress(0x1f, 0), smbus = slotAddress(0x1f, 3);
    set.reserve(lpc, flags, true);
    set.reserve(smbus, flags, true);
  }
  placePrimaryVideo(def, x, set, 1, flags);
  PciAddress audio = slotAddress(0x1b);
  if (set.slotInUse(audio)) return;
  for (auto& g : def.otherDevices) {
    if (g.kind != "sound" || attrOf(g.rest, "model") != "ich9" || !pciAddressWanted(g.info)) continue;
    set.reserve(audio, flags, true);
    setPciAddress(g.info, audio);
    break;
  }
}

void validateChipset(DomainDef& def, const PciContext& x, PciAddressSet& set) {
  if (x.i440fx) validatePiix3(def, x, set);
  if (x.q35) validateQ35(def, x, set);
}

// A USB2 controller and its companions share one slot, each at a fixed function.
void placeUsb2(DomainDef& def, ControllerDef& c, unsigned flags, PciAddressSet& set) {
  PciAddress a;
  bool found = false;
  for (const auto& o : def.controllers)
    if (isUsb2(o) && o.index == c.index && pciAddressPresent(o.info)) {
      a = o.info.address.pci;
      found = true;
      break;
    }
  std::string multi;
  if (c.model == "ich9-ehci1") a.function = 7;
  else if (c.model == "ich9-uhci1") a.function = 0, multi = "on";
  else if (c.model == "ich9-uhci2") a.function = 1;
  else a.function = 2;
  a.multifunction = multi;
  if (found) {
    set.reserve(a, flags, true);
    setPciAddress(c.info, a);
  } else {
    set.reserveNext(c.info, flags, static_cast<int>(a.function));
    c.info.address.pci.multifunction = multi;
  }
}

void placeControllers(DomainDef& def, const PciContext& x, PciAddressSet& set) {
  // Every PCI controller, then the other controllers that are PCI devices.
  for (auto& c : def.controllers) {
    if (c.type != "pci" || c.model == "pci-root" || c.model == "pcie-root" || !pciAddressWanted(c.info)) continue;
    set.reserveNext(c.info, controllerFlags(c, x));
  }
}

void placeDeviceControllers(DomainDef& def, const PciContext& x, PciAddressSet& set) {
  for (std::size_t i = 0; i < def.controllers.size(); ++i) {
    ControllerDef& c = def.controllers[i];
    if (c.type == "pci" || c.type == "fdc" || c.type == "ccid") continue;
    if (c.type == "usb" && c.model == "none") continue;
    if (c.type == "ide" && c.index == 0) continue;  // the PIIX3's, placed with the chipset
    if (c.type == "scsi" && c.model == "ncr53c90") continue;
    if (!pciAddressWanted(c.info)) continue;
    unsigned flags = controllerFlags(c, x);
    if (!flags) continue;
    if (isUsb2(c)) placeUsb2(def, c, flags, set);
    else set.reserveNext(c.info, flags);
  }
}

void placeGeneric(DomainDef& def, const PciContext& x, PciAddressSet& set, std::string_view kind) {
  for (auto& g : def.otherDevices) {
    if (g.kind != kind || !pciAddressWanted(g.info)) continue;
    if (unsigned flags = genericFlags(g, x)) set.reserveNext(g.info, flags);
  }
}

// libvirt's qemuDomainAssignDevicePCISlots: the order is part of the ABI.
void placeDevices(DomainDef& def, const PciContext& x, PciAddressSet& set) {
  placeControllers(def, x, set);
  placeGeneric(def, x, set, "filesystem");
  for (auto& n : def.nets)
    if (n.type != "hostdev" && pciAddressWanted(n.info))
      if (unsigned flags = netFlags(n, x)) set.reserveNext(n.info, flags);
  placeGeneric(def, x, set, "sound");
  placeDeviceControllers(def, x, set);
  for (auto& d : def.disks) {
    if (d.targetBus != "virtio" || pciAddressPresent(d.info) || d.info.address.type == "ccw") continue;
    if (!pciAddressWanted(d.info))
      fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU,
           "virtio disk cannot have an address of type '" + d.info.address.type + "'");
    set.reserveNext(d.info, diskFlags(d, x));
  }
  for (auto& h : def.hostdevs)
    if (pciAddressWanted(h.info) && h.info.address.type != "unassigned")
      if (unsigned flags = hostdevFlags(h, x)) set.reserveNext(h.info, flags);
  if (def.memballoon && pciAddressWanted(def.memballoon->info))
    if (unsigned flags = memballoonFlags(*def.memballoon, x)) set.reserveNext(def.memballoon->info, flags);
  placeGeneric(def, x, set, "rng");
  placeGeneric(def, x, set, "watchdog");
  for (auto& v : def.videos)
    if (pciAddressWanted(v.info))
      if (unsigned flags = videoFlags(v, x)) set.reserveNext(v.info, flags);
  placeGeneric(def, x, set, "shmem");
  for (auto& i : def.inputs)
    if (pciAddressWanted(i.info))
      if (unsigned flags = inputFlags(i, x)) set.reserveNext(i.info, flags);
  for (auto& c : def.serials)
    if (c.targetType == "pci-serial" && pciAddressWanted(c.info)) set.reserveNext(c.info, x.pci);
  for (auto kind : {"iommu", "vsock", "memory", "crypto"}) placeGeneric(def, x, set, kind);
}

// A device that does not exist, used to reserve a slot for later use.
void reserveSpare(PciAddressSet& set, unsigned flags) {
  DeviceInfo spare;
  set.reserveNext(spare, flags);
}

// The dry run: which buses do the devices need? Adds their controllers.
std::size_t addMissingBuses(DomainDef& def, const PciContext& x, std::size_t nbuses, int maxIndex) {
  PciAddressSet set = createSet(def, x, nbuses, true);
  validateChipset(def, x, set);
  // With pci-root, keep one slot free for a future pci-bridge.
  bool pciRoot = std::any_of(def.controllers.begin(), def.controllers.end(), [](const ControllerDef& c) {
    return c.type == "pci" && c.index == 0 && c.model == "pci-root";
  });
  if (pciRoot) {
    bool full = true;
    for (std::size_t i = 0; i < set.size(); ++i) full &= set.bus(i).isFullyReserved();
    if (!full) reserveSpare(set, kPciAutoassign | kPciDevice);
  }
  placeDevices(def, x, set);
  // A new PCIe guest whose buses libvirt manages gets one empty root port
  // for hotplug.
  if (maxIndex <= 0 && set.size() > static_cast<std::size_t>(maxIndex + 1) && x.pcieRoot)
    reserveSpare(set, kPciAutoassign | kPcieDevice);
  for (std::size_t i = 1; i < set.size(); ++i) {
    if (hasController(def, "pci", static_cast<int>(i))) continue;
    ControllerDef c;
    c.type = "pci";
    c.index = static_cast<int>(i);
    c.model = set.bus(i).model;
    def.controllers.push_back(c);  // libvirt appends added controllers
    if (c.model != "pci-root" && c.model != "pcie-root")
      set.reserveNext(def.controllers.back().info, controllerFlags(c, x));
  }
  return set.size();
}

// ---- what a PCI controller's XML shows after assignment ---------------------

const std::vector<std::string_view> kTargetAttrOrder = {"chassisNr", "chassis", "port", "busNr", "index",
                                                        "hotplug", "memReserve"};

std::optional<long long> targetNumber(const ControllerDef& c, std::string_view name) {
  const xml::Element* t = childOf(c.rest, "target");
  const std::string* v = t ? t->attr(name) : nullptr;
  if (!v) return std::nullopt;
  auto n = parseNumber(*v);
  if (!n) return std::nullopt;
  return static_cast<long long>(*n);
}

void setTargetAttr(ControllerDef& c, std::string_view name, std::string value) {
  xml::Element& t = ensureChild(c.rest, "target");
  t.setAttr(name, value);
  conf::orderAttrs(t, kTargetAttrOrder);
}

std::string hex(unsigned v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%x", v);
  return buf;
}

// QEMU's device name for each controller model.
std::string controllerModelName(const ControllerDef& c, const QemuCaps& caps) {
  if (c.model == "pci-bridge") return "pci-bridge";
  if (c.model == "dmi-to-pci-bridge") return "i82801b11-bridge";
  if (c.model == "pcie-to-pci-bridge") return "pcie-pci-bridge";
  if (c.model == "pcie-root-port") return caps.hasDevice("pcie-root-port") ? "pcie-root-port" : "ioh3420";
  if (c.model == "pcie-switch-upstream-port") return "x3130-upstream";
  if (c.model == "pcie-switch-downstream-port") return "xio3130-downstream";
  if (c.model == "pci-expander-bus") return "pxb";
  if (c.model == "pcie-expander-bus") return "pxb-pcie";
  return "";
}

// A bus number for a new expander bus: two below the lowest one in use.
long long newExpanderBusNr(const DomainDef& def) {
  long long lowest = 256;
  for (const auto& c : def.controllers)
    if (c.type == "pci")
      if (auto n = targetNumber(c, "busNr")) lowest = std::min(lowest, *n);
  return lowest <= 2 ? -1 : lowest - 2;
}

void fillControllerOptions(DomainDef& def, const QemuCaps& caps) {
  for (auto& c : def.controllers) {
    if (c.type != "pci") continue;
    const PciAddress& a = c.info.address.pci;
    if (!childOf(c.rest, "model")) {
      std::string name = controllerModelName(c, caps);
      if (!name.empty()) ensureChild(c.rest, "model").setAttr("name", name);
    }
    const int idx = c.index.value_or(0);
    if (c.model == "pci-bridge" && !targetNumber(c, "chassisNr")) setTargetAttr(c, "chassisNr", std::to_string(idx));
    if (c.model == "pcie-root-port" || c.model == "pcie-switch-downstream-port") {
      if (!targetNumber(c, "chassis")) setTargetAttr(c, "chassis", std::to_string(idx));
      if (!targetNumber(c, "port"))
        setTargetAttr(c, "port", hex(c.model == "pcie-root-port" ? (a.slot << 3) + a.function : a.slot));
    }
    if ((c.model == "pci-expander-bus" || c.model == "pcie-expander-bus") && !targetNumber(c, "busNr")) {
      long long nr = newExpanderBusNr(def);
      if (nr < 0)
        fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU,
             "No free busNr lower than current lowest busNr is available to auto-assign to bus " +
                 std::to_string(a.bus) + ". Must be manually assigned");
      setTargetAttr(c, "busNr", std::to_string(nr));
    }
    if (c.model == "pci-bridge" && static_cast<unsigned>(idx) <= a.bus) {
      char buf[160];
      std::snprintf(buf, sizeof buf,
                    "PCI controller at index %d (0x%02x) has bus='0x%02x', but index must be larger than bus", idx,
                    static_cast<unsigned>(idx), a.bus);
      fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, buf);
    }
  }
}

// A slot with more than one function in use says so at function 0.
void markMultifunction(DomainDef& def, const PciContext& x) {
  std::vector<PciAddress> shared;
  forEachDevice(def, x, [&](DeviceInfo& info, unsigned, const ControllerDef*) {
    if (info.address.type == "pci" && info.address.pci.function != 0) shared.push_back(info.address.pci);
  });
  forEachDevice(def, x, [&](DeviceInfo& info, unsigned, const ControllerDef*) {
    if (info.address.type != "pci" || info.address.pci.function != 0) return;
    const PciAddress& a = info.address.pci;
    for (const PciAddress& s : shared)
      if (s.domain == a.domain && s.bus == a.bus && s.slot == a.slot && a.multifunction.empty())
        info.address.pci.multifunction = "on";
  });
}

}  // namespace

void assignPciAddresses(DomainDef& def, const QemuCaps& caps) {
  PciContext x = makeContext(def, caps);
  int maxIndex = -1;
  for (const auto& c : def.controllers)
    if (c.type == "pci") maxIndex = std::max(maxIndex, c.index.value_or(0));
  std::size_t nbuses = static_cast<std::size_t>(maxIndex + 1);
  if (nbuses > 0) nbuses = addMissingBuses(def, x, nbuses, maxIndex);

  PciAddressSet set = createSet(def, x, nbuses, false);
  // Every x86 machine type supports PCI, even one without a PCI root bus:
  // its devices then fail with "No PCI buses available".
  validateChipset(def, x, set);
  placeDevices(def, x, set);
  markMultifunction(def, x);
  fillControllerOptions(def, caps);
}

}  // namespace vireo::qemu
