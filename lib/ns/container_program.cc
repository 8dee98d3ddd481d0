#include "lib/ns/container_program.h"

#include <sys/mount.h>
#include <sys/stat.h>

#include <climits>
#include <cstring>
#include <string_view>

#include <libvirt/virterror.h>

#include "lib/ns/container_child.h"
#include "lib/ns/dev_child.h"
#include "lib/ns/dev_path.h"
#include "lib/util/error.h"
#include "lib/util/file.h"

namespace vireo::ns {

namespace {

DevNode plainNode(std::string path, DevNodeType type, mode_t mode, std::string target = {}) {
  DevNode n;
  n.path = std::move(path);
  n.type = type;
  n.mode = mode;
  n.target = std::move(target);
  return n;
}

// Room for the container's mount table: the host's (which the container
// inherits under /.oldroot) several times over. A table that still does not
// fit makes the child detach the old root at once rather than fail.
size_t mountTableRoom() {
  size_t host = 0;
  try {
    host = readWholeFile("/proc/self/mountinfo", VIR_FROM_NONE).size();
  } catch (const Error&) {
  }
  return 4 * host + 64 * 1024;
}

bool isDevice(const DevNode& n) { return n.type == DevNodeType::CharDevice || n.type == DevNodeType::BlockDevice; }

DevNode diskNode(const ContainerDiskNode& disk) {
  DevNode n = plainNode(disk.name, disk.block ? DevNodeType::BlockDevice : DevNodeType::CharDevice,
                        (disk.block ? S_IFBLK : S_IFCHR) | 0700);
  n.rdev = disk.rdev;
  return n;
}

// The nodes the child creates itself: all, or all but the devices when those
// are bind mounts.
std::vector<DevNode> createdNodes(const ContainerPlan& plan) {
  std::vector<DevNode> kept;
  for (const DevNode& n : plan.devNodes)
    if (!plan.bindDeviceNodes || !isDevice(n)) kept.push_back(n);
  if (!plan.bindDeviceNodes)
    for (const ContainerDiskNode& d : plan.disks) kept.push_back(diskNode(d));
  return kept;
}

// libvirt's words for a block filesystem that did not mount; the type that
// failed, if any, is in err.path.
std::string describeBlockMount(const ContainerMountOp* m, const SpawnChildError& err) {
  if (!m) return "Failed to mount device";
  std::string what = std::string("Failed to mount device ") + m->source + " to " + m->target;
  if (err.path[0]) return what + " as " + err.path;
  return what + ", unable to detect filesystem (tried " + std::to_string(m->fsTypeCount) + " types)";
}

}  // namespace

std::vector<DevNode> containerDevNodes(const std::vector<std::string>& hostDevices, int errorDomain) {
  std::vector<std::string> paths = {"/dev/null", "/dev/zero", "/dev/full",
                                    "/dev/random", "/dev/urandom", "/dev/tty"};
  // The names the container's /dev gives its own links and mounts: a host
  // device there would clash with them (or be hidden by a mount).
  static const char* const kReserved[] = {"pts", "shm",    "mqueue", "ptmx",   "fd",
                                          "stdin", "stdout", "stderr", "console"};
  for (const std::string& dev : hostDevices) {
    // The views point into `checked`: it must outlive them.
    std::string checked = checkDevPath(dev, errorDomain);
    std::vector<std::string_view> parts = pathComponents(checked);
    for (const char* name : kReserved)
      if (parts.size() > 1 && parts[1] == name)
        fail(VIR_ERR_CONFIG_UNSUPPORTED, static_cast<virErrorDomain>(errorDomain),
             "device path '" + dev + "' is reserved in the container's /dev");
    paths.push_back(dev);
  }
  std::vector<DevNode> nodes = planDevNodes(paths, {}, errorDomain);
  for (const char* dir : {"pts", "shm", "mqueue"}) nodes.push_back(plainNode(dir, DevNodeType::Directory, S_IFDIR | 0755));
  nodes.push_back(plainNode("ptmx", DevNodeType::Symlink, S_IFLNK | 0777, "pts/ptmx"));
  nodes.push_back(plainNode("fd", DevNodeType::Symlink, S_IFLNK | 0777, "/proc/self/fd"));
  nodes.push_back(plainNode("stdin", DevNodeType::Symlink, S_IFLNK | 0777, "/proc/self/fd/0"));
  nodes.push_back(plainNode("stdout", DevNodeType::Symlink, S_IFLNK | 0777, "/proc/self/fd/1"));
  nodes.push_back(plainNode("stderr", DevNodeType::Symlink, S_IFLNK | 0777, "/proc/self/fd/2"));
  return nodes;
}

void checkContainerDiskNodes(const std::vector<ContainerDiskNode>& disks, const std::vector<DevNode>& devNodes,
                             int errorDomain) {
  auto domain = static_cast<virErrorDomain>(errorDomain);
  std::vector<std::string_view> taken = {"console"};
  for (const DevNode& n : devNodes) taken.push_back(pathComponents(n.path).front());
  for (const ContainerDiskNode& d : disks) {
    if (d.name.empty() || d.name == "." || d.name == ".." || d.name.find('/') != std::string::npos)
      fail(VIR_ERR_CONFIG_UNSUPPORTED, domain, "disk target '" + d.name + "' is not a device name");
    for (std::string_view t : taken)
      if (t == d.name)
        fail(VIR_ERR_CONFIG_UNSUPPORTED, domain,
             "disk target '" + d.name + "' clashes with /dev/" + d.name + " in the container");
    taken.push_back(d.name);
  }
}

const char* ContainerChildProgram::keep(std::string s) {
  strings_.push_back(std::make_unique<std::string>(std::move(s)));
  return strings_.back()->c_str();
}

void ContainerChildProgram::addMount(std::string source, std::string target, const char* fsType, std::string data,
                                     unsigned long flags, bool remountReadonly, int makePoint) {
  ContainerMountOp op{};
  op.source = keep(std::move(source));
  op.target = keep(std::move(target));
  op.fsType = fsType;
  op.data = data.empty() ? nullptr : keep(std::move(data));
  op.flags = flags;
  op.remountReadonly = remountReadonly ? 1 : 0;
  op.makePoint = makePoint;
  mounts_.push_back(op);
}

void ContainerChildProgram::addBlockMount(const ContainerBlockMount& block) {
  auto types = std::make_unique<std::vector<const char*>>();
  for (const std::string& t : block.fsTypes) types->push_back(keep(t));
  // libvirt's flags for a block filesystem: read-only or none.
  addMount(std::string(kOldRootDir) + block.device, block.target, nullptr, "", block.readonly ? MS_RDONLY : 0,
           false, CtPointDirectory);
  mounts_.back().fsTypes = types->data();
  mounts_.back().fsTypeCount = types->size();
  typeLists_.push_back(std::move(types));
}

ContainerChildProgram::ContainerChildProgram(const ContainerPlan& plan, int errorDomain)
    : dev_(DevChildProgram::forPopulate(createdNodes(plan), "/dev", errorDomain)) {
  // Before pivot_root: the root onto itself, so that it is a mount point.
  addMount(plan.root, plan.root, nullptr, "", MS_BIND | MS_REC, plan.rootReadonly, CtPointExisting);
  layout_.beforePivot = mounts_.size();
  // After it: libvirt's basic mounts and the tmpfs of /dev.
  const unsigned long kSafe = MS_NOSUID | MS_NODEV | MS_NOEXEC;
  addMount("proc", "/proc", "proc", "", kSafe, false, CtPointDirectory);
  addMount("/proc/sys", "/proc/sys", nullptr, "", MS_BIND | kSafe, true, CtPointExisting);
  addMount("sysfs", "/sys", "sysfs", "", kSafe | MS_RDONLY, false, CtPointDirectory);
  addMount("devfs", "/dev", "tmpfs", devTmpfsOptions(""), MS_NOSUID, false, CtPointDirectory);
  layout_.beforeDev = mounts_.size();
  if (plan.bindDeviceNodes)
    for (const DevNode& n : plan.devNodes)
      if (isDevice(n))
        addMount(std::string(kOldRootDir) + "/dev/" + n.path, "/dev/" + n.path, nullptr, "", MS_BIND, false, CtPointFile);
  if (plan.bindDeviceNodes)
    for (const ContainerDiskNode& d : plan.disks)
      addMount(std::string(kOldRootDir) + d.source, "/dev/" + d.name, nullptr, "", MS_BIND, false, CtPointFile);
  addMount("devpts", "/dev/pts", "devpts", "newinstance,ptmxmode=0666,mode=0620,gid=5", MS_NOSUID | MS_NOEXEC, false,
           CtPointExisting);
  addMount("shm", "/dev/shm", "tmpfs", "mode=1777", MS_NOSUID | MS_NODEV, false, CtPointExisting);
  addMount("mqueue", "/dev/mqueue", "mqueue", "", kSafe, false, CtPointExisting);
  // The console: the host's pty, reached through the old root (the new
  // devpts above is the container's own, for its later ptys).
  if (!plan.console.empty())
    addMount(std::string(kOldRootDir) + plan.console, "/dev/console", nullptr, "", MS_BIND, false, CtPointFile);
  // The container's filesystems, reached through the old root.
  for (const ContainerBind& b : plan.binds)
    addMount(std::string(kOldRootDir) + b.source, b.target, nullptr, "", MS_BIND | MS_REC, b.readonly,
             b.isFile ? CtPointFile : CtPointDirectory);
  for (const ContainerBlockMount& b : plan.blockMounts) addBlockMount(b);
  for (const ContainerTmpfs& t : plan.tmpfs)
    addMount("tmpfs", t.target, "tmpfs", t.sizeKiB ? "size=" + std::to_string(t.sizeKiB) + "k" : "",
             MS_NOSUID | MS_NODEV, false, CtPointDirectory);

  layout_.root = keep(plan.root);
  layout_.putOld = keep(plan.root + kOldRootDir);
  layout_.oldRoot = kOldRootDir;
  layout_.mounts = mounts_.data();
  layout_.count = mounts_.size();
  layout_.hostname = keep(plan.hostname);
  layout_.hostnameLen = plan.hostname.size();
  layout_.initDir = keep(plan.initDir.empty() ? "/" : plan.initDir);
  mountInfo_.resize(mountTableRoom());
  layout_.mountInfo = mountInfo_.data();
  layout_.mountInfoLen = mountInfo_.size();
  // A mountinfo line is longer than 32 bytes; this is room for every line.
  oldMounts_.resize(mountInfo_.size() / 32);
  layout_.oldMounts = oldMounts_.data();
  layout_.oldMountMax = oldMounts_.size();
  path_.resize(PATH_MAX + 1);
  layout_.path = path_.data();
  layout_.pathLen = path_.size();
}

int ContainerChildProgram::phase1(const void* program, SpawnChildError* err) noexcept {
  return runContainerPhase1(&static_cast<const ContainerChildProgram*>(program)->layout_, err);
}

int ContainerChildProgram::phase2(const void* program, SpawnChildError* err) noexcept {
  return runContainerPhase2(&static_cast<const ContainerChildProgram*>(program)->layout_, err);
}

void ContainerChildProgram::addTo(SpawnChildChain& chain) const {
  chain.add(phase1, this, describe);
  chain.add(runDevChildProgram, dev_.layout(), describeDevChildFailure);
  chain.add(phase2, this, describe);
}

const char* containerChildStepName(int step) {
  switch (step) {
    case CtStepPrivate: return "make-rprivate";
    case CtStepMkdir: return "mkdir";
    case CtStepMount: return "mount";
    case CtStepRemount: return "remount-ro";
    case CtStepPutOld: return "mkdir-oldroot";
    case CtStepPivot: return "pivot_root";
    case CtStepChdirRoot: return "chdir-root";
    case CtStepReadMounts: return "read-mountinfo";
    case CtStepDetachOld: return "detach-oldroot";
    case CtStepRemoveOld: return "rmdir-oldroot";
    case CtStepHostname: return "sethostname";
    case CtStepInitDir: return "chdir-initdir";
    case CtStepMountBlock: return "mount-block";
  }
  return "unknown";
}

std::string ContainerChildProgram::describe(const void* program, const SpawnChildError& err) {
  const ContainerChildLayout& l = static_cast<const ContainerChildProgram*>(program)->layout_;
  const ContainerMountOp* m =
      err.index >= 0 && static_cast<size_t>(err.index) < l.count ? &l.mounts[err.index] : nullptr;
  auto mountText = [&] {
    return std::string(m->source) + " on " + m->target + " (" + (m->fsType ? m->fsType : "bind") + ")";
  };
  std::string what;
  switch (err.step) {
    case CtStepPrivate: what = "Failed to make root private"; break;
    case CtStepMkdir: what = std::string("Failed to create mount point ") + err.path; break;
    case CtStepMount: what = m ? "Failed to mount " + mountText() : "Failed to mount"; break;
    case CtStepRemount: what = std::string("Failed to make ") + err.path + " read-only"; break;
    case CtStepPutOld: what = std::string("Failed to create ") + l.putOld; break;
    case CtStepPivot: what = std::string("Failed to pivot root into ") + l.root; break;
    case CtStepChdirRoot: what = "Failed to change to the new root"; break;
    case CtStepReadMounts: what = "Failed to read /proc/self/mountinfo in the container"; break;
    case CtStepDetachOld: what = std::string("Failed to detach the old root ") + l.oldRoot; break;
    case CtStepRemoveOld: what = std::string("Failed to remove the old root's directory ") + l.oldRoot; break;
    case CtStepHostname: what = std::string("Failed to set the hostname to '") + l.hostname + "'"; break;
    case CtStepInitDir: what = std::string("Failed to change to the init's directory ") + l.initDir; break;
    case CtStepMountBlock: what = describeBlockMount(m, err); break;
    default: what = "Failed to set up the container"; break;
  }
  return what + ": " + std::strerror(err.err) + " (step: " + containerChildStepName(err.step) + ")";
}

}  // namespace vireo::ns
