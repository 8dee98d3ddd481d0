// The memory a child program is made of: plain structs and NUL-terminated
// strings in one buffer that the parent fills before fork() (dev_program.h)
// and the child reads with system calls only (dev_child.h). Nothing here has
// a constructor, a destructor or a pointer into the C++ heap other than into
// that one buffer.
#pragma once

#include <sys/types.h>

#include <cstddef>

namespace vireo::ns {

// What a child program does.
enum DevChildPurpose : int {
  DevChildBuild = 1,  // new mount namespace, new /dev (pre-exec hook of a spawn)
  DevChildAdd,        // setns() into a running process, create nodes, undo on failure
  DevChildRemove,     // setns() into a running process, unlink nodes
  DevChildPopulate,   // create nodes below the directory `stagingDir` (a container's new /dev)
};

// The steps a child reports when one fails (SpawnChildError::step).
enum DevChildStep : int {
  DevStepUnshare = 1,
  DevStepPropagation,
  DevStepMountTmpfs,
  DevStepOpenTmpfs,
  DevStepMkdir,
  DevStepMknod,
  DevStepSymlink,
  DevStepChown,
  DevStepChmod,
  DevStepAcl,
  DevStepLabel,
  DevStepInspect,
  DevStepReplace,
  DevStepMountPoint,
  DevStepMoveMount,
  DevStepUnmountDev,
  DevStepMoveDev,
  DevStepSetns,
  DevStepOpenDev,
  DevStepUnlink,
};

// Node kinds, as in DevNodeType.
enum DevChildNodeKind : int { DevKindChar = 0, DevKindBlock, DevKindDir, DevKindSymlink };

struct DevChildNode {
  const char* path;     // relative to the new /dev
  const char* target;   // symlinks only
  const char* aside;    // DevChildAdd: a free name in the same directory for a node being replaced
  const void* acl;      // raw xattr bytes, or nullptr
  size_t aclLen;
  const void* label;
  size_t labelLen;
  mode_t mode;
  dev_t rdev;
  uid_t uid;
  gid_t gid;
  int kind;
};

struct DevChildMount {
  const char* source;   // the host mount point: "/dev/pts"
  const char* rel;      // below the new /dev: "pts"
  const char* staged;   // DevChildBuild: its path below the staging directory
  int isDirectory;
};

struct DevChildLayout {
  int purpose;
  int forceStaging;            // do not try to mount beneath /dev
  int nsFd;                    // DevChildAdd / DevChildRemove: /proc/PID/ns/mnt, opened by the parent
  const DevChildNode* nodes;
  size_t nodeCount;
  const DevChildMount* mounts;
  size_t mountCount;
  const char* stagingDir;      // DevChildBuild: an empty directory made by the parent;
                               // DevChildPopulate: the directory to populate
  const char* tmpfsData;       // mount(2) data: "mode=755,size=65536k[,context=\"L\"]"
  const char* tmpfsMode;       // fsconfig "mode" value: "755"
  const char* tmpfsSize;       // fsconfig "size" value: "65536k"
  const char* tmpfsLabel;      // fsconfig "context" value, "" when none
  // Scratch memory that belongs to the child (its copy of the buffer):
  unsigned char* created;      // per node: 1 when this child made it
  unsigned char* replaced;     // per node: 1 when an old entry was moved to `aside`
  char* scratch;               // room for "/proc/self/fd/N/<path>" and readlink
  size_t scratchLen;
};

}  // namespace vireo::ns
