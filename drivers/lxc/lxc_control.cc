#include "drivers/lxc/lxc_control.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "drivers/lxc/lxc_process.h"
#include "lib/util/error.h"
#include "lib/util/fd.h"
#include "lib/util/log.h"

namespace vireo::lxc {

namespace {

constexpr const char* kLogModule = "lxc.lxc_control";

// Where sysvinit-style inits listen, looked for in this order (libvirt's list).
constexpr const char* kInitctlFifos[] = {"/run/initctl", "/dev/initctl", "/etc/.initctl", "/usr/lib/sysvinit/initctl"};

// sysvinit's request (initreq.h): 384 bytes, a runlevel change is command 1.
struct InitRequest {
  int magic;
  int cmd;
  int runlevel;
  int sleeptime;
  char data[368];
};
static_assert(sizeof(InitRequest) == 384, "sysvinit's initreq is 384 bytes");
constexpr int kInitMagic = 0x03091969;
constexpr int kInitCmdRunlevel = 1;

void requireRunning(const LxcDomain& dom) {
  if (!dom.active()) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_LXC, "domain is not running");
}

// Opens a FIFO of the container for writing, resolved inside its root (so
// a symlink in the container's tree cannot lead to a host file). An empty
// holder when the path does not exist or is no FIFO.
UniqueFd openContainerFifo(pid_t init, const char* path) {
  std::string rootPath = "/proc/" + std::to_string(init) + "/root";
  UniqueFd root(open(rootPath.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!root) failSystem(VIR_FROM_LXC, errno, "Unable to open the root of init " + std::to_string(init));
  struct open_how how {};
  how.flags = O_PATH | O_CLOEXEC;
  how.resolve = RESOLVE_IN_ROOT;
  UniqueFd found(static_cast<int>(syscall(SYS_openat2, root.get(), path, &how, sizeof how)));
  if (!found) {
    if (errno == ENOENT || errno == ENOTDIR) return {};
    failSystem(VIR_FROM_LXC, errno, std::string("Cannot open init control ") + path);
  }
  struct stat st;
  if (fstat(found.get(), &st) != 0 || !S_ISFIFO(st.st_mode)) return {};
  // Reopened through the O_PATH descriptor: no second lookup by name.
  std::string self = "/proc/self/fd/" + std::to_string(found.get());
  UniqueFd fifo(open(self.c_str(), O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (!fifo) failSystem(VIR_FROM_LXC, errno, std::string("Cannot open init control ") + path);
  return fifo;
}

// Writes a runlevel request to the first initctl FIFO there is; false when
// the container has none.
bool sendRunlevel(pid_t init, char runlevel) {
  for (const char* path : kInitctlFifos) {
    UniqueFd fifo = openContainerFifo(init, path);
    if (!fifo) continue;
    InitRequest req;
    memset(&req, 0, sizeof req);
    req.magic = kInitMagic;
    req.cmd = kInitCmdRunlevel;
    req.runlevel = runlevel;
    if (write(fifo.get(), &req, sizeof req) != static_cast<ssize_t>(sizeof req))
      failSystem(VIR_FROM_LXC, errno, std::string("Failed to send request to init control ") + path);
    VIREO_INFO(kLogModule, "runlevel %c requested through %s of init %d", runlevel, path, static_cast<int>(init));
    return true;
  }
  return false;
}

}  // namespace

virDomainInfo containerInfo(const LxcDomain& dom) {
  virDomainInfo info{};
  info.state = static_cast<unsigned char>(dom.state);
  info.maxMem = dom.def.memory.maxKiB;
  info.memory = dom.def.memory.currentKiB ? dom.def.memory.currentKiB : dom.def.memory.maxKiB;
  info.nrVirtCpu = static_cast<unsigned short>(dom.def.vcpu.current.value_or(dom.def.vcpu.max));
  if (!dom.active()) return info;
  try {
    info.cpuTime = dom.run.cgroup.cpuTimeNs();
  } catch (const Error& e) {
    fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_LXC, "Cannot read cputime for domain: " + e.message());
  }
  try {
    info.memory = dom.run.cgroup.memoryUsageKiB();
  } catch (const Error& e) {
    fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_LXC, "Cannot read memory usage for domain: " + e.message());
  }
  return info;
}

std::vector<virDomainMemoryStatStruct> containerMemoryStats(const LxcDomain& dom) {
  requireRunning(dom);
  virDomainInfo info = containerInfo(dom);
  std::optional<unsigned long long> swap = dom.run.cgroup.swapUsageKiB();
  std::vector<virDomainMemoryStatStruct> stats;
  // libvirt reports the definition's current memory as the balloon.
  stats.push_back({VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON,
                   dom.def.memory.currentKiB ? dom.def.memory.currentKiB : dom.def.memory.maxKiB});
  if (swap) stats.push_back({VIR_DOMAIN_MEMORY_STAT_SWAP_IN, *swap});
  stats.push_back({VIR_DOMAIN_MEMORY_STAT_RSS, info.memory});
  return stats;
}

void suspendContainer(LxcDriver& d, LxcDomain& dom) {
  requireRunning(dom);
  if (dom.state == VIR_DOMAIN_PAUSED) return;
  try {
    dom.run.cgroup.freeze();
  } catch (const Error& e) {
    fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_LXC, "Suspend operation failed: " + e.message());
  }
  dom.state = VIR_DOMAIN_PAUSED;
  dom.reason = VIR_DOMAIN_PAUSED_USER;
  saveStatus(d, dom);
  d.emitLifecycle(dom, VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
}

void resumeContainer(LxcDriver& d, LxcDomain& dom) {
  requireRunning(dom);
  if (dom.state != VIR_DOMAIN_PAUSED) return;
  try {
    dom.run.cgroup.thaw();
  } catch (const Error& e) {
    fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_LXC, "Resume operation failed: " + e.message());
  }
  dom.state = VIR_DOMAIN_RUNNING;
  dom.reason = VIR_DOMAIN_RUNNING_UNPAUSED;
  saveStatus(d, dom);
  d.emitLifecycle(dom, VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
}

void requestShutdown(LxcDomain& dom, unsigned flags, bool reboot) {
  requireRunning(dom);
  bool sent = false;
  if (flags == 0 || (flags & VIR_DOMAIN_SHUTDOWN_INITCTL)) {
    sent = sendRunlevel(dom.run.pid, reboot ? '6' : '0');
    // As libvirt 9: asked for initctl (alone or with signal), no FIFO is an error.
    if (!sent && flags != 0)
      fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_LXC, "Container does not provide an initctl pipe");
  }
  if (sent || !(flags == 0 || (flags & VIR_DOMAIN_SHUTDOWN_SIGNAL))) return;
  int sig = reboot ? SIGHUP : SIGTERM;
  if (kill(dom.run.pid, sig) < 0 && errno != ESRCH)
    failSystem(VIR_FROM_LXC, errno,
               std::string("Unable to send SIG") + sigabbrev_np(sig) + " to init pid " + std::to_string(dom.run.pid));
  VIREO_INFO(kLogModule, "SIG%s sent to init %d of container '%s'", sigabbrev_np(sig), static_cast<int>(dom.run.pid),
             dom.def.name.c_str());
}

}  // namespace vireo::lxc
