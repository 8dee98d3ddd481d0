// The private /dev rule of qemu_security.h: which ownership changes are
// made inside the domain's mount namespace, and a child that enters it to
// make them.
#include <fcntl.h>
#include <sched.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <optional>

#include "drivers/qemu/qemu_security_internal.h"
#include "lib/ns/dev_path.h"
#include "lib/ns/mount_table.h"
#include "lib/security/dac_apply.h"
#include "lib/util/error.h"
#include "lib/util/fd.h"
#include "lib/util/log.h"
#include "lib/util/spawn.h"

namespace vireo::qemu::security_glue {

namespace {

constexpr char kLogModule[] = "qemu.qemu_security_namespace";

// True for a path the private /dev holds a copy of: below /dev, and not
// inside a mount there (/dev/pts, /dev/shm, ...), which the namespace shares
// with the host.
bool copiedIntoPrivateDev(const std::string& path, const std::vector<std::string>& sharedMounts) {
  if (!ns::pathIsUnderDev(path)) return false;
  for (const std::string& m : sharedMounts)
    if (ns::pathIsWithin(path, m)) return false;
  return true;
}

// The first link of the child: setns() into the target's mount namespace,
// opened by the parent.
struct EnterNamespace {
  int fd;
  pid_t pid;

  static int run(const void* self, SpawnChildError* err) noexcept {
    if (setns(static_cast<const EnterNamespace*>(self)->fd, CLONE_NEWNS) == 0) return 0;
    err->step = 1;
    err->err = errno;
    return -1;
  }
  static std::string describe(const void* self, const SpawnChildError& err) {
    std::string msg = "Unable to enter mount namespace of process ";
    msg += std::to_string(static_cast<const EnterNamespace*>(self)->pid);
    msg += ": ";
    msg += std::strerror(err.err);
    return msg;
  }
};

// The second link: the DAC program, keeping its failure so that the error
// keeps lib/security's code (a file in use is VIR_ERR_OPERATION_INVALID,
// not a system error).
struct DacLink {
  const security::DacProgram* program;
  mutable std::optional<SpawnChildError> failure;

  static int run(const void* self, SpawnChildError* err) noexcept {
    return security::DacProgram::run(static_cast<const DacLink*>(self)->program, err);
  }
  static std::string describe(const void* self, const SpawnChildError& err) {
    const auto* link = static_cast<const DacLink*>(self);
    link->failure = err;
    return security::DacProgram::describe(link->program, err);
  }
};

// /proc/PID/ns/mnt, refused when it is our own namespace: labelling "its"
// /dev would then change the host's nodes.
UniqueFd openForeignMountNamespace(pid_t pid) {
  std::string path = "/proc/" + std::to_string(pid) + "/ns/mnt";
  UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) failSystem(VIR_FROM_SECURITY, errno, "Unable to open " + path);
  struct stat theirs {}, ours {};
  if (fstat(fd.get(), &theirs) != 0) failSystem(VIR_FROM_SECURITY, errno, "Unable to stat " + path);
  if (stat("/proc/self/ns/mnt", &ours) != 0) failSystem(VIR_FROM_SECURITY, errno, "Unable to stat /proc/self/ns/mnt");
  if (theirs.st_dev == ours.st_dev && theirs.st_ino == ours.st_ino)
    fail(VIR_ERR_OPERATION_INVALID, VIR_FROM_SECURITY,
         "process " + std::to_string(pid) + " shares our mount namespace; its /dev is the host's");
  return fd;
}

}  // namespace

PlacedPlan placePlan(const security::DacPlan& plan, bool privateDev) {
  PlacedPlan out;
  out.host.lock = plan.lock;
  out.inNamespace.lock = plan.lock;
  if (plan.empty()) return out;
  std::vector<std::string> shared;
  if (privateDev) shared = ns::devSubmounts(ns::readMountInfo("/proc/self/mountinfo", VIR_FROM_QEMU));
  for (const security::OwnershipOp& op : plan.ops) {
    if (privateDev && copiedIntoPrivateDev(op.path, shared)) out.inNamespace.ops.push_back(op);
    else out.host.ops.push_back(op);
  }
  return out;
}

void applyDacPlanInNamespace(pid_t pid, const security::DacPlan& plan) {
  if (plan.empty()) return;
  UniqueFd ns = openForeignMountNamespace(pid);
  security::DacProgram program(plan);  // reads the boot time here, not in the child
  EnterNamespace enter{ns.get(), pid};
  DacLink dac{&program, std::nullopt};
  SpawnChildChain chain;
  chain.add(EnterNamespace::run, &enter, EnterNamespace::describe);
  chain.add(DacLink::run, &dac, DacLink::describe);
  try {
    runInChild(SpawnChildChain::run, &chain, SpawnChildChain::describe, VIR_FROM_SECURITY);
  } catch (const Error&) {
    if (dac.failure) throw program.toError(*dac.failure);
    throw;
  }
}

void applyPlaced(const PlacedPlan& plan, pid_t pid, const security::DacPlan& undoHost) {
  security::applyDacPlan(plan.host);
  if (plan.inNamespace.empty()) return;
  try {
    applyDacPlanInNamespace(pid, plan.inNamespace);
  } catch (...) {
    try {
      security::applyDacPlan(undoHost);
    } catch (const std::exception& e) {
      VIREO_WARN(kLogModule, "giving files back after a failed relabel: %s", e.what());
    }
    throw;
  }
}

}  // namespace vireo::qemu::security_glue
