// The pieces of guest address assignment, in the order libvirt 9.0's
// qemuDomainAssignAddresses runs them: virtio-serial ports first (they may
// add a virtio-serial controller, which then needs a PCI slot), then PCI
// slots (which may add pcie-root-ports and bridges), then USB ports (which
// may add USB hubs). Private to drivers/qemu; assignQemuAddresses() in
// qemu_postparse.h is the entry point.
#pragma once

#include "drivers/qemu/qemu_caps.h"
#include "lib/conf/domain_def.h"

namespace vireo::qemu {

// Reserves the ports that channels and consoles were given and gives the
// others the first free port (port 0 is kept for a virtio console). A
// virtio console's port is reserved but, as in libvirt, not written into
// its definition. Adds a virtio-serial controller when every one is full.
void assignVirtioSerialAddresses(conf::DomainDef& def);

// Collects the PCI addresses the definition already has, puts the
// chipset's fixed devices where the machine has them, and gives every
// other PCI device the next free slot in libvirt's device order. Adds the
// pcie-root-ports, pci-bridges or pcie-to-pci-bridges the devices need.
void assignPciAddresses(conf::DomainDef& def, const QemuCaps& caps);

// Gives USB devices (inputs, disks, host devices, redirection, ...) the
// first free port, adding USB hubs when the controllers have too few ports.
void assignUsbAddresses(conf::DomainDef& def);

}  // namespace vireo::qemu
