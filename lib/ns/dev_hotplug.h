// Adding and removing device nodes in the private /dev of a running process
// (hotplug and unplug), from a child that enters its mount namespace.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "lib/ns/dev_plan.h"

namespace vireo::ns {

// Copies the host paths `paths` (all required; same rules and same copy
// semantics as planPrivateDev, symlink chains included) into /dev of the
// mount namespace of `target`. The plan is made here; a forked child enters
// /proc/TARGET/ns/mnt (opened here) and creates the nodes. A node already
// present with the same identity is left as it is; one that differs is
// replaced. A failure leaves the namespace as it was: the child removes what
// it created and restores what it replaced. Paths inside a mount below the
// target's /dev (its /dev/pts, /dev/shm, ...) are skipped: they are shared
// with the host. `opts` is not used yet beyond what planPrivateDev documents
// for path rules (its optionalPaths do not apply: every path here is
// required). Throws vireo::Error (in `errorDomain`, the caller's): the planning errors of
// planPrivateDev, VIR_ERR_SYSTEM_ERROR "Unable to open /proc/12/ns/mnt: ...",
// VIR_ERR_OPERATION_INVALID when the target shares the caller's mount
// namespace (it was started without a private /dev),
// or the child's failure, e.g. "Failed to create device /dev/sdb: No space
// left on device (step: mknod)".
void addDevNodes(pid_t target, const std::vector<std::string>& paths, const DevPlanOptions& opts, int errorDomain);

// Unlinks `relPaths` (relative to /dev: "sdb", "disk/by-id/x") in the mount
// namespace of `target`; a path that is not there is fine. Directories are
// never removed, not even empty ones this library created: another node may
// be added below them later, and an empty directory costs nothing. Which
// nodes are still needed is the caller's bookkeeping. Throws
// VIR_ERR_OPERATION_INVALID when the target shares the caller's mount
// namespace, VIR_ERR_CONFIG_UNSUPPORTED for a path the policy refuses or one inside a
// mount below the target's /dev (removing /dev/pts/3 or /dev/shm/x there
// would remove the host's), VIR_ERR_SYSTEM_ERROR for the child's failure
// ("Unable to remove device /dev/vfio: Is a directory (step: unlink)").
void removeDevNodes(pid_t target, const std::vector<std::string>& relPaths, int errorDomain);

}  // namespace vireo::ns
