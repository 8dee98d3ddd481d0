// A container start, planned in the parent: the mounts, the nodes of its
// /dev, its hostname and the init's directory, flattened into the memory
// that the child of clone() executes with system calls only
// (container_child.h), and the descriptions of the child's failures.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "lib/ns/container_child_layout.h"
#include "lib/ns/dev_plan.h"
#include "lib/ns/dev_program.h"
#include "lib/util/spawn.h"

namespace vireo::ns {

struct ContainerBind {
  std::string source;   // host path, absolute and without symlinks (realpath)
  std::string target;   // path inside the container
  bool readonly = false;
  bool isFile = false;  // the source is no directory: the mount point is a file
};

struct ContainerTmpfs {
  std::string target;
  unsigned long long sizeKiB = 0;  // 0: the kernel's default
};

// A block device holding a filesystem, mounted at `target` (libvirt's
// <filesystem type='block'>): from /.oldroot/DEVICE after pivot_root, read-only
// when asked, trying each of `fsTypes` until one mounts.
struct ContainerBlockMount {
  std::string device;                 // host path, absolute, no symlinks
  std::string target;                 // path inside the container
  bool readonly = false;
  std::vector<std::string> fsTypes;   // hostBlockFilesystemTypes()
};

// A disk of the container (libvirt's <disk type='block'>): a node called
// `name` in its /dev (the <target dev>, "sda") with the type and numbers of
// the host's node `source`, mode 0700 and owned by root, as libvirt's LXC
// controller makes it. Under a user namespace it is a bind mount of
// `source` instead (see ContainerPlan::bindDeviceNodes).
struct ContainerDiskNode {
  std::string name;     // one path component
  std::string source;   // host path, absolute, no symlinks
  bool block = true;    // a block device, else a character device
  dev_t rdev = 0;
};

struct ContainerPlan {
  std::string root;                   // host directory, absolute, no symlinks
  bool rootReadonly = false;
  std::vector<ContainerBind> binds;
  std::vector<ContainerBlockMount> blockMounts;  // after the binds
  std::vector<ContainerTmpfs> tmpfs;
  std::string hostname;
  std::string initDir = "/";
  std::vector<DevNode> devNodes;      // the nodes of /dev (containerDevNodes())
  std::vector<ContainerDiskNode> disks;  // more nodes of /dev (checkContainerDiskNodes())
  // In a user namespace the kernel refuses mknod (and honours no device
  // node on a filesystem mounted there): the device nodes of devNodes are
  // then bind mounts of the host's nodes (on empty files), which work.
  bool bindDeviceNodes = false;
  // A host pty slave ("/dev/pts/7") to bind onto the container's
  // /dev/console; empty for none.
  std::string console;
};

// The container's /dev: copies of the host's null, zero, full, random,
// urandom and tty (owner, mode, ACL and label included), and of each of
// `hostDevices` (absolute paths under /dev: the definition's host devices,
// at the same path), the directories pts, shm and mqueue (mount points),
// ptmx -> pts/ptmx, and fd, stdin, stdout, stderr -> /proc/self/fd/...
// Throws like planDevNodes(), and VIR_ERR_CONFIG_UNSUPPORTED for a host
// device at one of those names, /dev/console or below pts, shm or mqueue.
std::vector<DevNode> containerDevNodes(const std::vector<std::string>& hostDevices, int errorDomain);

// Checks that each disk's name is one path component that none of
// `devNodes` (containerDevNodes()) nor another disk uses, and that nothing
// the container's /dev makes itself (pts, shm, mqueue, ptmx, fd, stdin,
// stdout, stderr, console) has it. Throws VIR_ERR_CONFIG_UNSUPPORTED in
// `errorDomain`: "disk target 'null' clashes with /dev/null in the
// container".
void checkContainerDiskNodes(const std::vector<ContainerDiskNode>& disks, const std::vector<DevNode>& devNodes,
                             int errorDomain);

// The name under which the old root is reached from the new one.
inline constexpr const char* kOldRootDir = "/.oldroot";

class ContainerChildProgram {
 public:
  ContainerChildProgram(const ContainerPlan& plan, int errorDomain);
  ContainerChildProgram(const ContainerChildProgram&) = delete;
  ContainerChildProgram& operator=(const ContainerChildProgram&) = delete;

  // Adds the child's work to `chain`: phase 1, /dev, phase 2. Add the steps
  // that drop privileges after it. This object must outlive the spawn.
  void addTo(SpawnChildChain& chain) const;

  // The message for a failure of phase 1 or 2, naming the step, the path
  // and the system error: "Failed to mount /.oldroot/srv/x on /data
  // (bind): No such file or directory (step: mount)".
  static std::string describe(const void* program, const SpawnChildError& err);

  const ContainerChildLayout& layout() const { return layout_; }

 private:
  static int phase1(const void* program, SpawnChildError* err) noexcept;
  static int phase2(const void* program, SpawnChildError* err) noexcept;
  void addMount(std::string source, std::string target, const char* fsType, std::string data, unsigned long flags,
                bool remountReadonly, int makePoint);
  void addBlockMount(const ContainerBlockMount& block);

  // Every string the layout points into; a deque-like list keeps addresses.
  std::vector<std::unique_ptr<std::string>> strings_;
  // The filesystem types of each block mount, as the C arrays the child reads.
  std::vector<std::unique_ptr<std::vector<const char*>>> typeLists_;
  std::vector<ContainerMountOp> mounts_;
  std::vector<char> mountInfo_, path_;
  std::vector<OldRootMount> oldMounts_;
  DevChildProgram dev_;
  ContainerChildLayout layout_{};

  const char* keep(std::string s);
};

// The name of a step as messages show it ("pivot_root", "mount", ...).
const char* containerChildStepName(int step);

}  // namespace vireo::ns
