// Monitor events become domain state and libvirt events.
//
// A monitor's reader thread only queues the event; the driver's work queue
// handles it under the domain's job lock, so that it is ordered with the
// API calls that act on the same domain (a "stop" issued by
// virDomainSuspend and the STOP event it causes give one SUSPENDED event).
#pragma once

#include <memory>

#include "drivers/qemu/qemu_domain.h"
#include "drivers/qemu/qemu_driver_state.h"

namespace vireo::qemu {

// Callbacks for the monitor of `dom`'s run number `generation`.
QmpMonitor::Callbacks monitorCallbacks(QemuDriver& driver, const std::shared_ptr<QemuDomain>& dom,
                                       unsigned generation);

}  // namespace vireo::qemu
