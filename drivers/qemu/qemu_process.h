// Starting and stopping a domain's QEMU process.
//
// Callers hold the domain's job lock and not the driver lock.
#pragma once

#include <memory>

#include "drivers/qemu/qemu_domain.h"
#include "drivers/qemu/qemu_driver_state.h"
#include "drivers/qemu/qemu_status.h"

namespace vireo::qemu {

// Starts the domain: private directory, monitor socket, log, command line,
// the process, the monitor, the live details (pty paths), then "cont"
// unless `paused`. Emits STARTED/`startedDetail` (and SUSPENDED/PAUSED when
// paused). On failure nothing is left behind (no process, socket, directory
// or status file) and the error carries QEMU's own message from its log.
void startDomainProcess(QemuDriver& driver, const std::shared_ptr<QemuDomain>& dom, bool paused,
                        int startedDetail);

// Stops the domain's QEMU: SIGTERM, then SIGKILL after a grace period,
// waiting on its pidfd; releases the monitor and removes the private
// directory and the status file. Sets the state shut off with `reason`,
// emits STOPPED/`eventDetail`, and forgets a transient domain.
void stopDomainProcess(QemuDriver& driver, const std::shared_ptr<QemuDomain>& dom, int reason, int eventDetail);

// Cleans up after a QEMU that has already gone (monitor EOF): same as
// stopDomainProcess without the signals.
void reapDomainProcess(QemuDriver& driver, const std::shared_ptr<QemuDomain>& dom, int reason, int eventDetail);

// Ends a domain's QEMU: SIGTERM, then SIGKILL after a grace period,
// waiting on its pidfd; reaps it when it is our child.
void terminateProcess(const QemuRuntime& run);

// True once the process has exited. A zombie counts as exited: its parent
// may be gone and init slow to reap it.
bool processGone(pid_t pid);

// A running domain moved to `state`/`reason` (paused, resumed): records
// it, emits the lifecycle event (eventType, eventDetail) and saves the
// status file. The caller holds the job lock.
void recordRunState(QemuDriver& driver, QemuDomain& dom, int state, int reason, int eventType, int eventDetail);

// Rewrites the status file of a running domain (after a state change).
void saveDomainStatus(QemuDriver& driver, const QemuDomain& dom);
void writeStatusRecord(QemuDriver& driver, const StatusRecord& record);
// The status record of a running domain.
StatusRecord statusRecordOf(const QemuRuntime& run, int id, int state, int reason, const conf::DomainDef& live);

}  // namespace vireo::qemu
