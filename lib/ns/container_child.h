// The child side of a container start: turns the child of clone() (in new
// mount, pid, uts, ipc and net namespaces) into the container's init,
// right before execve(). System calls only: the parent may have many
// threads (ARCHITECTURE.md, "Running privileged work in a child").
#pragma once

#include "lib/util/spawn.h"

namespace vireo::ns {

// Phase 1 (`layout` is a ContainerChildLayout*): every mount private; the
// root bound onto itself (so that it is a mount point); pivot_root into it,
// the host's root going to /.oldroot; chdir("/"); /proc, /proc/sys
// read-only, /sys read-only, a tmpfs on /dev. From here on every path is
// looked up inside the container: a symlink in its tree cannot lead out.
int runContainerPhase1(const void* layout, SpawnChildError* err) noexcept;

// Phase 2, after lib/ns populated /dev: /dev/pts (a new devpts instance),
// /dev/shm, /dev/mqueue, the container's own filesystems (binds from
// /.oldroot/SOURCE, block devices from /.oldroot/DEVICE, tmpfs); the old
// root unmounted deepest first, or, at the first unmount that fails,
// detached whole (MNT_DETACH); its directory removed; the hostname; chdir
// to the init's directory.
int runContainerPhase2(const void* layout, SpawnChildError* err) noexcept;

}  // namespace vireo::ns
