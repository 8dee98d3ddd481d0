// The QEMU-specific functions of libvirt-qemu.h on the QEMU driver: a
// command passed through to a domain's monitor, the guest agent command,
// and QEMU monitor events handed to virConnectDomainQemuMonitorEventRegister
// callbacks (doc/qemu-driver.md, "libvirt-qemu.so.0").
#pragma once

#include <memory>
#include <string>

#include "drivers/qemu/qemu_domain.h"
#include "drivers/qemu/qemu_driver_state.h"
#include "lib/driver/connection.h"
#include "lib/driver/domain_identity.h"

namespace vireo::qemu {

namespace qemuops {
// virDomainQemuMonitorCommand(WithFiles): QMP JSON as given, or with
// VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP a human monitor command line.
std::string monitorCommand(driver::Connection&, driver::DomainIdentity&, const char* cmd, int fd,
                           unsigned int flags);
// virDomainQemuAgentCommand: vireo does not talk to the guest agent.
std::string agentCommand(driver::Connection&, driver::DomainIdentity&, const char* cmd, int timeout,
                         unsigned int flags);
}  // namespace qemuops

// Queues QEMU monitor event `ev` of `dom` for the monitor event callbacks.
// Runs on the driver's worker (qemu_monitor_events.cc posts it there).
void emitQemuMonitorEvent(QemuDriver& driver, const std::shared_ptr<QemuDomain>& dom, const QmpEvent& ev);

}  // namespace vireo::qemu
