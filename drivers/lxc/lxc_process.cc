#include "drivers/lxc/lxc_process.h"

#include <cap-ng.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <cstring>

#include "drivers/lxc/lxc_audit.h"
#include "drivers/lxc/lxc_console.h"
#include "drivers/lxc/lxc_console_keeper.h"
#include "drivers/lxc/lxc_container_def.h"
#include "drivers/lxc/lxc_idmap.h"
#include "drivers/lxc/lxc_interface.h"
#include "drivers/lxc/lxc_lock.h"
#include "drivers/lxc/lxc_status.h"
#include "lib/ns/block_fstypes.h"
#include "lib/ns/container_program.h"
#include "lib/security/capabilities.h"
#include "lib/util/error.h"
#include "lib/util/file.h"
#include "lib/util/log.h"
#include "lib/util/process_info.h"
#include "lib/util/spawn.h"

namespace vireo::lxc {

namespace {

constexpr const char* kLogModule = "lxc.lxc_process";
constexpr int kKillWaitMs = 5000;
constexpr const char* kCgroupPartition = "machine";

// libvirt's default capability policy for containers: these go from every
// set (the bounding set included). sys_boot stays: the kernel turns a
// reboot() in a child pid namespace into a signal to its init.
const std::vector<std::string>& droppedCapabilities() {
  static const std::vector<std::string> names = {"sys_module", "sys_time", "mknod", "audit_control", "mac_admin"};
  return names;
}

// A host directory, absolute and without symlinks, that must exist.
std::string hostPath(const std::string& path, const std::string& what) {
  char resolved[PATH_MAX];
  if (!realpath(path.c_str(), resolved)) failSystem(VIR_FROM_LXC, errno, "Unable to access " + what + " '" + path + "'");
  return resolved;
}

// The init must exist inside the root: looked up as the container will
// (RESOLVE_IN_ROOT: its absolute symlinks point into the root, not out).
void checkInit(const std::string& root, const std::string& init, const std::string& name) {
  UniqueFd dir(open(root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!dir) failSystem(VIR_FROM_LXC, errno, "Unable to open the root of container '" + name + "' (" + root + ")");
  struct open_how how {};
  how.flags = O_PATH | O_CLOEXEC;
  how.resolve = RESOLVE_IN_ROOT;
  UniqueFd fd(static_cast<int>(syscall(SYS_openat2, dir.get(), init.c_str(), &how, sizeof how)));
  if (!fd && errno == ENOSYS) return;  // Linux < 5.6: execve() will tell
  if (!fd) failSystem(VIR_FROM_LXC, errno, "cannot find init path '" + init + "' relative to container root " + root);
  struct stat st;
  if (fstat(fd.get(), &st) == 0 && !S_ISREG(st.st_mode))
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LXC, "init path '" + init + "' of container '" + name + "' is not a file");
}

// The block filesystems: each source must exist (it is mounted from the old
// root after pivot_root; that it is a block device, the mount itself says,
// as with libvirt: "Block device required"); the filesystem types to try
// are read once, and only when needed.
std::vector<ns::ContainerBlockMount> blockMounts(const std::vector<ContainerBlock>& blocks) {
  std::vector<ns::ContainerBlockMount> out;
  std::vector<std::string> types;
  for (const ContainerBlock& b : blocks) {
    char resolved[PATH_MAX];
    if (!realpath(b.device.c_str(), resolved))
      failSystem(VIR_FROM_LXC, errno, "Path '" + b.device + "' is not accessible");
    if (types.empty()) types = ns::hostBlockFilesystemTypes(VIR_FROM_LXC);
    out.push_back({resolved, b.target, b.readonly, types});
  }
  return out;
}

// The host devices' paths, each checked to be the kind of node its type
// says (libvirt's LXC controller's checks and words).
std::vector<std::string> hostDevicePaths(const std::vector<ContainerHostdev>& hostdevs) {
  std::vector<std::string> paths;
  for (const ContainerHostdev& h : hostdevs) {
    struct stat st;
    if (stat(h.path.c_str(), &st) != 0) failSystem(VIR_FROM_LXC, errno, "Unable to access " + h.path);
    if (h.block && !S_ISBLK(st.st_mode))
      fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LXC, "Storage source " + h.path + " must be a block device");
    if (!h.block && !S_ISCHR(st.st_mode))
      fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LXC,
           "Storage source " + h.path + " must be a character device");
    paths.push_back(h.path);
  }
  return paths;
}

// The disks' nodes, with libvirt's checks and words (its LXC controller's,
// in its order).
std::vector<ns::ContainerDiskNode> diskNodes(const std::vector<ContainerDisk>& disks) {
  std::vector<ns::ContainerDiskNode> out;
  for (const ContainerDisk& disk : disks) {
    // libvirt's controller attaches a loop device over a file first.
    if (disk.type == "file")
      fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LXC,
           "<disk type='file'> is not supported by the container driver yet (use a loop device and type='block')");
    if (disk.type != "block")
      fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LXC, "Can't setup disk for non-block device");
    struct stat st;
    if (stat(disk.source.c_str(), &st) != 0) failSystem(VIR_FROM_LXC, errno, "Unable to access " + disk.source);
    if (!S_ISCHR(st.st_mode) && !S_ISBLK(st.st_mode))
      fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LXC,
           "Disk source " + disk.source + " must be a character/block device");
    out.push_back({disk.target, hostPath(disk.source, "disk source"), S_ISBLK(st.st_mode) != 0, st.st_rdev});
  }
  return out;
}

// What the init keeps: every capability this process has, less libvirt's list.
security::ProcessCredentials containerCredentials() {
  security::ProcessCredentials c;
  c.lastCap = security::lastCapability();
  capng_get_caps_process();
  security::CapabilityMask permitted = 0;
  for (int cap = 0; cap <= c.lastCap; ++cap)
    if (capng_have_capability(CAPNG_PERMITTED, static_cast<unsigned>(cap))) permitted |= security::CapabilityMask{1} << cap;
  c.clearCapabilities = true;
  c.keep = permitted & ~security::capabilityMask(droppedCapabilities());
  c.dropBounding = capng_have_capability(CAPNG_EFFECTIVE, CAP_SETPCAP);
  return c;
}

std::vector<std::string> initEnvironment(const conf::DomainDef& def, const ContainerConfig& cfg) {
  std::string uuid = def.uuid.toString();
  std::vector<std::string> env = {"PATH=/bin:/sbin",        "TERM=linux",
                                  "container=lxc-libvirt",  "HOME=/",
                                  "container_uuid=" + uuid, "LIBVIRT_LXC_UUID=" + uuid,
                                  "LIBVIRT_LXC_NAME=" + def.name};
  for (const auto& [k, v] : cfg.initEnv) env.push_back(k + "=" + v);
  return env;
}

// Waits up to `ms` for the process to exit (a zombie counts).
bool waitExited(int pidfd, int ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() < 0) return false;
    struct pollfd p {pidfd, POLLIN, 0};
    int rc = poll(&p, 1, static_cast<int>(left.count()));
    if (rc > 0) return true;
    if (rc == 0) return false;
    if (errno != EINTR) return false;
  }
}

UniqueFd openPidfd(pid_t pid) {
  UniqueFd fd(static_cast<int>(syscall(SYS_pidfd_open, pid, 0)));
  if (!fd) failSystem(VIR_FROM_LXC, errno, "Unable to open a pidfd for process " + std::to_string(pid));
  return fd;
}

// libvirt's non-systemd cgroup of a container: machine/NAME.libvirt-lxc.
std::string cgroupName(const std::string& name) { return name + ".libvirt-lxc"; }

// The hierarchies a container joins. Each join costs its first process a
// few milliseconds (the kernel waits for an RCU grace period), so the cpu
// hierarchy is joined only when <cputune> sets something there; memory,
// CPU time and the freezer always.
std::map<cgroup::Resource, cgroup::Hierarchy> cgroupLayout(const cgroup::CgroupLimits& limits) {
  std::map<cgroup::Resource, cgroup::Hierarchy> layout = cgroup::hostHierarchies(VIR_FROM_LXC);
  if (!limits.cpuShares && !limits.cpuPeriodUs && !limits.cpuQuotaUs) layout.erase(cgroup::Resource::Cpu);
  return layout;
}

void removeStatus(LxcDriver& d, const std::string& name) {
  try {
    removeFileIfExists(d.paths.statusFile(name), VIR_FROM_LXC);
  } catch (const Error& e) {
    VIREO_WARN(kLogModule, "status file of container '%s' not removed: %s", name.c_str(), e.message().c_str());
  }
}

// After the init is gone: reap it if it is ours, forget it, shut the
// domain off, tell the world. A transient domain disappears (`dom` with it).
void markStopped(LxcDriver& d, LxcDomain& dom, int reason, int eventDetail) REQUIRES(d.mu) {
  d.watcher().forget(dom.run.pidfd.get());
  if (dom.run.isChild) {
    int status;
    while (waitpid(dom.run.pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  removeStatus(d, dom.def.name);
  // The leases first, then their owner: a keeper killed with leases held
  // would make the daemon kill its (already dead) pid. Its exit is not
  // waited for: a copy of this process's memory to tear down, as long as
  // the container's own teardown (a tenth of a millisecond here).
  releaseContainerLeases(d.locks.get(), dom.def, dom.id, dom.run.keeperPid);
  signalConsoleKeeper(dom.run.keeperPid, dom.run.keeperStartTime, dom.run.isChild);
  if (dom.run.isChild) d.watcher().reapWhenGone(dom.run.keeperPid);
  unlink(d.paths.consoleSocket(dom.def.name).c_str());
  dom.run.cgroup.remove();
  removeHostEnds(dom.def);
  auditContainerStop(d, dom.def, dom.run.pid, reason);
  VIREO_INFO(kLogModule, "container '%s' (init %d) stopped", dom.def.name.c_str(), static_cast<int>(dom.run.pid));
  dom.run = LxcRuntime{};
  dom.state = VIR_DOMAIN_SHUTOFF;
  dom.reason = reason;
  d.emitLifecycle(dom, VIR_DOMAIN_EVENT_STOPPED, eventDetail);
  dom.id = -1;
  if (dom.persistent) {
    dom.def = dom.persistentDef;
  } else {
    d.domains.remove(&dom);
  }
}

void becomeRunning(LxcDriver& d, LxcDomain& dom, conf::DomainDef live, int id, LxcRuntime run, int state,
                   int reason) REQUIRES(d.mu) {
  dom.def = std::move(live);
  dom.id = id;
  dom.run = std::move(run);
  dom.run.token = d.nextToken++;
  dom.state = state;
  dom.reason = reason;
  d.watcher().watch(dom.run.pidfd.get(), dom.run.token);
}

}  // namespace

void saveStatus(LxcDriver& d, const LxcDomain& dom) {
  LxcStatus status{dom.run.pid,      dom.run.startTime, dom.run.keeperPid,        dom.run.keeperStartTime,
                   dom.id,           dom.state,         dom.reason,               dom.run.cgroup.dirs(),
                   dom.def};
  writeFileAtomic(d.paths.statusFile(dom.def.name), formatStatus(status), 0600, VIR_FROM_LXC,
                  FileDurability::ProcessCrash);
}

namespace {

// The start itself: plan, cgroup, spawn, status; on failure nothing stays.
void launch(LxcDriver& d, LxcDomain& dom, conf::DomainDef live) REQUIRES(d.mu) {
  const std::string& name = live.name;
  ContainerConfig cfg = containerConfigOf(live);

  // 1. The plan, complete, in this process.
  ns::ContainerPlan plan;
  plan.root = hostPath(cfg.root.source, "root filesystem of container '" + name + "'");
  struct stat st;
  if (stat(plan.root.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LXC,
         "root filesystem '" + cfg.root.source + "' of container '" + name + "' is not a directory");
  if (plan.root == "/")
    fail(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_LXC, "the host's root cannot be the root of container '" + name + "'");
  plan.rootReadonly = cfg.root.readonly;
  for (const ContainerMount& m : cfg.binds) {
    ns::ContainerBind b;
    b.source = hostPath(m.source, "filesystem source of container '" + name + "'");
    b.target = m.target;
    b.readonly = m.readonly;
    b.isFile = stat(b.source.c_str(), &st) == 0 && !S_ISDIR(st.st_mode);
    plan.binds.push_back(std::move(b));
  }
  plan.blockMounts = blockMounts(cfg.blocks);
  for (const ContainerRam& r : cfg.rams) plan.tmpfs.push_back({r.target, r.sizeKiB});
  plan.hostname = name;
  plan.initDir = cfg.initDir.empty() ? "/" : cfg.initDir;
  plan.devNodes = ns::containerDevNodes(hostDevicePaths(cfg.hostdevs), VIR_FROM_LXC);
  plan.disks = diskNodes(cfg.disks);
  ns::checkContainerDiskNodes(plan.disks, plan.devNodes, VIR_FROM_LXC);
  plan.bindDeviceNodes = !cfg.idmap.empty();
  std::shared_ptr<ContainerConsole> console = ContainerConsole::allocate(name);
  plan.console = console->slavePath();
  checkInit(plan.root, cfg.init, name);
  ns::ContainerChildProgram program(plan, VIR_FROM_LXC);
  security::CredentialStep credentials(containerCredentials());

  // The cgroup: made and limited before the child exists, joined by the
  // child before it does anything else; removed again if the start fails.
  cgroup::MachineCgroup cg =
      cgroup::MachineCgroup::create(cgroupLayout(cfg.limits), kCgroupPartition, cgroupName(name), VIR_FROM_LXC);
  struct RemoveOnFailure {
    const cgroup::MachineCgroup* cgroup;
    ~RemoveOnFailure() {
      if (cgroup) cgroup->remove();
    }
  } cgroupGuard{&cg};
  cg.applyLimits(cfg.limits);
  cgroup::CgroupJoinStep joinCgroup(cg, VIR_FROM_LXC);
  security::CredentialStep becomeRoot(namespaceRootCredentials());

  // The interfaces' names and bridges, checked before any process exists:
  // a bad bridge fails here. Their pairs are made during the handshake and
  // deleted again if the start fails.
  ContainerVeths veths = ContainerVeths::plan(name, cfg.interfaces);

  // The console keeper, which owns the leases, and the leases, before the
  // init exists. Declared in this order so that a failed start gives the
  // leases back before it ends their owner.
  ConsoleKeeper keeper;
  StartLocks locks(d.locks.get(), live, d.nextId);
  keeper = ConsoleKeeper::start(console->masterFd(), d.paths.logFile(name), d.paths.consoleSocket(name),
                                locks.registration(), name);
  locks.acquire(keeper.pid());

  SpawnPlan spawn;
  spawn.program = cfg.init;
  spawn.argv.push_back(cfg.init);
  spawn.argv.insert(spawn.argv.end(), cfg.initArgs.begin(), cfg.initArgs.end());
  spawn.env = initEnvironment(live, cfg);
  // The console is the init's stdin, stdout and stderr (lxc_console.h).
  spawn.fds = {{console->slaveFd(), 0}, {console->slaveFd(), 1}, {console->slaveFd(), 2}};
  spawn.cloneFlags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC;
  if (cfg.privateNetwork()) spawn.cloneFlags |= CLONE_NEWNET;
  if (!cfg.idmap.empty()) spawn.cloneFlags |= CLONE_NEWUSER;
  // The handshake: with the child waiting, its user namespace gets its maps
  // and its network namespace its interfaces and lo up (libvirt's
  // controller does the same between clone and its "continue" message).
  if (cfg.privateNetwork()) {
    spawn.beforeChildContinues = [&](pid_t pid) {
      if (!cfg.idmap.empty()) writeIdMaps(pid, cfg.idmap);
      veths.createIn(pid);
    };
  }
  spawn.name = "container '" + name + "'";
  spawn.execFailure = "Unable to exec init '" + cfg.init + "' of container '" + name + "'";
  SpawnChildChain chain;
  program.addTo(chain);
  credentials.addTo(chain);
  // The new user namespace's root from the start, so that what the child
  // mounts belongs to the container; the cgroup is joined before, as the
  // host's root that owns it.
  if (!cfg.idmap.empty()) chain.addFirst(security::CredentialStep::run, &becomeRoot, security::CredentialStep::describe);
  joinCgroup.addTo(chain);  // first of all
  chain.attachTo(spawn);

  // 2. The child: namespaces, mounts, /dev, capabilities, exec.
  VIREO_INFO(kLogModule, "starting container '%s' (root %s, init %s)", name.c_str(), plan.root.c_str(),
             cfg.init.c_str());
  LxcRuntime run;
  try {
    run.pid = spawnProcess(spawn, VIR_FROM_LXC);
  } catch (const Error&) {
    // Made by the child on the host's filesystem before it failed, if it
    // got that far; the mounts died with its namespace.
    rmdir((plan.root + ns::kOldRootDir).c_str());
    throw;
  }
  run.isChild = true;
  try {
    run.pidfd = openPidfd(run.pid);
    run.startTime = processStartTime(run.pid);
    keeper.follow(run.pid, name);
    run.keeperPid = keeper.pid();
    run.keeperStartTime = keeper.startTime();
    live.consoles.push_back(console->liveDefinition());
    recordInterfaceNames(live, veths);
    LxcStatus status{run.pid,          run.startTime, run.keeperPid, run.keeperStartTime, d.nextId, VIR_DOMAIN_RUNNING,
                     VIR_DOMAIN_RUNNING_BOOTED, cg.dirs(), live};
    writeFileAtomic(d.paths.statusFile(name), formatStatus(status), 0600, VIR_FROM_LXC, FileDurability::ProcessCrash);
  } catch (const Error&) {
    kill(run.pid, SIGKILL);
    int ignored;
    waitpid(run.pid, &ignored, 0);
    removeStatus(d, name);
    throw;
  }
  run.cgroup = cg;
  cgroupGuard.cgroup = nullptr;
  veths.keep();
  keeper.dismiss();
  locks.dismiss();
  becomeRunning(d, dom, live, d.nextId++, std::move(run), VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
  VIREO_INFO(kLogModule, "container '%s' started, init pid %d", name.c_str(), static_cast<int>(dom.run.pid));
}

}  // namespace

void startContainer(LxcDriver& d, LxcDomain& dom, conf::DomainDef live) {
  if (dom.active()) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_LXC, "domain is already running");
  try {
    launch(d, dom, live);
  } catch (const Error&) {
    auditContainerStart(d, live, 0, false);
    throw;
  }
  auditContainerStart(d, dom.def, dom.run.pid, true);
  d.emitLifecycle(dom, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED);
}

void destroyContainer(LxcDriver& d, LxcDomain& dom) {
  if (!dom.active()) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_LXC, "domain is not running");
  // SIGKILL to a pid namespace's init ends every process in it; the init
  // becomes a zombie (its pidfd readable) only once they are all gone.
  if (kill(dom.run.pid, SIGKILL) < 0 && errno != ESRCH)
    failSystem(VIR_FROM_LXC, errno, "Failed to kill the init of container '" + dom.def.name + "'");
  // v1's freezer holds even a killed task until it is thawed.
  if (dom.state == VIR_DOMAIN_PAUSED) {
    try {
      dom.run.cgroup.thaw();
    } catch (const Error& e) {
      VIREO_WARN(kLogModule, "thawing container '%s': %s", dom.def.name.c_str(), e.message().c_str());
    }
  }
  if (!waitExited(dom.run.pidfd.get(), kKillWaitMs))
    fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_LXC,
         "the init of container '" + dom.def.name + "' (pid " + std::to_string(dom.run.pid) +
             ") did not exit after SIGKILL");
  markStopped(d, dom, VIR_DOMAIN_SHUTOFF_DESTROYED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
}

void containerExited(LxcDriver& d, uint64_t token) {
  MutexLock lock(d.mu);
  for (const auto& dom : d.domains.all()) {
    if (dom->active() && dom->run.token == token) {
      markStopped(d, *dom, VIR_DOMAIN_SHUTOFF_SHUTDOWN, VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
      return;
    }
  }
}

void reconnectContainers(LxcDriver& d) {
  for (const std::string& file : listDirectory(d.paths.stateDir, ".xml")) {
    std::string path = d.paths.stateDir + "/" + file;
    std::string name = file.substr(0, file.size() - 4);
    try {
      LxcStatus s = parseStatus(readWholeFile(path, VIR_FROM_LXC, kMaxXmlFileBytes), path);
      if (s.pidStart == 0 || processStartTime(s.pid) != s.pidStart) {
        VIREO_INFO(kLogModule, "container '%s' is no longer running", name.c_str());
        removeStatus(d, name);
        releaseContainerLeases(d.locks.get(), s.def, s.id, s.keeper);
        stopConsoleKeeper(s.keeper, s.keeperStart, false, d.paths.consoleSocket(name));
        cgroup::MachineCgroup::fromRecorded(s.cgroups, VIR_FROM_LXC).remove();
        continue;
      }
      LxcDomain* dom = d.domains.findByUuid(s.def.uuid);
      if (!dom) {
        auto fresh = std::make_shared<LxcDomain>();
        fresh->def = s.def;
        dom = &d.domains.add(std::move(fresh));
      }
      LxcRuntime run;
      run.pid = s.pid;
      run.startTime = s.pidStart;
      run.pidfd = openPidfd(s.pid);
      run.cgroup = cgroup::MachineCgroup::fromRecorded(s.cgroups, VIR_FROM_LXC);
      run.keeperPid = s.keeper;
      run.keeperStartTime = s.keeperStart;
      if (s.id >= d.nextId) d.nextId = s.id + 1;
      becomeRunning(d, *dom, std::move(s.def), s.id, std::move(run), s.state, s.reason);
      VIREO_INFO(kLogModule, "took over container '%s', init pid %d", name.c_str(), static_cast<int>(dom->run.pid));
    } catch (const Error& e) {
      VIREO_WARN(kLogModule, "status of container '%s' ignored: %s", name.c_str(), e.message().c_str());
    }
  }
}

}  // namespace vireo::lxc
