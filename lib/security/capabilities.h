// The emulator's user, groups and capabilities, set between fork and exec.
//
// libvirt starts QEMU as the configured user (qemu.conf user/group) with
// that user's supplementary groups, and with clear_emulator_capabilities=1
// (the default) without any capability: permitted, effective, inheritable,
// ambient and bounding sets all empty, so that even QEMU running as root
// cannot gain one back through exec. A QEMU that runs as another user than
// root loses its capabilities the same way whatever the setting.
//
// planEmulatorCredentials() computes everything in the parent (ids, the
// group list from the user database, the capability masks, whether this
// process may change ids at all); the CredentialStep runs in the child with
// system calls only (prctl, capget, capset, setgroups, setresgid, setresuid)
// and fits in a SpawnChildChain after the steps that still need privileges
// (the private /dev, file ownership).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lib/util/spawn.h"

namespace vireo::security {

// A set of capabilities as a bit mask (bit N = capability N, CAP_CHOWN = 0).
using CapabilityMask = uint64_t;

// libcap-ng's names ("chown", "sys_admin", ...) of the capabilities in `mask`.
std::vector<std::string> capabilityNames(CapabilityMask mask);
// The mask of `names`; throws VIR_ERR_INVALID_ARG "Unknown capability 'x'".
CapabilityMask capabilityMask(const std::vector<std::string>& names);

// The highest capability number the running kernel knows
// (/proc/sys/kernel/cap_last_cap).
int lastCapability();

// What the child does before exec.
struct ProcessCredentials {
  bool changeIds = false;      // set uid, gid and groups (only possible with CAP_SETUID/CAP_SETGID)
  uid_t uid = 0;
  gid_t gid = 0;
  std::vector<gid_t> groups;   // the supplementary groups, replacing ours
  bool clearCapabilities = false;
  CapabilityMask keep = 0;     // capabilities kept when clearing (none for QEMU)
  bool dropBounding = false;   // empty the bounding set too (needs CAP_SETPCAP)
  int lastCap = 63;
};

// libvirt's rules for QEMU (virSetUIDGIDWithCaps called by virExec): the ids
// change when this process is privileged (else the child keeps ours, as an
// unprivileged libvirt does); capabilities are cleared when
// `clearCapabilities` (clear_emulator_capabilities) is set or the new user
// is not root. The groups are the user's from the user database
// (getgrouplist), or just `gid` when the uid has no entry.
ProcessCredentials planEmulatorCredentials(uid_t uid, gid_t gid, bool clearCapabilities);

// The child step for a ProcessCredentials.
class CredentialStep {
 public:
  explicit CredentialStep(ProcessCredentials creds);

  // SpawnChildWork / SpawnChildDescribe; `self` is a CredentialStep.
  static int run(const void* self, SpawnChildError* err) noexcept;
  static std::string describe(const void* self, const SpawnChildError& err);

  // Appends this step to `chain` (which must not outlive this object).
  void addTo(SpawnChildChain& chain) const;

  const ProcessCredentials& credentials() const { return creds_; }

 private:
  int execute(SpawnChildError* err) const noexcept;
  ProcessCredentials creds_;
};

}  // namespace vireo::security
