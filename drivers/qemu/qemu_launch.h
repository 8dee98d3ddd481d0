// The part of a domain start that can fail: everything from the checks to
// the status file. startDomainProcess (qemu_process.h) wraps it with the
// audit records and the bookkeeping of the domain object.
#pragma once

#include <sys/types.h>

#include <memory>

#include "drivers/qemu/qemu_domain.h"
#include "drivers/qemu/qemu_driver_state.h"

namespace vireo::qemu {

// Starts QEMU for `live` (the domain's live copy of its definition, which
// gains labels, aliases, pty paths and tap names): security labels, the
// private directory, master key and monitor socket, taps, the command line
// and log, the spawn (private /dev, file owners, credentials), the monitor,
// the lifecycle actions, the live details, "cont" unless `paused`, and the
// status file. Returns the runtime of a QEMU that runs. On failure nothing is
// left behind, and `pid` is the pid QEMU had if it was spawned (0 if not),
// for the audit record; `id` is the domain id the start used.
QemuRuntime launchDomainProcess(QemuDriver& driver, const std::shared_ptr<QemuDomain>& dom, conf::DomainDef& live,
                                bool paused, int& id, pid_t& pid);

}  // namespace vireo::qemu
