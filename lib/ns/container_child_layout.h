// The memory of a container's child program: plain structs and C strings
// that the parent prepares before clone() (container_program.h) and the
// child reads with system calls only (container_child.h).
#pragma once

#include <cstddef>

#include "lib/ns/old_root.h"

namespace vireo::ns {

// The steps a container's child reports when one fails (SpawnChildError::step).
enum ContainerChildStep : int {
  CtStepPrivate = 1,   // make every mount private
  CtStepMkdir,         // create a mount point (index: the mount)
  CtStepMount,         // mount (index: the mount)
  CtStepRemount,       // remount read-only (index: the mount)
  CtStepPutOld,        // create the directory the old root goes to
  CtStepPivot,         // pivot_root
  CtStepChdirRoot,     // chdir("/") after pivot_root
  CtStepReadMounts,    // read /proc/self/mountinfo
  CtStepDetachOld,     // detach the old root after an unmount failed
  CtStepRemoveOld,     // rmdir the old root's directory
  CtStepHostname,      // sethostname
  CtStepInitDir,       // chdir to the init's directory
  CtStepMountBlock,    // mount a block device (index: the mount; ENODEV: no type fitted)
};

// What to create at a mount point that is missing.
enum ContainerMountPoint : int { CtPointExisting = 0, CtPointDirectory, CtPointFile };

struct ContainerMountOp {
  const char* source;
  const char* target;     // before pivot_root: a host path below the root; after: a container path
  const char* fsType;     // nullptr for a bind mount
  const char* data;       // mount(2) data, or nullptr
  unsigned long flags;
  int remountReadonly;    // bind mounts: a second mount(MS_REMOUNT|MS_BIND|MS_RDONLY)
  int makePoint;          // ContainerMountPoint
  // A block device's filesystem (fsType nullptr): the types to try in turn;
  // a type the kernel refuses for this device (EINVAL, ENODEV) is skipped.
  const char* const* fsTypes;
  size_t fsTypeCount;
};

struct ContainerChildLayout {
  const char* root;          // the host directory that becomes "/"
  const char* putOld;        // root + "/.oldroot": where pivot_root puts the host's root
  const char* oldRoot;       // "/.oldroot": the same directory seen from the new root
  // All mounts, in order: [0, beforePivot) with host paths, before
  // pivot_root (the root onto itself); [beforePivot, beforeDev) after it
  // (/proc, /sys, /dev); [beforeDev, count) after /dev is populated
  // (/dev/pts, /dev/shm, /dev/mqueue, the container's filesystems).
  const ContainerMountOp* mounts;
  size_t beforePivot;
  size_t beforeDev;
  size_t count;
  const char* hostname;
  size_t hostnameLen;
  const char* initDir;
  // Scratch memory that belongs to the child (its copy):
  char* mountInfo;           // /proc/self/mountinfo is read here
  size_t mountInfoLen;
  OldRootMount* oldMounts;   // the mounts under the old root
  size_t oldMountMax;
  char* path;                // room for one path while mount points are made
  size_t pathLen;
};

}  // namespace vireo::ns
