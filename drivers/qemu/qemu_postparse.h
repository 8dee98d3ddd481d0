// The QEMU driver's defaults for a domain definition, applied when a
// definition is defined or created: the emulator, the canonical machine type, implicit controllers and
// devices, device models, and guest addresses (PCI slots, drive units,
// virtio-serial ports), following libvirt 9.0 with QEMU 7.2 on x86_64.
#pragma once

#include <string_view>

#include "drivers/qemu/qemu_caps.h"
#include "lib/conf/domain_def.h"

namespace vireo::qemu {

// Fills in what libvirt's QEMU driver fills in, so that the XML that
// virDomainGetXMLDesc returns after a define matches libvirt's for the same
// input and the same QEMU. Throws vireo::Error (VIR_FROM_QEMU or
// VIR_FROM_DOMAIN, libvirt's codes and messages) for definitions the QEMU
// driver refuses: an unknown machine type, an unsupported virt type or arch,
// a device model this QEMU lacks, address conflicts.
//
// `def` may come from conf::parseDomainXml(); libvirt, though, adds the
// QEMU driver's devices before the generic implicit controllers, so on such
// a definition an implicit IDE/SCSI/virtio-serial controller ends up before
// the USB and PCI root controllers instead of after them, and an absent
// <type arch> already reads i686 (lib/conf's test-driver default).
// parseQemuDomainXml() has neither difference.
void applyQemuDefaults(conf::DomainDef& def, const QemuCaps& caps);

// Parses a <domain> document as the QEMU driver does: lib/conf's parser,
// then all of the above at the points libvirt applies them, then lib/conf's
// checks. `parseFlags` are conf::ParseFlags. Throws vireo::Error like
// conf::parseDomainXml() and applyQemuDefaults().
conf::DomainDef parseQemuDomainXml(std::string_view xml, unsigned parseFlags, const QemuCaps& caps);

// Assigns the addresses still missing (PCI slots, virtio-serial and USB
// ports; drive addresses come with lib/conf's device defaults), adding the
// controllers and USB hubs this needs, as libvirt does for a persistent
// definition. Also used for a hotplugged device (`def` already holds it);
// for a running guest the caller must refuse the device if this added a
// controller. Throws vireo::Error for conflicting or impossible addresses.
void assignQemuAddresses(conf::DomainDef& def, const QemuCaps& caps);

}  // namespace vireo::qemu
