// Bookkeeping of a guest's PCI buses: which slots and functions are taken,
// what each bus accepts, and where the next device of a given kind fits.
// This is libvirt's PCI address set (src/conf/domain_addr.c) reduced to what
// an x86 QEMU guest uses. Private to drivers/qemu.
//
// Errors are libvirt's, domain VIR_FROM_DOMAIN: VIR_ERR_XML_ERROR for an
// address the user gave ("Attempted double use of PCI Address 0000:00:03.0"),
// VIR_ERR_INTERNAL_ERROR for one libvirt chose.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lib/conf/device_info.h"

namespace vireo::qemu {

// How a device plugs into a bus, and what a bus accepts (libvirt's
// virDomainPCIConnectFlags, with its bit values).
enum PciConnect : unsigned {
  kPciAutoassign = 1u << 0,      // a bus that takes automatically placed devices
  kPciHotpluggable = 1u << 1,
  kPciIntegrated = 1u << 2,      // must sit on bus 0
  kPciAggregateSlot = 1u << 3,   // may share a slot, one device per function
  kPciDevice = 1u << 4,
  kPcieDevice = 1u << 5,
  kPcieRootPort = 1u << 6,
  kPcieSwitchUpstreamPort = 1u << 7,
  kPcieSwitchDownstreamPort = 1u << 8,
  kDmiToPciBridge = 1u << 9,
  kPciExpanderBus = 1u << 10,
  kPcieExpanderBus = 1u << 11,
  kPciBridge = 1u << 12,
  kPcieToPciBridge = 1u << 13,
};
constexpr unsigned kPciTypesMask = kPciDevice | kPcieDevice | kPcieRootPort | kPcieSwitchUpstreamPort |
                                   kPcieSwitchDownstreamPort | kDmiToPciBridge | kPciExpanderBus |
                                   kPcieExpanderBus | kPciBridge | kPcieToPciBridge;
constexpr unsigned kPciEndpoint = kPciDevice | kPcieDevice;

// What a PCI controller of `model` plugs into (0 for the root buses).
unsigned pciControllerConnectType(std::string_view model);

// "0000:00:03.0", libvirt's spelling of a PCI address in messages.
std::string pciAddressString(const conf::PciAddress& a);

// A device has a complete PCI address / needs one assigned.
bool pciAddressPresent(const conf::DeviceInfo& info);
bool pciAddressWanted(const conf::DeviceInfo& info);

struct PciSlot {
  std::uint8_t functions = 0;  // one bit per function in use
  bool aggregate = false;      // the slot was opened by an aggregating device
};

struct PciBus {
  std::string model;           // controller model; "" until set
  unsigned flags = 0;          // PciConnect bits this bus accepts
  unsigned minSlot = 0, maxSlot = 31;
  std::array<PciSlot, 32> slots{};
  bool isEmpty() const;
  bool isFullyReserved() const;
};

class PciAddressSet {
 public:
  // A dry run may add buses (the controller model follows from the device
  // that needs the bus) and never writes addresses into devices.
  PciAddressSet(std::size_t nbuses, bool dryRun, bool pcieToPciBridgeSupported);

  std::size_t size() const { return buses_.size(); }
  const PciBus& bus(std::size_t i) const { return buses_.at(i); }
  bool dryRun() const { return dryRun_; }

  // Sets what bus `i` accepts from its controller model. Throws for a model
  // that is not a PCI controller.
  void setBusModel(std::size_t i, std::string_view model, bool allowHotplug);

  bool slotInUse(const conf::PciAddress& a) const;

  // Throws unless `a` exists and its bus takes a device with `flags`.
  void validate(const conf::PciAddress& a, unsigned flags, bool fromConfig) const;

  // Marks one function as used. In a dry run a bus number beyond the last
  // bus adds buses (and may move `a` behind an added bridge, as libvirt does).
  void reserve(conf::PciAddress& a, unsigned flags, bool fromConfig);

  // Finds the first free place for a device with `flags` (a whole slot, or
  // a free function of an aggregating slot), reserves it and, unless this
  // is a dry run, writes it into `info`. `function` -1 means any.
  void reserveNext(conf::DeviceInfo& info, unsigned flags, int function = -1);

 private:
  bool compatible(const conf::PciAddress& a, unsigned busFlags, unsigned devFlags, bool report,
                  bool fromConfig) const;
  bool findFreeOnBus(const PciBus& bus, conf::PciAddress& a, int function, unsigned flags) const;
  conf::PciAddress nextAddress(unsigned flags, int function);
  void grow(conf::PciAddress& a, unsigned flags);

  std::vector<PciBus> buses_;
  bool dryRun_;
  bool pcieToPciBridge_;
};

}  // namespace vireo::qemu
