#include "drivers/qemu/qemu_pci_bus.h"

#include <cstdio>

#include "lib/util/error.h"

namespace vireo::qemu {

namespace {

[[noreturn]] void pciError(bool fromConfig, const std::string& msg) {
  fail(fromConfig ? VIR_ERR_XML_ERROR : VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, msg);
}

// The kind of device a bus must accept, as libvirt names it in messages.
const char* connectName(unsigned devFlags) {
  if (devFlags & kPciDevice) return "standard PCI device";
  if (devFlags & kPcieDevice) return "PCI Express device";
  if (devFlags & kPcieRootPort) return "pcie-root-port";
  if (devFlags & kPcieSwitchUpstreamPort) return "pcie-switch-upstream-port";
  if (devFlags & kPcieSwitchDownstreamPort) return "pcie-switch-downstream-port";
  if (devFlags & kDmiToPciBridge) return "dmi-to-pci-bridge";
  if (devFlags & kPcieToPciBridge) return "pcie-to-pci-bridge";
  if (devFlags & kPciExpanderBus) return "pci-expander-bus";
  if (devFlags & kPcieExpanderBus) return "pcie-expander-bus";
  if (devFlags & kPciBridge) return "pci-bridge";
  return nullptr;
}

// The controller model that provides a slot for a device of `flags`, when
// libvirt can add one by itself.
const char* modelForConnectType(unsigned flags) {
  if (flags & kPcieRootPort) return "pcie-root-port";
  if (flags & kPcieSwitchUpstreamPort) return "pcie-switch-upstream-port";
  if (flags & kPcieSwitchDownstreamPort) return "pcie-switch-downstream-port";
  if (flags & kDmiToPciBridge) return "dmi-to-pci-bridge";
  if (flags & kPciExpanderBus) return "pci-expander-bus";
  if (flags & kPcieExpanderBus) return "pcie-expander-bus";
  if (flags & kPciBridge) return "pci-bridge";
  return nullptr;
}

}  // namespace

unsigned pciControllerConnectType(std::string_view model) {
  if (model == "pci-bridge") return kPciBridge;
  if (model == "pci-expander-bus") return kPciExpanderBus;
  if (model == "pcie-expander-bus") return kPcieExpanderBus;
  if (model == "dmi-to-pci-bridge") return kDmiToPciBridge;
  if (model == "pcie-to-pci-bridge") return kPcieToPciBridge;
  // Root ports can fill the eight functions of one slot.
  if (model == "pcie-root-port") return kPcieRootPort | kPciAggregateSlot;
  if (model == "pcie-switch-upstream-port") return kPcieSwitchUpstreamPort;
  if (model == "pcie-switch-downstream-port") return kPcieSwitchDownstreamPort;
  return 0;  // pci-root and pcie-root are part of the machine
}

std::string pciAddressString(const conf::PciAddress& a) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4x:%.2x:%.2x.%.1x", a.domain, a.bus, a.slot, a.function);
  return buf;
}

bool pciAddressPresent(const conf::DeviceInfo& info) {
  return info.address.type == "pci" && !info.address.pci.isEmpty();
}

bool pciAddressWanted(const conf::DeviceInfo& info) {
  // An all-zero PCI address stands for "any PCI address".
  return info.address.type.empty() || (info.address.type == "pci" && info.address.pci.isEmpty());
}

bool PciBus::isEmpty() const {
  for (unsigned s = minSlot; s <= maxSlot; ++s)
    if (slots[s].functions) return false;
  return true;
}

bool PciBus::isFullyReserved() const {
  for (unsigned s = minSlot; s <= maxSlot; ++s)
    if (!slots[s].functions) return false;
  return true;
}

PciAddressSet::PciAddressSet(std::size_t nbuses, bool dryRun, bool pcieToPciBridgeSupported)
    : buses_(nbuses), dryRun_(dryRun), pcieToPciBridge_(pcieToPciBridgeSupported) {}

void PciAddressSet::setBusModel(std::size_t i, std::string_view model, bool allowHotplug) {
  PciBus& b = buses_.at(i);
  const unsigned hotplug = allowHotplug ? unsigned{kPciHotpluggable} : 0u;
  b.minSlot = 0;
  b.maxSlot = 31;
  if (model == "pci-root") {
    b.flags = kPciAutoassign | kPciDevice | kPciBridge | kPciExpanderBus | hotplug;
    b.minSlot = 1;  // slot 0 is the host bridge
  } else if (model == "pci-bridge" || model == "pcie-to-pci-bridge") {
    b.flags = kPciAutoassign | kPciDevice | kPciBridge | hotplug;
    b.minSlot = 1;  // slot 0 belongs to the bridge's SHPC
  } else if (model == "pci-expander-bus") {
    b.flags = kPciAutoassign | kPciDevice | kPciBridge | hotplug;
  } else if (model == "pcie-root") {
    // No automatic placement of endpoints directly on pcie-root: they go
    // behind root ports, unless the user put them there.
    b.flags = kPcieDevice | kPcieRootPort | kDmiToPciBridge | kPcieExpanderBus;
    b.minSlot = 1;
  } else if (model == "dmi-to-pci-bridge") {
    b.flags = kPciDevice | kPciBridge;
  } else if (model == "pcie-root-port" || model == "pcie-switch-downstream-port") {
    b.flags = kPciAutoassign | kPcieDevice | kPcieSwitchUpstreamPort | kPcieToPciBridge | hotplug;
    b.maxSlot = 0;  // a port is a single slot
  } else if (model == "pcie-switch-upstream-port") {
    b.flags = kPcieSwitchDownstreamPort;
  } else if (model == "pcie-expander-bus") {
    b.flags = kPcieRootPort | kDmiToPciBridge;
  } else {
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, "PCI controller model was not set correctly");
  }
  b.model = std::string(model);
}

bool PciAddressSet::slotInUse(const conf::PciAddress& a) const {
  return buses_.at(a.bus).slots.at(a.slot).functions != 0;
}

bool PciAddressSet::compatible(const conf::PciAddress& a, unsigned busFlags, unsigned devFlags,
                               bool report, bool fromConfig) const {
  const std::string where = pciAddressString(a);
  const std::string index = std::to_string(a.bus);
  if (devFlags & kPciIntegrated) {
    if (a.bus != 0) {
      if (report) pciError(fromConfig, "The device at PCI address " + where + " needs to be an integrated device (bus=0)");
      return false;
    }
    // Endpoints may not normally sit on pcie-root; integrated ones must.
    busFlags |= kPciAutoassign;
  }
  if (fromConfig) {
    // A user's choice may put a PCI device into a PCIe slot and the other
    // way round, and a pci-bridge anywhere a PCI device fits.
    if (busFlags & kPciEndpoint) busFlags |= kPciEndpoint;
    if (devFlags & kPciBridge) devFlags |= kPciDevice;
  } else if ((devFlags & kPciAutoassign) && !(busFlags & kPciAutoassign)) {
    if (report)
      pciError(fromConfig, "The device at PCI address " + where +
                               " was auto-assigned this address, but the PCI controller with index='" + index +
                               "' doesn't allow auto-assignment");
    return false;
  }
  if ((devFlags & kPciHotpluggable) && !(busFlags & kPciHotpluggable)) {
    if (report)
      pciError(fromConfig, "The device at PCI address " + where +
                               " requires hotplug capability, but the PCI controller with index='" + index +
                               "' doesn't support hotplug");
    return false;
  }
  if (!(devFlags & busFlags & kPciTypesMask)) {
    if (!report) return false;
    const char* needs = connectName(devFlags);
    if (!needs) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "The device at PCI address %s has unrecognized connection type flags 0x%.2x",
                    where.c_str(), devFlags & kPciTypesMask);
      pciError(fromConfig, buf);
    }
    pciError(fromConfig, "The device at PCI address " + where + " cannot be plugged into the PCI controller with index='" +
                             index + "'. It requires a controller that accepts a " + needs + ".");
  }
  return true;
}

void PciAddressSet::validate(const conf::PciAddress& a, unsigned flags, bool fromConfig) const {
  const std::string where = pciAddressString(a);
  if (buses_.empty()) pciError(fromConfig, "No PCI buses available");
  if (a.domain != 0) pciError(fromConfig, "Invalid PCI address " + where + ". Only PCI domain 0 is available");
  if (a.bus >= buses_.size())
    pciError(fromConfig, "Invalid PCI address " + where + ". Only PCI buses up to " +
                             std::to_string(buses_.size() - 1) + " are available");
  const PciBus& b = buses_[a.bus];
  compatible(a, b.flags, flags, true, fromConfig);
  // Some "buses" are a single port.
  if (b.minSlot && a.slot < b.minSlot)
    pciError(fromConfig, "Invalid PCI address " + where + ". slot must be >= " + std::to_string(b.minSlot));
  if (a.slot > b.maxSlot)
    pciError(fromConfig, "Invalid PCI address " + where + ". slot must be <= " + std::to_string(b.maxSlot));
}

void PciAddressSet::grow(conf::PciAddress& a, unsigned flags) {
  if (a.bus < buses_.size()) return;
  std::size_t add = a.bus - buses_.size() + 1;
  std::string model;
  bool needDmiToPciBridge = false, needPcieToPciBridge = false;
  if (flags & kPciDevice) {
    model = "pci-bridge";
    // A pure PCIe topology has nowhere to plug a pci-bridge: one more
    // controller gives the legacy device its own bus.
    bool bridgeable = false;
    for (const PciBus& b : buses_) bridgeable |= (b.flags & kPciBridge) != 0;
    if (!bridgeable) (pcieToPciBridge_ ? needPcieToPciBridge : needDmiToPciBridge) = true;
    if (!bridgeable && add == 1) {
      ++add;
      ++a.bus;
    }
  } else if (flags & (kPcieDevice | kPcieSwitchUpstreamPort)) {
    model = "pcie-root-port";
  } else if (const char* existing = modelForConnectType(flags)) {
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN,
         std::string("a PCI slot is needed to connect a PCI controller model='") + existing +
             "', but none is available, and it cannot be automatically added");
  } else {
    char buf[96];
    std::snprintf(buf, sizeof buf, "Cannot automatically add a new PCI bus for a device with connect flags %.2x", flags);
    fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, buf);
  }

  std::size_t i = buses_.size();
  buses_.resize(buses_.size() + add);
  if (needDmiToPciBridge) setBusModel(i++, "dmi-to-pci-bridge", false);
  if (needPcieToPciBridge) {
    // This root port exists for the bridge alone, so that a later request
    // for a free PCIe slot gets a root port of its own.
    setBusModel(i, "pcie-root-port", true);
    buses_[i++].flags = kPcieToPciBridge;
    setBusModel(i++, "pcie-to-pci-bridge", true);
  }
  for (; i < buses_.size(); ++i) setBusModel(i, model, true);
}

void PciAddressSet::reserve(conf::PciAddress& a, unsigned flags, bool fromConfig) {
  if (dryRun_) grow(a, flags);
  validate(a, flags, fromConfig);
  PciSlot& slot = buses_[a.bus].slots[a.slot];
  if (slot.functions & (1u << a.function))
    pciError(fromConfig, "Attempted double use of PCI Address " + pciAddressString(a));
  // The first device on a slot decides whether others may share it.
  if (!slot.functions && (flags & kPciAggregateSlot)) slot.aggregate = true;
  slot.functions |= static_cast<std::uint8_t>(1u << a.function);
}

bool PciAddressSet::findFreeOnBus(const PciBus& bus, conf::PciAddress& a, int function, unsigned flags) const {
  if (!compatible(a, bus.flags, flags, false, false)) return false;
  for (; a.slot <= bus.maxSlot; ++a.slot) {
    const PciSlot& slot = bus.slots[a.slot];
    if (slot.functions == 0) return true;
    if ((flags & kPciAggregateSlot) && slot.aggregate) {
      if (!(slot.functions & (1u << a.function))) return true;
      if (function == -1) {
        for (; a.function < 8; ++a.function)
          if (!(slot.functions & (1u << a.function))) return true;
        a.function = 0;
      }
    }
  }
  return false;
}

conf::PciAddress PciAddressSet::nextAddress(unsigned flags, int function) {
  if (buses_.empty()) fail(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "No PCI buses available");
  conf::PciAddress a;
  a.function = function == -1 ? 0 : static_cast<unsigned>(function);
  for (a.bus = 0; a.bus < buses_.size(); ++a.bus) {
    a.slot = buses_[a.bus].minSlot;
    if (findFreeOnBus(buses_[a.bus], a, function, flags)) return a;
  }
  if (dryRun_) {
    // No free slot: a dry run adds a bus, and the device takes its first slot.
    grow(a, flags);
    a.slot = buses_[a.bus].minSlot;
    return a;
  }
  fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, "No more available PCI slots");
}

void PciAddressSet::reserveNext(conf::DeviceInfo& info, unsigned flags, int function) {
  conf::PciAddress a = nextAddress(flags, function);
  reserve(a, flags, false);
  if (dryRun_) return;
  info.address.type = "pci";
  info.address.attrs.clear();
  info.address.pci = a;  // a new address starts without a multifunction setting
}

}  // namespace vireo::qemu
