#include "lib/security/capabilities.h"

#include <grp.h>
#include <linux/capability.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cap-ng.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include <libvirt/virterror.h>

#include "lib/util/error.h"

namespace vireo::security {

namespace {

enum CredentialStepKind : int {
  kStepBounding = 1,
  kStepGroups,
  kStepGid,
  kStepUid,
  kStepKeepCaps,
  kStepCapset,
  kStepAmbient,
};

int failStep(SpawnChildError* err, int step, int index) noexcept {
  err->step = step;
  err->err = errno;
  err->index = index;
  return -1;
}

bool has(CapabilityMask mask, int cap) noexcept { return cap < 64 && (mask >> cap) & 1; }

// The user's groups as the user database lists them, `gid` first.
std::vector<gid_t> userGroups(uid_t uid, gid_t gid) {
  struct passwd pw {};
  struct passwd* found = nullptr;
  std::vector<char> buf(16384);
  if (getpwuid_r(uid, &pw, buf.data(), buf.size(), &found) != 0 || !found) return {gid};
  std::vector<gid_t> groups(32);
  int n = static_cast<int>(groups.size());
  // On -1, getgrouplist() says in `n` how many there are.
  while (getgrouplist(found->pw_name, gid, groups.data(), &n) < 0) groups.resize(static_cast<size_t>(n));
  groups.resize(static_cast<size_t>(n));
  return groups;
}

}  // namespace

std::vector<std::string> capabilityNames(CapabilityMask mask) {
  std::vector<std::string> out;
  for (unsigned cap = 0; cap < 64; ++cap) {
    if (!has(mask, static_cast<int>(cap))) continue;
    const char* name = capng_capability_to_name(cap);
    out.push_back(name ? name : "cap_" + std::to_string(cap));
  }
  return out;
}

CapabilityMask capabilityMask(const std::vector<std::string>& names) {
  CapabilityMask mask = 0;
  for (const std::string& name : names) {
    int cap = capng_name_to_capability(name.c_str());
    if (cap < 0 || cap > 63) fail(VIR_ERR_INVALID_ARG, VIR_FROM_SECURITY, "Unknown capability '" + name + "'");
    mask |= CapabilityMask{1} << cap;
  }
  return mask;
}

int lastCapability() {
  std::ifstream in("/proc/sys/kernel/cap_last_cap");
  int last = -1;
  if (in >> last && last >= 0 && last < 64) return last;
  return CAP_LAST_CAP;
}

ProcessCredentials planEmulatorCredentials(uid_t uid, gid_t gid, bool clearCapabilities) {
  // What this process may do, from its effective set (libcap-ng keeps the
  // state per thread: this thread is the one that forks).
  capng_get_caps_process();
  bool canChangeIds = capng_have_capability(CAPNG_EFFECTIVE, CAP_SETUID) &&
                      capng_have_capability(CAPNG_EFFECTIVE, CAP_SETGID);
  bool canDropBounding = capng_have_capability(CAPNG_EFFECTIVE, CAP_SETPCAP);

  ProcessCredentials c;
  c.uid = uid;
  c.gid = gid;
  if (canChangeIds) {
    c.changeIds = true;
    c.groups = userGroups(uid, gid);
  } else if (uid != geteuid() || gid != getegid()) {
    // An unprivileged process runs QEMU as itself; it cannot become another user.
    failSystem(VIR_FROM_SECURITY, EPERM,
               "cannot change to '" + std::to_string(uid) + ":" + std::to_string(gid) + "' user and group");
  }
  // Another user than root never keeps capabilities (libvirt clears them
  // whenever the uid is not 0).
  c.clearCapabilities = clearCapabilities || (c.changeIds && uid != 0);
  // An unprivileged process has no capability to give away but cannot
  // shrink its bounding set either: that one stays as it is.
  c.dropBounding = c.clearCapabilities && canDropBounding;
  c.lastCap = lastCapability();
  return c;
}

CredentialStep::CredentialStep(ProcessCredentials creds) : creds_(std::move(creds)) {}

int CredentialStep::run(const void* self, SpawnChildError* err) noexcept {
  return static_cast<const CredentialStep*>(self)->execute(err);
}

int CredentialStep::execute(SpawnChildError* err) const noexcept {
  const ProcessCredentials& c = creds_;
  // 1. The bounding set first: it takes CAP_SETPCAP, which goes below.
  if (c.dropBounding) {
    for (int cap = 0; cap <= c.lastCap; ++cap) {
      if (has(c.keep, cap) || prctl(PR_CAPBSET_READ, cap, 0, 0, 0) == 0) continue;  // kept, or gone already
      if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL) return failStep(err, kStepBounding, cap);
    }
  }
  // 2. Groups, then gid, then uid (changing uid first would lose the right
  //    to change the others). Raw system calls: only this thread exists.
  if (c.changeIds) {
    bool keepCaps = c.keep != 0 && c.uid != 0;
    if (keepCaps && prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) != 0) return failStep(err, kStepKeepCaps, -1);
    if (syscall(SYS_setgroups, c.groups.size(), c.groups.data()) != 0) return failStep(err, kStepGroups, -1);
    if (syscall(SYS_setresgid, c.gid, c.gid, c.gid) != 0) return failStep(err, kStepGid, -1);
    if (syscall(SYS_setresuid, c.uid, c.uid, c.uid) != 0) return failStep(err, kStepUid, -1);
    if (keepCaps && prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) != 0) return failStep(err, kStepKeepCaps, -1);
  }
  // 3. Permitted, effective and inheritable sets down to what is kept.
  if (c.clearCapabilities) {
    struct __user_cap_header_struct header {};
    header.version = _LINUX_CAPABILITY_VERSION_3;
    header.pid = 0;
    struct __user_cap_data_struct data[2] {};
    for (int i = 0; i < 2; ++i) {
      auto bits = static_cast<__u32>(c.keep >> (32 * i));
      data[i].effective = bits;
      data[i].permitted = bits;
      data[i].inheritable = bits;
    }
    if (syscall(SYS_capset, &header, data) != 0) return failStep(err, kStepCapset, -1);
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL)
      return failStep(err, kStepAmbient, -1);
    // What is kept survives exec as a non-root user only through the
    // ambient set (libvirt raises it too).
    for (int cap = 0; cap <= c.lastCap && c.uid != 0; ++cap)
      if (has(c.keep, cap) && prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) != 0)
        return failStep(err, kStepAmbient, cap);
  }
  return 0;
}

std::string CredentialStep::describe(const void* self, const SpawnChildError& err) {
  const ProcessCredentials& c = static_cast<const CredentialStep*>(self)->creds_;
  std::string what;
  switch (err.step) {
    case kStepBounding:
      what = "cannot drop capability " + capabilityNames(CapabilityMask{1} << err.index).front() +
             " from the bounding set";
      break;
    case kStepGroups: what = "cannot set supplemental groups"; break;
    case kStepGid: what = "cannot change to '" + std::to_string(c.gid) + "' group"; break;
    case kStepUid: what = "cannot change to uid to '" + std::to_string(c.uid) + "'"; break;
    case kStepKeepCaps: what = "prctl failed to set KEEPCAPS"; break;
    case kStepCapset: what = "cannot apply process capabilities"; break;
    case kStepAmbient: what = "cannot change the ambient capabilities"; break;
    default: what = "cannot set the emulator's credentials"; break;
  }
  return what + ": " + std::strerror(err.err);
}

void CredentialStep::addTo(SpawnChildChain& chain) const { chain.add(run, this, describe); }

}  // namespace vireo::security
