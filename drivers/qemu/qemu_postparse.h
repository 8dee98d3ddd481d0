// The QEMU driver's defaults for a domain definition, applied when a
// definition is defined or created (after lib/conf's generic post-parse):
// the emulator, the canonical machine type, implicit controllers and
// devices, device models, and guest addresses (PCI slots, drive units,
// virtio-serial ports), following libvirt 9.0 with QEMU 7.2 on x86_64.
#pragma once

#include "drivers/qemu/qemu_caps.h"
#include "lib/conf/domain_def.h"

namespace vireo::qemu {

// Fills in what libvirt's QEMU driver fills in, so that the XML that
// virDomainGetXMLDesc returns after a define matches libvirt's for the same
// input and the same QEMU. Throws vireo::Error (VIR_FROM_QEMU or
// VIR_FROM_DOMAIN, libvirt's codes and messages) for definitions the QEMU
// driver refuses: an unknown machine type, an unsupported virt type or arch,
// a device model this QEMU lacks, address conflicts.
void applyQemuDefaults(conf::DomainDef& def, const QemuCaps& caps);

// Assigns the addresses still missing (PCI, drive, virtio-serial, USB
// ports); also used for a hotplugged device (`def` already holds it).
void assignQemuAddresses(conf::DomainDef& def, const QemuCaps& caps);

}  // namespace vireo::qemu
