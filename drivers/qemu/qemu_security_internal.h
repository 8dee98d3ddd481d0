// The pieces qemu_security*.cc share. Private to those files.
#pragma once

#include <sys/types.h>

#include <exception>
#include <string>

#include "drivers/qemu/qemu_driver_state.h"
#include "lib/security/dac.h"
#include "lib/security/seclabel.h"

namespace vireo::qemu::security_glue {

// qemu.conf's DAC settings. vireo has no log daemon: QEMU opens file
// chardevs itself, so the DAC driver labels them.
security::DacOptions dacOptions(const QemuDriver& driver);

// The ids the domain's QEMU runs as and its private files belong to:
// the label of its DAC <seclabel> (the configured user for a dynamic one, the
// given ids for a static one), or qemu.conf's user and group when it has
// none (libvirt's virSecurityDACGetIds).
security::OwnerIds domainOwner(const QemuDriver& driver, const conf::DomainDef& live);

// QEMU opens a file chardev itself, as the domain's user: the file must
// exist for the DAC driver to give it to that user, so the driver creates it
// first (libvirt's qemuProcessPrepareChardevDevice). Other types: nothing.
// Throws VIR_ERR_SYSTEM_ERROR "Unable to pre-create chardev file 'PATH'".
void precreateChardevFile(const conf::ChrDef& chr);

// A plan cut in two by the private /dev rule (qemu_security.h).
struct PlacedPlan {
  security::DacPlan host;         // carried out here (applyDacPlan)
  security::DacPlan inNamespace;  // carried out inside the domain's mount namespace
};

// Without a private /dev everything is the host's.
PlacedPlan placePlan(const security::DacPlan& plan, bool privateDev);

// Carries `plan` out in a child that has entered the mount namespace of
// `pid`. Refuses (VIR_ERR_OPERATION_INVALID) a process that shares our mount
// namespace: its /dev is the host's. Throws the plan's errors as
// applyDacPlan does, or VIR_ERR_SYSTEM_ERROR "Unable to enter mount
// namespace of process PID: ...".
void applyDacPlanInNamespace(pid_t pid, const security::DacPlan& plan);

// Carries out both parts: the host's here, the rest in `pid`'s namespace. A
// failure of the second undoes the first with `undoHost`.
void applyPlaced(const PlacedPlan& plan, pid_t pid, const security::DacPlan& undoHost);

}  // namespace vireo::qemu::security_glue
