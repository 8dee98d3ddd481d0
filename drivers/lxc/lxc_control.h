// What the container driver does to a running container besides starting
// and stopping it: statistics from its cgroup, suspend and resume through
// the freezer, shutdown and reboot requests to its init. Callers hold the
// driver's lock; each throws VIR_ERR_OPERATION_INVALID "domain is not
// running" for a container that is not.
#pragma once

#include <vector>

#include <libvirt/libvirt.h>

#include "drivers/lxc/lxc_domain.h"
#include "drivers/lxc/lxc_driver_state.h"

namespace vireo::lxc {

// virDomainGetInfo: for a running container, CPU time and memory in use
// come from its cgroup (as libvirt's LXC driver); otherwise 0 and <memory>.
virDomainInfo containerInfo(const LxcDomain& dom);

// virDomainMemoryStats, libvirt's LXC set in its order: ACTUAL_BALLOON (the
// definition's current memory), SWAP_IN (what libvirt puts there: the swap
// accounting of the cgroup; left out when the kernel has none, where libvirt
// fails) and RSS (the memory in use).
std::vector<virDomainMemoryStatStruct> containerMemoryStats(const LxcDomain& dom);

// Freezes every process of the container (state paused, reason user,
// event SUSPENDED/PAUSED); a paused container stays as it is.
void suspendContainer(LxcDriver& driver, LxcDomain& dom) REQUIRES(driver.mu);
// Thaws it (state running, reason unpaused, event RESUMED/UNPAUSED); a
// running container stays as it is.
void resumeContainer(LxcDriver& driver, LxcDomain& dom) REQUIRES(driver.mu);

// Asks the init to power off (`reboot` false) or to reboot, by libvirt's
// methods: `flags` VIR_DOMAIN_SHUTDOWN_INITCTL writes a runlevel request
// (0 or 6) to the container's initctl FIFO, VIR_DOMAIN_SHUTDOWN_SIGNAL
// sends SIGTERM (shutdown) or SIGHUP (reboot) to the init; no flag tries the
// FIFO first and signals when there is none. (The REBOOT flags have the
// same values.) INITCTL (with SIGNAL too) and no FIFO, as in libvirt 9:
// VIR_ERR_OPERATION_UNSUPPORTED "Container does not provide an initctl pipe". The container shuts off
// when its init exits (the exit watcher).
void requestShutdown(LxcDomain& dom, unsigned flags, bool reboot);

}  // namespace vireo::lxc
