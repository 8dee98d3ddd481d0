#include "lib/ns/dev_hotplug.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>

#include <libvirt/virterror.h>

#include "lib/ns/dev_child.h"
#include "lib/ns/dev_path.h"
#include "lib/ns/dev_program.h"
#include "lib/ns/mount_table.h"
#include "lib/util/error.h"
#include "lib/util/fd.h"
#include "lib/util/spawn.h"

namespace vireo::ns {

namespace {

std::string procPath(pid_t pid, const char* leaf) { return "/proc/" + std::to_string(pid) + "/" + leaf; }

// The target's mount namespace, which must not be ours: a process started
// without a private /dev shares the host's, and "hotplug" there would
// create nodes in the host's /dev.
UniqueFd openMountNamespace(pid_t target, virErrorDomain domain) {
  std::string path = procPath(target, "ns/mnt");
  UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) failSystem(domain, errno, "Unable to open " + path);
  struct stat theirs, ours;
  if (fstat(fd.get(), &theirs) < 0) failSystem(domain, errno, "Unable to stat " + path);
  if (stat("/proc/self/ns/mnt", &ours) < 0) failSystem(domain, errno, "Unable to stat /proc/self/ns/mnt");
  if (theirs.st_dev == ours.st_dev && theirs.st_ino == ours.st_ino)
    fail(VIR_ERR_OPERATION_INVALID, domain,
         "process " + std::to_string(target) + " shares our mount namespace; it has no private /dev");
  return fd;
}

// The mounts below the target's /dev: shared with the host, not ours to touch.
std::vector<std::string> targetSubmounts(pid_t target, int errorDomain) {
  return devSubmounts(readMountInfo(procPath(target, "mountinfo"), errorDomain));
}

void runProgram(const DevChildProgram& program, int errorDomain) {
  runInChild(runDevChildProgram, program.layout(), describeDevChildFailure, errorDomain);
}

}  // namespace

void addDevNodes(pid_t target, const std::vector<std::string>& paths, const DevPlanOptions& opts, int errorDomain) {
  (void)opts;
  if (paths.empty()) return;
  auto domain = static_cast<virErrorDomain>(errorDomain);
  // Open the namespace first: the mount table read next must be the one of
  // the process we will enter, not of a process that reused its pid.
  UniqueFd ns = openMountNamespace(target, domain);
  std::vector<DevNode> nodes = planDevNodes(paths, targetSubmounts(target, errorDomain), errorDomain);
  if (nodes.empty()) return;
  DevChildProgram program = DevChildProgram::forAdd(nodes, std::move(ns), errorDomain);
  runProgram(program, errorDomain);
}

void removeDevNodes(pid_t target, const std::vector<std::string>& relPaths, int errorDomain) {
  if (relPaths.empty()) return;
  auto domain = static_cast<virErrorDomain>(errorDomain);
  UniqueFd ns = openMountNamespace(target, domain);
  std::vector<std::string> submounts = targetSubmounts(target, errorDomain);
  for (const auto& rel : relPaths) {
    std::string path = checkDevRelativePath(rel, errorDomain);
    for (const auto& m : submounts)
      if (pathIsWithin(path, m))
        fail(VIR_ERR_CONFIG_UNSUPPORTED, domain,
             "device path '" + path + "' is inside the mount " + m +
                 ", which is shared with the host; nothing is removed there");
  }
  DevChildProgram program = DevChildProgram::forRemove(relPaths, std::move(ns), errorDomain);
  runProgram(program, errorDomain);
}

}  // namespace vireo::ns
