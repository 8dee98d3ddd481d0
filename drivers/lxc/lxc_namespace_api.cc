#include "drivers/lxc/lxc_namespace_api.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <sstream>
#include <string>

#include "drivers/lxc/lxc_driver_state.h"
#include "lib/util/error.h"
#include "lib/util/file.h"
#include "lib/util/namespace_fds.h"

namespace vireo::lxc::namespaceops {

namespace {

// The pid of the running container's init. While the driver lock is held
// the init cannot be reaped, so the pid cannot name another process yet.
pid_t initPid(LxcDriver& d, const driver::DomainIdentity& id) REQUIRES(d.mu) {
  LxcDomain& dom = d.domains.get(id, VIR_FROM_LXC);
  if (!dom.active()) fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_LXC, "domain is not running");
  if (dom.run.pid <= 0) fail(VIR_ERR_INTERNAL_ERROR, VIR_FROM_LXC, "Init pid is not yet available");
  return dom.run.pid;
}

// The cgroup v2 path ("0::/PATH" line) of /proc/PID/cgroup.
std::string unifiedCGroupOf(pid_t pid) {
  std::string file = "/proc/" + std::to_string(pid) + "/cgroup";
  std::istringstream lines(readWholeFile(file, VIR_FROM_CGROUP, 1 << 20));
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("0::", 0) == 0) return line.substr(3);
  }
  fail(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_CGROUP,
       "no cgroup v2 hierarchy for process " + std::to_string(pid) + " in " + file);
}

}  // namespace

std::vector<UniqueFd> openNamespace(driver::Connection& conn, driver::DomainIdentity& id, unsigned int flags) {
  checkFlags(flags, 0, VIR_FROM_LXC, "lxcDomainLxcOpenNamespace");
  LxcDriver& d = driverOf(conn);
  MutexLock lock(d.mu);
  return openNamespaces(initPid(d, id));
}

// libvirt checks the flags on the client side, before the driver (capi/lxc.cc).
void enterCGroup(driver::Connection& conn, driver::DomainIdentity& id, unsigned int /*flags*/) {
  LxcDriver& d = driverOf(conn);
  std::string cgroup;
  {
    MutexLock lock(d.mu);
    cgroup = unifiedCGroupOf(initPid(d, id));
  }
  // lxcops records the same path in the container's status; reading it
  // from the init gives the same answer without depending on that record.
  std::string procs = "/sys/fs/cgroup" + cgroup + "/cgroup.procs";
  UniqueFd fd(::open(procs.c_str(), O_WRONLY | O_CLOEXEC));
  if (!fd) failSystem(VIR_FROM_CGROUP, errno, "Unable to write to '" + procs + "'");
  std::string pid = std::to_string(::getpid());
  if (::write(fd.get(), pid.data(), pid.size()) != static_cast<ssize_t>(pid.size()))
    failSystem(VIR_FROM_CGROUP, errno, "Unable to write to '" + procs + "'");
}

}  // namespace vireo::lxc::namespaceops
