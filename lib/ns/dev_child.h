// The child side of the private /dev: executes a DevChildProgram with system
// calls only. It runs after fork(), in a process that may have been forked
// from a multi-threaded parent, so it allocates nothing, takes no lock and
// calls nothing but async-signal-safe system calls.
#pragma once

#include "lib/util/spawn.h"

namespace vireo::ns {

// Runs the program at `layout` (a DevChildLayout*), according to its purpose:
//
// DevChildBuild (the pre-exec hook of a spawn): unshare(CLONE_NEWNS); make
//   every mount a slave (host events come in, nothing goes out); mount a new
//   tmpfs ("devfs") beneath the current /dev with fsopen/fsmount and
//   move_mount(MOVE_MOUNT_BENEATH), or, where the kernel cannot (or the
//   program forces it), on the staging directory; create the nodes relative
//   to the tmpfs root; move the kept mounts (/dev/pts, /dev/shm, ...) into
//   it; detach the old /dev; and (staging only) move the tmpfs onto /dev.
// DevChildAdd: setns() into the mount namespace, create the nodes below its
//   /dev. A node already there with the same identity (type and device
//   number, symlink target, or a directory) is left as it is; one that
//   differs is renamed aside and replaced. On failure every node this child
//   created is removed and every entry it renamed aside is put back.
// DevChildRemove: setns(), unlink each path below /dev; a missing one is fine.
// DevChildPopulate: create the nodes below a directory the caller has just
//   mounted (a container's /dev, in the container's child), no setns().
//
// Every node gets the host's owner (fchownat, AT_SYMLINK_NOFOLLOW), mode
// (fchmodat, not for symlinks), access ACL and SELinux label (raw xattrs;
// ENOTSUP/EOPNOTSUPP tolerated). Returns 0, or -1 with *err holding the step
// (DevChildStep), errno and the node or mount index.
int runDevChildProgram(const void* layout, SpawnChildError* err);

}  // namespace vireo::ns
