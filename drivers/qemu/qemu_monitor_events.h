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

// Hands an event to the work queue as if the monitor had sent it; used when
// a process takes a domain over and finds a state change it missed (a guest
// that powered off while nobody watched).
void queueMonitorEvent(QemuDriver& driver, const std::shared_ptr<QemuDomain>& dom, unsigned generation,
                       QmpEvent event);

}  // namespace vireo::qemu
