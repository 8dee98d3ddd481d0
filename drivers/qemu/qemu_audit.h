// The QEMU driver's audit calls (lib/audit), with the domain's identity
// filled in as libvirt writes it: virt= is the domain type ("qemu" or "kvm").
#pragma once

#include <string_view>

#include "drivers/qemu/qemu_domain.h"
#include "drivers/qemu/qemu_driver_state.h"
#include "lib/audit/audit_records.h"

namespace vireo::qemu {

// A start that succeeded or failed (`reason`: booted, restored, ...).
void auditDomainStart(QemuDriver& driver, const conf::DomainDef& def, pid_t pid, std::string_view reason, bool ok);
// The security labels just generated for a starting domain (its live
// <seclabel> elements): one VIRT_MACHINE_ID record each, as libvirt sends
// them before anything else of a start.
void auditDomainLabels(QemuDriver& driver, const conf::DomainDef& live, bool ok);
// A stop, with libvirt's shutoff reason word (destroyed, shutdown, crashed, ...).
void auditDomainStop(QemuDriver& driver, const conf::DomainDef& def, pid_t pid, int shutoffReason);

}  // namespace vireo::qemu
