// The container driver's audit records (lib/audit), as libvirt's LXC
// driver sends them, with virt=lxc (the domain type):
//
//   start:  VIRT_MACHINE_ID for its label (model=none: vireo labels no
//           container), VIRT_RESOURCE resrc=fs for each host directory
//           mounted in it, mem and vcpu, then VIRT_CONTROL op=start
//           reason=booted, then op=init with the init's pid and pid
//           namespace once it runs;
//   stop:   VIRT_CONTROL op=stop with the shutoff reason.
//
// vm-pid is the init's pid: there is no libvirt_lxc controller process.
#pragma once

#include <sys/types.h>

#include "drivers/lxc/lxc_driver_state.h"
#include "lib/conf/domain_def.h"

namespace vireo::lxc {

// A start that succeeded (`pid` the init) or failed (`pid` 0 or the init
// that was killed again).
void auditContainerStart(LxcDriver& driver, const conf::DomainDef& live, pid_t pid, bool ok);
// A stop, with the domain's shutoff reason (VIR_DOMAIN_SHUTOFF_*).
void auditContainerStop(LxcDriver& driver, const conf::DomainDef& def, pid_t pid, int shutoffReason);

}  // namespace vireo::lxc
