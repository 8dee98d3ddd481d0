// The QEMU driver's per-device defaults (libvirt 9.0's device post-parse
// callback, plus the few generic device defaults lib/conf does not apply
// yet). Private to drivers/qemu; applyQemuDefaults() runs it.
#pragma once

#include "drivers/qemu/qemu_caps.h"
#include "lib/conf/domain_def.h"

namespace vireo::qemu {

// Fills in device models and settings the user left out: the disk driver
// and format, the NIC model, the USB and SCSI controller models, the video
// model, serial port target types, input buses, the RNG's /dev/random,
// watchdog action, TPM model and version, vsock model. Idempotent: safe to
// run again after devices were added. Throws vireo::Error for a controller
// definition QEMU cannot have (libvirt's messages).
void applyDeviceDefaults(conf::DomainDef& def, const QemuCaps& caps);

}  // namespace vireo::qemu
