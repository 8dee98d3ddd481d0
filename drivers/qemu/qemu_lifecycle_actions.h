// The <on_poweroff>, <on_reboot> and <on_crash> actions as the QEMU driver
// supports them (libvirt 9.0's rules): which combinations are accepted, and
// what QEMU is told at start.
#pragma once

#include "drivers/qemu/qmp_monitor.h"
#include "lib/conf/domain_def.h"

namespace vireo::qemu {

// Refuses what QEMU cannot do, with libvirt's words
// (VIR_ERR_CONFIG_UNSUPPORTED): 'preserve' for on_poweroff or on_reboot,
// 'rename-restart' anywhere, and on_reboot 'destroy' with on_poweroff
// 'restart' (a reboot becomes a shutdown, which would restart).
void validateLifecycleActions(const conf::DomainDef& def);

// Whether the guest may reboot: false when <on_reboot> is 'destroy'. Then
// QEMU turns every reset into a shutdown, and virDomainReboot shuts down.
bool rebootAllowed(const conf::DomainDef& def);

// Tells a QEMU that was just started (still in -S) what a reset does:
// `set-action reboot=shutdown` when rebootAllowed() is false, as libvirt
// does with QEMU 6.0 and later. QEMU keeps it for its lifetime, so a
// process that takes the domain over has nothing to repeat.
void applyLifecycleActions(QmpMonitor& monitor, const conf::DomainDef& def);

}  // namespace vireo::qemu
