#include "drivers/lxc/lxc_namespace_api.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
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

// One line of /proc/PID/cgroup: a hierarchy ("" for cgroup v2, else its
// controllers, "cpu,cpuacct" or "name=systemd") and the cgroup in it.
struct CGroupMembership {
  std::string controllers;
  std::string path;
};

std::vector<CGroupMembership> cgroupsOf(pid_t pid) {
  std::string file = "/proc/" + std::to_string(pid) + "/cgroup";
  std::istringstream lines(readWholeFile(file, VIR_FROM_CGROUP, 1 << 20));
  std::vector<CGroupMembership> out;
  for (std::string line; std::getline(lines, line);) {
    size_t first = line.find(':'), second = line.find(':', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    out.push_back({line.substr(first + 1, second - first - 1), line.substr(second + 1)});
  }
  return out;
}

std::vector<std::string> splitOn(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::istringstream in(text);
  for (std::string part; std::getline(in, part, sep);) parts.push_back(part);
  return parts;
}

// Where the hierarchy of `controllers` is mounted in this process's mount
// namespace (/proc/self/mountinfo), with the cgroup `path` appended; ""
// when it is not mounted.
std::string cgroupDirectory(const std::string& mountinfo, const CGroupMembership& cg) {
  std::istringstream lines(mountinfo);
  for (std::string line; std::getline(lines, line);) {
    size_t dash = line.find(" - ");
    if (dash == std::string::npos) continue;
    std::vector<std::string> fields = splitOn(line.substr(0, dash), ' ');
    std::vector<std::string> tail = splitOn(line.substr(dash + 3), ' ');
    if (fields.size() < 5 || tail.size() < 3) continue;
    bool v2 = tail[0] == "cgroup2";
    if (cg.controllers.empty() != v2 || (!v2 && tail[0] != "cgroup")) continue;
    if (!v2) {
      std::vector<std::string> options = splitOn(tail[2], ',');
      bool all = true;
      for (const std::string& c : splitOn(cg.controllers, ','))
        all = all && std::find(options.begin(), options.end(), c) != options.end();
      if (!all) continue;
    }
    // A mount of a sub-tree (fields[3] is its root in the hierarchy).
    const std::string& root = fields[3];
    std::string path = cg.path;
    if (root != "/") {
      if (path.rfind(root, 0) != 0) continue;
      path = path.substr(root.size());
    }
    return fields[4] + path;
  }
  return {};
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
  std::vector<CGroupMembership> cgroups;
  {
    MutexLock lock(d.mu);
    cgroups = cgroupsOf(initPid(d, id));
  }
  // The init's own cgroups, read from /proc as libvirt's virCgroupNewDetect
  // does (lxcops records the same in the container's status), joined in
  // every hierarchy mounted here (cgroup v2, and each v1 controller).
  std::string mountinfo = readWholeFile("/proc/self/mountinfo", VIR_FROM_CGROUP, 16 << 20);
  std::string pid = std::to_string(::getpid());
  bool joined = false;
  for (const CGroupMembership& cg : cgroups) {
    std::string dir = cgroupDirectory(mountinfo, cg);
    if (dir.empty()) continue;
    std::string procs = dir + "/cgroup.procs";
    UniqueFd fd(::open(procs.c_str(), O_WRONLY | O_CLOEXEC));
    if (!fd || ::write(fd.get(), pid.data(), pid.size()) != static_cast<ssize_t>(pid.size()))
      failSystem(VIR_FROM_CGROUP, errno, "Unable to write to '" + procs + "'");
    joined = true;
  }
  if (!joined)
    fail(VIR_ERR_OPERATION_FAILED, VIR_FROM_CGROUP,
         "no cgroup hierarchy of domain '" + id.name + "' is mounted in this process's mount namespace");
}

}  // namespace vireo::lxc::namespaceops
