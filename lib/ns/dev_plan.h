// The plan of a private /dev, computed in the parent.
//
// For every requested host path below /dev the planner records what an
// exact copy needs: the node's type, st_mode, device number, owner, the raw
// bytes of its access ACL ("system.posix_acl_access") and of its SELinux
// label ("security.selinux"). Copying the raw extended attributes is
// byte-exact and needs only setxattr() in the child; libacl and libselinux
// are not needed at all. Symlinks are recreated as symlinks and followed to
// the end of their chain; every directory on the way is copied too. The plan
// is plain data: the child executes it with system calls only (see
// dev_program.h and dev_child.h).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace vireo::ns {

// libvirt 9.0's default cgroup_device_acl, which also seeds the private /dev:
// /dev/null, /dev/full, /dev/zero, /dev/random, /dev/urandom, /dev/ptmx, /dev/kvm.
const std::vector<std::string>& defaultDevicePaths();

enum class DevNodeType { CharDevice, BlockDevice, Directory, Symlink };

// "char", "block", "directory", "symlink".
const char* devNodeTypeName(DevNodeType type);

struct DevNode {
  std::string path;     // relative to /dev: "disk/by-id/x"
  DevNodeType type = DevNodeType::CharDevice;
  mode_t mode = 0;      // st_mode of the host node: type and permission bits
  dev_t rdev = 0;       // device number (devices only)
  uid_t uid = 0;
  gid_t gid = 0;
  std::string target;   // symlinks: the target exactly as the host link holds it
  std::string acl;      // raw "system.posix_acl_access" bytes; empty when none
  std::string label;    // raw "security.selinux" bytes; empty when none
};

struct DevPlan {
  std::vector<DevNode> nodes;                // parents before children, each path once
  std::vector<std::string> preservedMounts;  // absolute mount points kept shared ("/dev/pts")
  std::string tmpfsOptions;                  // "mode=755,size=65536k" [+ ",context=\"LABEL\""]
  std::string mountLabel;                    // the raw label of tmpfsOptions, "" when none
};

struct DevPlanOptions {
  // The seed list: each is copied when the host has it and skipped when it
  // does not. Same path rules as required paths.
  std::vector<std::string> optionalPaths = defaultDevicePaths();
  // SELinux context for the new tmpfs ("" = none).
  std::string mountLabel;
  // The private run directory in which a staging directory for the new tmpfs
  // is made when the kernel cannot mount beneath /dev (Linux < 6.5). Created
  // with mode 0700 when missing.
  std::string runDir = "/run/vireo";
  // The mount table that tells which host mounts below /dev are kept.
  std::string mountInfoPath = "/proc/self/mountinfo";
  // Use the staging directory even where mounting beneath /dev works (to test
  // and measure the fallback).
  bool forceStagingDir = false;
};

// Plans the private /dev of a new process: the optional paths of `opts`,
// then `paths`, which are REQUIRED (a disk the domain uses). Paths must pass
// checkDevPath(). Paths inside a preserved mount (/dev/pts/3, /dev/shm/x) are
// skipped: the mount itself is shared. Throws vireo::Error in `errorDomain`
// (the caller's: VIR_FROM_QEMU, VIR_FROM_LXC):
//  - VIR_ERR_CONFIG_UNSUPPORTED for a path the policy refuses, a symlink whose
//    target leaves /dev, a node that is not a device, directory or symlink;
//  - VIR_ERR_SYSTEM_ERROR "Unable to access /dev/sdz: No such file or
//    directory" for a missing required path (also when a link of its chain
//    points nowhere), "Too many levels of symbolic links: /dev/x" for a loop
//    (more than 40 links), or another failing lstat/readlink/getxattr.
DevPlan planPrivateDev(const std::vector<std::string>& paths, const DevPlanOptions& opts, int errorDomain);

// The node part of a plan, for hotplug: `paths` are required, nothing is
// optional, and nodes inside `keepOut` (absolute mount points) are skipped.
std::vector<DevNode> planDevNodes(const std::vector<std::string>& paths, const std::vector<std::string>& keepOut,
                                  int errorDomain);

// The new /dev's tmpfs: mode and size cap. Only nodes live there; the cap
// keeps a runaway writer from eating host memory.
inline constexpr const char* kDevTmpfsMode = "755";
inline constexpr const char* kDevTmpfsSize = "65536k";

// The tmpfs mount(2) options for a label ("" = none):
// "mode=755,size=65536k" or "mode=755,size=65536k,context=\"LABEL\"".
std::string devTmpfsOptions(const std::string& mountLabel);

}  // namespace vireo::ns
