// Loading a driver instance's state from its directories: persistent
// definitions, autostart flags, and the running domains recorded in status
// files, which are taken over (their monitor reconnected) when their QEMU
// is still alive and cleaned up when it is not. Then autostart.
//
// Only the root's owner (lib/util/root_lock.h) runs this. It also finishes off
// starts that a dead process left half done: a status file in the state
// "starting up" (its QEMU is ended), a private directory that no status
// file names (with any QEMU that names it), ns-* staging directories and
// unrenamed status temporaries. Each is reported with warn().
#pragma once

#include <memory>

#include "drivers/qemu/qemu_driver_state.h"

namespace vireo::qemu {

void loadDriverState(const std::shared_ptr<QemuDriver>& driver);

// Starts every persistent, inactive domain marked autostart. Failures are
// reported on stderr (as libvirt logs them) and do not stop the others.
void autostartDomains(const std::shared_ptr<QemuDriver>& driver);

}  // namespace vireo::qemu
