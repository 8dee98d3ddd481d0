// Starting and stopping a container's init. Callers hold the driver's lock.
#pragma once

#include <cstdint>

#include "drivers/lxc/lxc_domain.h"
#include "drivers/lxc/lxc_driver_state.h"

namespace vireo::lxc {

// Starts `dom` as the definition `live` describes: plan in this
// process (root, filesystems, /dev nodes, capabilities, the host ends of
// the interfaces), then clone() in new mount, pid, uts and ipc namespaces
// (net with interfaces, privnet or an idmap; user with an idmap), the
// handshake (uid/gid maps, interfaces moved in), the child's setup
// (container_child.h) and execve() of the init. Records the status, starts
// watching the init and emits STARTED/BOOTED. On failure nothing is left:
// no process, no status file, no mount (they lived in the child's
// namespace), no /.oldroot in the root and no veth.
void startContainer(LxcDriver& driver, LxcDomain& dom, conf::DomainDef live) REQUIRES(driver.mu);

// Kills the init (SIGKILL: the kernel ends the whole pid namespace with
// it), waits for it and cleans up as below with `reason`/`eventDetail`.
void destroyContainer(LxcDriver& driver, LxcDomain& dom) REQUIRES(driver.mu);

// The init of the domain registered as `token` exited by itself: the domain
// shuts off (reason shutdown, event STOPPED/SHUTDOWN).
void containerExited(LxcDriver& driver, uint64_t token) EXCLUDES(driver.mu);

// Rewrites the status record of running `dom` (after a state change).
void saveStatus(LxcDriver& driver, const LxcDomain& dom) REQUIRES(driver.mu);

// Takes over the containers recorded in the status directory whose init
// still runs; removes the records of the others.
void reconnectContainers(LxcDriver& driver) REQUIRES(driver.mu);

}  // namespace vireo::lxc
